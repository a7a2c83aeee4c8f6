/**
 * Betas and Additional Body Fields (JSON): a way to use what the API ships before the form has a field
 * for it (context management, compaction, fallbacks...). Both are checked before any request; the body
 * fields are merged last, as an object, and may not set what a form field already sets, so the form
 * and the JSON never silently disagree about one field.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { parameterError } from '../errors';
import { splitList } from './attachments';
import { PROMPT_PARAMETERS as P } from './parameters';
import { parseJsonParameter } from './toolDefinitions';

const O = P.options;

/** Body keys the form itself sets, with the field(s) that set them. */
const FORM_KEYS: Record<string, string> = {
	model: P.modelId.label,
	max_tokens: P.maxTokens.label,
	messages: `${P.prompt.label} / ${P.messages.label} / ${P.messagesJson.label}`,
	system: P.system.label,
	tools: `${P.toolsJson.label} / ${P.builtInTools.label}`,
	tool_choice: P.toolChoice.label,
	thinking: O.thinking.label,
	output_config: `${O.effort.label} / ${O.outputSchema.label}`,
	stop_sequences: O.stopSequences.label,
	metadata: O.metadataUserId.label,
	service_tier: O.serviceTier.label,
	inference_geo: O.inferenceGeo.label,
	speed: O.speed.label,
	mcp_servers: P.mcpServers.label,
	container: `${P.skills.label} / ${P.customSkills.label} / ${O.containerId.label}`,
	betas: `${O.betas.label} / ${O.otherBetas.label}`,
	stream: 'the node (Send Message always streams)',
};

/** Keys Count Tokens has no field for: there they pass through to the count API, which says what it takes. */
const NOT_SET_WHEN_COUNTING = new Set(['max_tokens', 'stop_sequences', 'metadata', 'service_tier', 'inference_geo', 'speed', 'container', 'stream']);

/** A beta value goes into a header: letters, digits, dots, dashes and underscores only. */
const BETA_VALUE = /^[A-Za-z0-9._-]{1,100}$/;

export function readBetas(node: INode, options: IDataObject, itemIndex: number): string[] {
	const picked = Array.isArray(options[O.betas.name]) ? (options[O.betas.name] as unknown[]).map(String) : splitList(options[O.betas.name]);
	const typed = splitList(options[O.otherBetas.name]);
	for (const value of typed) {
		if (!BETA_VALUE.test(value)) {
			throw parameterError(node, O.otherBetas.label, `"${value}" is not a beta name`, itemIndex, 'Beta names look like context-management-2025-06-27: letters, digits and dashes, separated by commas.');
		}
	}
	return [...new Set([...picked, ...typed])];
}

/** The fields of Additional Body Fields (JSON), checked; undefined when there are none. */
export function readAdditionalBody(node: INode, options: IDataObject, itemIndex: number, countTokens = false): IDataObject | undefined {
	const raw = options[O.additionalBodyFields.name];
	if (raw === undefined) return undefined;
	const label = O.additionalBodyFields.label;
	const value = parseJsonParameter(node, label, raw, itemIndex);
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw parameterError(node, label, `must be a JSON object of body fields, not ${Array.isArray(value) ? 'a list' : typeof value}`, itemIndex, 'e.g. {"context_management": {"edits": [{"type": "clear_tool_uses_20250919"}]}}');
	}
	for (const key of Object.keys(value)) {
		if (key in FORM_KEYS && !(countTokens && NOT_SET_WHEN_COUNTING.has(key))) {
			throw parameterError(node, label, `"${key}" is set by ${FORM_KEYS[key]}`, itemIndex, `Use that field instead, or remove "${key}" from ${label}.`);
		}
		if (key === '__proto__' || key === 'constructor' || key === 'prototype' || !key.trim()) {
			throw parameterError(node, label, `"${key}" is not a body field name`, itemIndex);
		}
	}
	return value as IDataObject;
}

/** Merges the extra fields into a built request, which the form has already checked. */
export function mergeExtras<T extends object>(params: T, extra: IDataObject | undefined, betas: string[]): T {
	const merged = { ...params, ...(extra ?? {}) } as T & { betas?: string[] };
	const all = [...new Set([...(merged.betas ?? []), ...betas])];
	if (all.length) merged.betas = all;
	return merged;
}

/** Tool definitions from the node's parameters: client tools as JSON, and the server-side built-in tools. */
import type { IDataObject, INode } from 'n8n-workflow';
import { parameterError } from '../errors';
import { splitList } from './attachments';
import type { ToolDefinition } from '../../api/messages/types';
import { PROMPT_PARAMETERS } from './parameters';
import { userLocation, webFetchExtras } from './webToolSettings';

const TOOLS_PARAMETER = PROMPT_PARAMETERS.toolsJson.label;
const B = PROMPT_PARAMETERS.builtInTools;

/** Current server tool versions in the SDK's ToolUnion (1.14.0). */
export const WEB_SEARCH_TOOL = 'web_search_20260318';
export const WEB_FETCH_TOOL = 'web_fetch_20260318';
export const CODE_EXECUTION_TOOL = 'code_execution_20260521';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

/** Parses a `json` parameter, which n8n hands over as text or, from an expression, already as a value. */
export function parseJsonParameter(node: INode, parameter: string, raw: unknown, itemIndex: number): unknown {
	if (typeof raw !== 'string') return raw;
	if (!raw.trim()) return undefined;
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw parameterError(node, parameter, `is not valid JSON: ${(error as Error).message}`, itemIndex);
	}
}

export function clientTools(node: INode, raw: unknown, itemIndex: number): ToolDefinition[] {
	const value = parseJsonParameter(node, TOOLS_PARAMETER, raw, itemIndex);
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw parameterError(node, TOOLS_PARAMETER, 'must be a JSON array of tool definitions', itemIndex, 'e.g. [{"name": "get_weather", "description": "...", "input_schema": {"type": "object", "properties": {...}}}]');
	return value.map((tool, position) => {
		const where = `tool ${position + 1}`;
		if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
			throw parameterError(node, TOOLS_PARAMETER, `${where} is not an object`, itemIndex);
		}
		const entry = tool as Record<string, unknown>;
		if (typeof entry.name !== 'string' || !TOOL_NAME.test(entry.name)) {
			throw parameterError(node, TOOLS_PARAMETER, `${where} needs a "name" of 1-128 letters, digits, _ or -`, itemIndex);
		}
		// A server tool written by hand ({"type": "web_search_20260318", "name": "web_search", ...}) is passed on as is.
		if (typeof entry.type === 'string' && entry.type !== 'custom') return entry as ToolDefinition;
		if (entry.description !== undefined && typeof entry.description !== 'string') {
			throw parameterError(node, TOOLS_PARAMETER, `${where} ("${entry.name}") has a "description" that is not text`, itemIndex);
		}
		const schema = entry.input_schema;
		if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || (schema as IDataObject).type !== 'object') {
			throw parameterError(node, TOOLS_PARAMETER, `${where} ("${entry.name}") needs an "input_schema" that is a JSON schema of type "object"`, itemIndex);
		}
		return entry as ToolDefinition;
	});
}

export function builtInTools(node: INode, settings: IDataObject, itemIndex: number): ToolDefinition[] {
	const tools: ToolDefinition[] = [];
	if (settings[B.webSearch.name]) {
		const allowed = splitList(settings[B.webSearchAllowedDomains.name]);
		const blocked = splitList(settings[B.webSearchBlockedDomains.name]);
		if (allowed.length && blocked.length) {
			throw parameterError(node, B.label, `${B.webSearchAllowedDomains.label} and ${B.webSearchBlockedDomains.label} cannot both be set`, itemIndex);
		}
		tools.push({
			type: WEB_SEARCH_TOOL,
			name: 'web_search',
			...maxUses(node, B.webSearchMaxUses.label, settings[B.webSearchMaxUses.name], itemIndex),
			...(allowed.length ? { allowed_domains: allowed } : {}),
			...(blocked.length ? { blocked_domains: blocked } : {}),
			...userLocation(node, settings, itemIndex),
		});
	}
	if (settings[B.webFetch.name]) {
		const allowed = splitList(settings[B.webFetchAllowedDomains.name]);
		const blocked = splitList(settings[B.webFetchBlockedDomains.name]);
		if (allowed.length && blocked.length) {
			throw parameterError(node, B.label, `${B.webFetchAllowedDomains.label} and ${B.webFetchBlockedDomains.label} cannot both be set`, itemIndex);
		}
		tools.push({
			type: WEB_FETCH_TOOL,
			name: 'web_fetch',
			...maxUses(node, B.webFetchMaxUses.label, settings[B.webFetchMaxUses.name], itemIndex),
			...(allowed.length ? { allowed_domains: allowed } : {}),
			...(blocked.length ? { blocked_domains: blocked } : {}),
			...webFetchExtras(node, settings, itemIndex),
		});
	}
	if (settings[B.codeExecution.name]) tools.push({ type: CODE_EXECUTION_TOOL, name: 'code_execution' });
	return tools;
}

function maxUses(node: INode, parameter: string, value: unknown, itemIndex: number): { max_uses?: number } {
	if (value === undefined || value === null || value === '') return {};
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1) throw parameterError(node, `${B.label} › ${parameter}`, 'must be a whole number of at least 1', itemIndex);
	return { max_uses: n };
}

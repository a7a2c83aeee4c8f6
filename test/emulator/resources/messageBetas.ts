/**
 * The anthropic-beta values and body fields the Messages API knows, read from the official SDK's own type
 * declarations (not from this package's code), so the emulator refuses what the API would: an unknown
 * beta or body field is a 400 invalid_request_error.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmulatorHttpError } from '../types';

function sdkFile(path: string): string {
	return readFileSync(join(dirname(require.resolve('@anthropic-ai/sdk')), path), 'utf8');
}

function literals(text: string): string[] {
	return [...text.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}

let known: Set<string> | undefined;

/** AnthropicBeta's named values (SDK resources/beta/beta.d.ts). */
export function knownBetas(): Set<string> {
	if (!known) {
		const declaration = /export type AnthropicBeta = ([^;]*);/.exec(sdkFile('resources/beta/beta.d.ts'));
		if (!declaration) throw new Error('AnthropicBeta not found in the SDK');
		known = new Set(literals(declaration[1]));
	}
	return known;
}

/** The betas of a request's header, each checked. */
export function requestBetas(header: string | string[] | undefined): string[] {
	const values = (Array.isArray(header) ? header.join(',') : (header ?? ''))
		.split(',')
		.map((value) => value.trim())
		.filter(Boolean);
	for (const value of values) {
		if (!knownBetas().has(value)) throw new EmulatorHttpError(400, 'invalid_request_error', `Unexpected value(s) \`${value}\` for the \`anthropic-beta\` header. Please consult our documentation at docs.claude.com or try again without the header.`);
	}
	return values;
}

/** Body fields of the beta MessageCreateParams (1.15), without the header params. */
export const MESSAGE_BODY_FIELDS = new Set([
	'max_tokens', 'messages', 'model', 'billing_policy', 'cache_control', 'compaction', 'container', 'context_management',
	'diagnostics', 'fallback_credit_token', 'fallbacks', 'inference_geo', 'mcp_servers', 'metadata', 'output_config',
	'output_format', 'service_tier', 'speed', 'stop_sequences', 'stream', 'system', 'thinking', 'thread', 'tool_choice', 'tools',
]);

/** Body fields of the beta MessageCountTokensParams (1.15). */
export const COUNT_TOKENS_BODY_FIELDS = new Set([
	'messages', 'model', 'billing_policy', 'cache_control', 'compaction', 'context_management', 'mcp_servers', 'output_config',
	'output_format', 'speed', 'system', 'thinking', 'tool_choice', 'tools',
]);

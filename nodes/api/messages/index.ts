/**
 * messages: create, streamed create and count_tokens. The Messages node always streams (long answers
 * never hit the non-streaming limits); the chat model calls both ways, with per-call request options
 * (an agent's headers, betas, retries, timeout and abort signal).
 */
import type { ApiRequest, ClaudeAwsClient, SseEvent } from '../../transport/client';
import { ClaudeStreamError } from '../../transport/errors';
import { route } from '../path';
import { call, defineNoun } from '../resource';
import { uniqueBetas } from './betas';
import { assembleMessageStream, isMessageStop, MessageStreamError } from './assembleStream';
import type { CountTokensParams, Message, MessageParams } from './types';

export const MESSAGE = defineNoun('message', 'id');

/** What a caller may set on a Messages call besides the body. */
export type CallOptions = Omit<ApiRequest, 'method' | 'path' | 'body' | 'query' | 'stream'>;

const MESSAGES_PATH = route`/v1/messages`;

export const messages = {
	noun: MESSAGE,
	path: MESSAGES_PATH,
	/** Not streamed: the whole Message at once. An answer without content is an error, not an empty reply. */
	create: (client: ClaudeAwsClient, params: MessageParams, options: CallOptions = {}) =>
		call<Message>(client, MESSAGE, { ...withBetas(params, options), method: 'POST', path: MESSAGES_PATH }, ['content']),
	/** The raw SSE events of a streamed create, up to message_stop. */
	events: (client: ClaudeAwsClient, params: MessageParams, options: CallOptions = {}): AsyncGenerator<SseEvent> =>
		client.sse({ ...withBetas({ ...params, stream: true } as MessageParams, options), method: 'POST', path: MESSAGES_PATH }, isMessageStop),
	/** One Messages call, streamed and assembled into the Message the non-streaming call would return. */
	stream: (client: ClaudeAwsClient, params: MessageParams, signal?: AbortSignal): Promise<Message> =>
		assembleMessageStream(messages.events(client, params, { signal })).catch((error: unknown) => {
			throw asStreamError(error);
		}),
	countTokens: (client: ClaudeAwsClient, params: CountTokensParams) =>
		call<{ input_tokens: number }>(client, MESSAGE, { ...withBetas(params), method: 'POST', path: route`/v1/messages/count_tokens` }, ['input_tokens']),
};

/** `betas` of the params (a header param, as in the SDK) go into the anthropic-beta header, the rest is the body. */
function withBetas(params: MessageParams | CountTokensParams, options: CallOptions = {}): CallOptions & { body: unknown } {
	const { betas, ...body } = params;
	const all = uniqueBetas(options.betas, betas);
	// A gateway that echoes the request body into an error must not show an MCP server's token.
	const tokens = mcpTokens(body);
	const secrets = tokens.length ? { secrets: [...(options.secrets ?? []), ...tokens] } : {};
	return { ...options, body, ...secrets, ...(all.length ? { betas: all } : {}) };
}

function mcpTokens(body: unknown): string[] {
	const servers = (body as { mcp_servers?: Array<{ authorization_token?: unknown }> }).mcp_servers;
	return Array.isArray(servers) ? servers.map((server) => server?.authorization_token).filter((token): token is string => typeof token === 'string') : [];
}

/**
 * A stream the assembler refused (malformed, or ended before message_stop) as the transport's stream
 * error, so it reads like a stream that broke off: which path, and that nothing partial was kept.
 */
export function asStreamError(error: unknown): unknown {
	return error instanceof MessageStreamError ? new ClaudeStreamError(error.message, MESSAGES_PATH) : error;
}

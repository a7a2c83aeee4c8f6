/**
 * The chat model an AI Agent or chain receives: the SDK's BaseChatModel over the package's transport
 * (signing, retries, error hints). This module loads @n8n/ai-node-sdk, which takes about a second, so the
 * node file only requires it from supplyData.
 */
import { BaseChatModel, type ChatModelConfig, type GenerateResult, type Message, type StreamChunk, type Tool } from '@n8n/ai-node-sdk';
import { asStreamError, messages as messagesApi, type CallOptions } from '../../api/messages';
import { toJsonSchema } from '../../api/messages/toolSchema';
import type { Message as ApiMessage, MessageParams } from '../../api/messages/types';
import type { ClaudeAwsClient } from '../../transport/client';
import type { ModelSettings } from '../settings';
import { toGenerateResult } from './fromResponse';
import { StreamChunker } from './streamChunks';
import { rememberThinking } from './thinkingCache';
import { buildMessageParams, type CallSettings } from './toRequest';

export const PROVIDER = 'claude-platform-aws';

export interface ModelTransport {
	client: ClaudeAwsClient;
	/** Turns a transport or conversion failure into what the workflow shows (n8n's NodeApiError with the hint). */
	toError: (error: unknown) => Error;
}

/** ChatModelConfig plus the LangChain call options the SDK's adapter hands over as they are. */
type CallConfig = ChatModelConfig & { signal?: AbortSignal; stop?: string[] };

/** Headers a caller may not set: the transport owns authentication, routing and the body's framing. */
const RESERVED_HEADER = /^(authorization|host|content-type|content-length|anthropic-workspace-id|anthropic-version|x-amz-.*)$/i;

export class ClaudeAwsChatModel extends BaseChatModel<ChatModelConfig> {
	constructor(
		private readonly settings: ModelSettings,
		private readonly transport: ModelTransport,
		tools: Tool[] = [],
	) {
		super(
			PROVIDER,
			settings.model,
			{ maxTokens: settings.maxTokens, maxRetries: settings.maxRetries, timeout: settings.timeoutMs },
			tools,
		);
	}

	async generate(messages: Message[], config?: ChatModelConfig): Promise<GenerateResult> {
		const { body, request } = this.prepare(messages, config);
		let message: ApiMessage;
		try {
			message = await messagesApi.create(this.transport.client, body, request);
		} catch (error) {
			throw this.transport.toError(error);
		}
		rememberThinking(message.content);
		return toGenerateResult(message);
	}

	async *stream(messages: Message[], config?: ChatModelConfig): AsyncIterable<StreamChunk> {
		const { body, request } = this.prepare(messages, config);
		const chunker = new StreamChunker();
		let finished: ReturnType<StreamChunker['finish']>;
		try {
			for await (const event of messagesApi.events(this.transport.client, body, request)) {
				yield* chunker.add(event);
			}
			finished = chunker.finish();
		} catch (error) {
			throw this.transport.toError(asStreamError(error));
		}
		rememberThinking(finished.message.content);
		yield finished.chunk;
	}

	private prepare(messages: Message[], config?: ChatModelConfig): { body: MessageParams; request: CallOptions } {
		const merged = { ...this.defaultConfig, ...definedOnly((config ?? {}) as CallConfig) } as CallConfig;
		// A temperature, top P or top K of the call is dropped, as the node's own are: this API version has none.
		const call: CallSettings = {
			maxTokens: positive(merged.maxTokens) ?? this.settings.maxTokens,
			stopSequences: merged.stopSequences ?? merged.stop,
		};
		let body: MessageParams;
		try {
			// Tools hold zod schemas from whichever zod copy made them, so the schema is read by shape (as the
			// Messages node does for connected tools), not through the SDK's instanceof-based converter.
			body = buildMessageParams(messages, this.tools, this.settings, call, (tool) => toJsonSchema(tool.inputSchema));
		} catch (error) {
			throw this.transport.toError(error);
		}
		const { headers, betas } = splitHeaders(merged.headers);
		return {
			body,
			request: {
				maxRetries: merged.maxRetries,
				timeoutMs: positive(merged.timeout),
				signal: merged.abortSignal ?? merged.signal,
				...(headers ? { headers } : {}),
				...(betas ? { betas } : {}),
			},
		};
	}
}

function definedOnly(config: CallConfig): Partial<CallConfig> {
	// The adapter passes LangChain's options object (callbacks, tags, runName...); only known keys with values count.
	const keys: Array<keyof CallConfig> = ['maxTokens', 'stopSequences', 'stop', 'maxRetries', 'timeout', 'abortSignal', 'signal', 'headers'];
	const out: Partial<CallConfig> = {};
	for (const key of keys) if (config[key] !== undefined && config[key] !== null) (out as Record<string, unknown>)[key] = config[key];
	return out;
}

function positive(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

function splitHeaders(raw: Record<string, string | undefined> | undefined): { headers?: Record<string, string>; betas?: string[] } {
	if (!raw) return {};
	const headers: Record<string, string> = {};
	const betas: string[] = [];
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined || RESERVED_HEADER.test(name)) continue;
		if (name.toLowerCase() === 'anthropic-beta') betas.push(...value.split(',').map((v) => v.trim()).filter(Boolean));
		else headers[name.toLowerCase()] = value;
	}
	return { ...(Object.keys(headers).length ? { headers } : {}), ...(betas.length ? { betas } : {}) };
}

/**
 * Request validation for `POST /v1/messages` and `/v1/messages/count_tokens`, with the API's status codes and
 * `field.path: problem` message style. Everything the reply generator relies on is checked here.
 */
import { EmulatorHttpError, type Emulator } from '../types';
import { COUNT_TOKENS_BODY_FIELDS, MESSAGE_BODY_FIELDS } from './messageBetas';
import { validateFeatures } from './messageFeatures';
import { findModel } from './modelCatalog';
import { validateServing } from './messageServing';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function bad(message: string): EmulatorHttpError {
	return new EmulatorHttpError(400, 'invalid_request_error', message);
}

const isObject = (value: unknown): value is Record<string, any> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ValidateOptions {
	/** count_tokens has no max_tokens. */
	countTokens?: boolean;
	/** For checking `{type: 'file', file_id}` sources against the Files store, when it exists. */
	emulator?: Emulator;
	/** The anthropic-beta values of the request, checked against what its features need; not inside batches. */
	betas?: string[];
}

export function validateMessageParams(params: unknown, options: ValidateOptions = {}): asserts params is Record<string, any> {
	if (!isObject(params)) throw bad('The request body must be a JSON object.');

	if (params.model === undefined) throw bad('model: Field required');
	if (typeof params.model !== 'string') throw bad('model: Input should be a valid string');
	const model = findModel(params.model);
	if (!model) throw new EmulatorHttpError(404, 'not_found_error', `model: ${params.model}`);
	// A retired model stays in the catalogue, but "inference requests naming it fail" (SDK ModelInfo docs).
	if (model.lifecycle === 'retired') {
		throw new EmulatorHttpError(404, 'not_found_error', `model: ${params.model} was retired on ${model.retires_at}; use a newer model.`);
	}

	if (!options.countTokens) {
		if (params.max_tokens === undefined) throw bad('max_tokens: Field required');
		// 0 is allowed: it pre-warms the prompt cache without generating (SDK 1.14.0 docs).
		if (!Number.isInteger(params.max_tokens) || params.max_tokens < 0) {
			throw bad('max_tokens: Input should be a valid integer greater than or equal to 0');
		}
		if (params.max_tokens > model.max_tokens) {
			throw bad(
				`max_tokens: ${params.max_tokens} > ${model.max_tokens}, which is the maximum allowed number of output tokens for ${model.id}`,
			);
		}
	}

	validateMessages(params.messages, options);
	validateSystem(params.system);
	refuseSampling(params);
	refuseUnknownFields(params, options.countTokens === true);
	validateStopSequences(params.stop_sequences);
	validateThinking(params.thinking, options.countTokens ? undefined : params.max_tokens);
	validateTools(params.tools, params.tool_choice);
	validateOutputFormat(params);
	validateFeatures(params, { betas: options.betas, emulator: options.emulator, countTokens: options.countTokens });
	validateServing(params, { betas: options.betas, countTokens: options.countTokens });
	if (params.stream !== undefined && typeof params.stream !== 'boolean') throw bad('stream: Input should be a valid boolean');
}

function validateMessages(messages: unknown, options: ValidateOptions): void {
	if (messages === undefined) throw bad('messages: Field required');
	if (!Array.isArray(messages)) throw bad('messages: Input should be a valid list');
	if (messages.length === 0) throw bad('messages: at least one message is required');
	const conversation = messages.filter((message) => isObject(message) && message.role !== 'system');
	messages.forEach((message, index) => {
		if (!isObject(message)) throw bad(`messages.${index}: Input should be a valid dictionary`);
		if (!['user', 'assistant', 'system'].includes(message.role)) {
			throw bad(`messages.${index}.role: Input should be 'user', 'assistant' or 'system'`);
		}
		validateContent(message.content, `messages.${index}.content`, message.role, index === messages.length - 1, options);
	});
	if (conversation.length === 0) throw bad('messages: at least one user message is required');
	if (conversation[0].role !== 'user') throw bad('messages: first message must use the "user" role');
	validateToolPairs(messages);
}

function validateContent(content: unknown, path: string, role: string, isLast: boolean, options: ValidateOptions): void {
	if (typeof content === 'string') {
		// A final assistant message may be empty-ish prefill; everything else needs text.
		if (!content.length && !(role === 'assistant' && isLast)) throw bad(`${path}: text content blocks must be non-empty`);
		return;
	}
	if (!Array.isArray(content)) throw bad(`${path}: Input should be a valid string or list of content blocks`);
	if (content.length === 0 && role === 'user') throw bad(`${path}: user messages must have non-empty content`);
	content.forEach((block, index) => validateBlock(block, `${path}.${index}`, options));
}

function validateBlock(block: unknown, path: string, options: ValidateOptions): void {
	if (!isObject(block) || typeof block.type !== 'string') throw bad(`${path}.type: Field required`);
	switch (block.type) {
		case 'text':
			if (typeof block.text !== 'string') throw bad(`${path}.text: Field required`);
			if (!block.text.length) throw bad(`${path}: text content blocks must be non-empty`);
			return;
		case 'image':
			return validateSource(block.source, `${path}.source`, 'image', options);
		case 'document':
			return validateSource(block.source, `${path}.source`, 'document', options);
		case 'tool_use':
			if (typeof block.id !== 'string' || typeof block.name !== 'string') throw bad(`${path}: tool_use blocks need id and name`);
			if (!isObject(block.input)) throw bad(`${path}.input: Input should be a valid dictionary`);
			return;
		case 'tool_result':
			if (typeof block.tool_use_id !== 'string') throw bad(`${path}.tool_use_id: Field required`);
			if (block.content !== undefined && typeof block.content !== 'string' && !Array.isArray(block.content)) {
				throw bad(`${path}.content: Input should be a valid string or list`);
			}
			return;
		case 'container_upload': {
			// ContainerUploadBlockParam: a file of the Files store, read by code execution (checked in messageFeatures.ts).
			if (typeof block.file_id !== 'string') throw bad(`${path}.file_id: Field required`);
			const store = options.emulator?.state.files?.files;
			if (store instanceof Map && !store.has(block.file_id)) throw new EmulatorHttpError(404, 'not_found_error', `File not found: ${block.file_id}`);
			return;
		}
		case 'thinking':
			if (typeof block.thinking !== 'string' || typeof block.signature !== 'string') {
				throw bad(`${path}: thinking blocks need thinking and signature`);
			}
			return;
		default:
			// redacted_thinking, search_result, server tool results...: accepted as is.
			return;
	}
}

function validateSource(source: unknown, path: string, kind: 'image' | 'document', options: ValidateOptions): void {
	if (!isObject(source)) throw bad(`${path}: Field required`);
	switch (source.type) {
		case 'base64': {
			if (typeof source.data !== 'string' || !BASE64.test(source.data.replace(/\s/g, ''))) {
				throw bad(`${path}.data: The ${kind} data is not valid base64`);
			}
			if (kind === 'image' && !IMAGE_TYPES.includes(source.media_type)) {
				throw bad(`${path}.media_type: Input should be ${IMAGE_TYPES.map((type) => `'${type}'`).join(', ')}`);
			}
			if (kind === 'document' && source.media_type !== 'application/pdf') {
				throw bad(`${path}.media_type: Input should be 'application/pdf'`);
			}
			return;
		}
		case 'url': {
			if (typeof source.url !== 'string') throw bad(`${path}.url: Field required`);
			let protocol = '';
			try {
				protocol = new URL(source.url).protocol;
			} catch {
				protocol = '';
			}
			if (protocol !== 'https:' && protocol !== 'http:') throw bad(`${path}.url: Input should be a valid URL, scheme http or https`);
			return;
		}
		case 'file': {
			if (typeof source.file_id !== 'string') throw bad(`${path}.file_id: Field required`);
			const store = options.emulator?.state.files?.files;
			if (store instanceof Map && !store.has(source.file_id)) {
				throw new EmulatorHttpError(404, 'not_found_error', `File not found: ${source.file_id}`);
			}
			return;
		}
		case 'text':
			// PlainTextSource: any text file (CSV, Markdown...) is sent as text/plain.
			if (kind !== 'document' || typeof source.data !== 'string') throw bad(`${path}.data: Field required`);
			if (source.media_type !== 'text/plain') throw bad(`${path}.media_type: Input should be 'text/plain'`);
			return;
		case 'content':
			if (kind === 'document') return;
			throw bad(`${path}.type: unsupported source type 'content'`);
		default:
			throw bad(`${path}.type: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags`);
	}
}

/** Each tool_result must answer a tool_use of the previous assistant turn, and every tool_use must be answered. */
function validateToolPairs(messages: Array<Record<string, any>>): void {
	messages.forEach((message, index) => {
		if (!Array.isArray(message.content)) return;
		const results = message.content.filter((block: any) => block?.type === 'tool_result');
		if (message.role === 'user' && results.length) {
			const previous = messages[index - 1];
			const asked = new Set(
				Array.isArray(previous?.content) && previous.role === 'assistant'
					? previous.content.filter((block: any) => block?.type === 'tool_use').map((block: any) => block.id)
					: [],
			);
			const unexpected = results.map((block: any) => block.tool_use_id).filter((id: string) => !asked.has(id));
			if (unexpected.length) {
				throw bad(
					`messages.${index}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
				);
			}
		}
		if (message.role === 'assistant' && index < messages.length - 1) {
			const uses = message.content.filter((block: any) => block?.type === 'tool_use').map((block: any) => block.id);
			if (!uses.length) return;
			const next = messages[index + 1];
			const answered = new Set(
				Array.isArray(next?.content) ? next.content.filter((block: any) => block?.type === 'tool_result').map((block: any) => block.tool_use_id) : [],
			);
			const missing = uses.filter((id: string) => !answered.has(id));
			if (missing.length) {
				throw bad(
					`messages.${index + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
				);
			}
		}
	});
}

function validateSystem(system: unknown): void {
	if (system === undefined || typeof system === 'string') return;
	if (!Array.isArray(system)) throw bad('system: Input should be a valid string or list of text blocks');
	system.forEach((block, index) => {
		if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
			throw bad(`system.${index}: Input should be a text block`);
		}
	});
}

/**
 * API version 2026-10-21 has no sampling parameters: the SDK's MessageCreateParams (1.15.0) has no
 * temperature, top_p or top_k, and a request that sends one is refused like any field the API does not know.
 */
const REMOVED_SAMPLING_PARAMS = ['temperature', 'top_p', 'top_k'];

function refuseSampling(params: Record<string, any>): void {
	for (const name of REMOVED_SAMPLING_PARAMS) {
		if (name in params) {
			throw bad(`${name}: Extra inputs are not permitted (API version 2026-10-21 has no sampling parameters; use output_config.effort or thinking)`);
		}
	}
}

/** Like the API: a body field the request type does not have is refused, never ignored. */
function refuseUnknownFields(params: Record<string, any>, countTokens: boolean): void {
	const known = countTokens ? COUNT_TOKENS_BODY_FIELDS : MESSAGE_BODY_FIELDS;
	for (const name of Object.keys(params)) if (!known.has(name)) throw bad(`${name}: Extra inputs are not permitted`);
}

function validateStopSequences(stopSequences: unknown): void {
	if (stopSequences === undefined) return;
	if (!Array.isArray(stopSequences) || stopSequences.some((value) => typeof value !== 'string')) {
		throw bad('stop_sequences: Input should be a valid list of strings');
	}
	if (stopSequences.some((value: string) => !value.trim())) throw bad('stop_sequences: each stop sequence must contain non-whitespace');
}

function validateThinking(thinking: unknown, maxTokens: number | undefined): void {
	if (thinking === undefined || thinking === null) return;
	if (!isObject(thinking)) throw bad('thinking: Input should be a valid dictionary');
	switch (thinking.type) {
		case 'enabled':
			if (!Number.isInteger(thinking.budget_tokens)) throw bad('thinking.enabled.budget_tokens: Field required');
			if (thinking.budget_tokens < 1024) throw bad('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
			if (maxTokens !== undefined && maxTokens <= thinking.budget_tokens) {
				throw bad('`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size');
			}
			return;
		case 'adaptive':
		case 'disabled':
		case 'between_tools':
			return;
		default:
			throw bad(`thinking.type: Input should be 'enabled', 'disabled', 'adaptive' or 'between_tools'`);
	}
}

function validateTools(tools: unknown, toolChoice: unknown): void {
	const names = new Set<string>();
	if (tools !== undefined) {
		if (!Array.isArray(tools)) throw bad('tools: Input should be a valid list');
		tools.forEach((tool, index) => {
			if (!isObject(tool)) throw bad(`tools.${index}: Input should be a valid dictionary`);
			// An MCP toolset has no name of its own (its tools are the server's); messageFeatures.ts checks it.
			if (tool.type === 'mcp_toolset') return;
			if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
				throw bad(`tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
			}
			if (names.has(tool.name)) throw bad(`tools: Tool names must be unique (duplicate: ${tool.name})`);
			names.add(tool.name);
			// Server tools (web_search_20250305, code_execution_..., ...) carry a versioned type and no schema.
			if (tool.type !== undefined && tool.type !== 'custom') return;
			if (!isObject(tool.input_schema)) throw bad(`tools.${index}.custom.input_schema: Field required`);
			if (tool.input_schema.type !== 'object') throw bad(`tools.${index}.custom.input_schema.type: Input should be 'object'`);
		});
	}
	if (toolChoice === undefined) return;
	if (!isObject(toolChoice)) throw bad('tool_choice: Input should be a valid dictionary');
	if (!['auto', 'any', 'tool', 'none'].includes(toolChoice.type)) {
		throw bad(`tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'`);
	}
	if (toolChoice.type === 'tool' && !names.has(toolChoice.name)) {
		throw bad(`tool_choice.name: tool '${String(toolChoice.name)}' is not among the tools of this request`);
	}
	if ((toolChoice.type === 'any' || toolChoice.type === 'tool') && names.size === 0) {
		throw bad('tool_choice: tools must be given when tool_choice.type is "any" or "tool"');
	}
}

function validateOutputFormat(params: Record<string, any>): void {
	const check = (format: unknown, path: string) => {
		if (format === undefined || format === null) return;
		if (!isObject(format) || format.type !== 'json_schema') throw bad(`${path}.type: Input should be 'json_schema'`);
		if (!isObject(format.schema)) throw bad(`${path}.schema: Field required`);
	};
	if (params.output_config !== undefined) {
		if (!isObject(params.output_config)) throw bad('output_config: Input should be a valid dictionary');
		check(params.output_config.format, 'output_config.format');
		const effort = params.output_config.effort;
		if (effort !== undefined && effort !== null && !['low', 'medium', 'high', 'xhigh', 'max'].includes(effort)) {
			throw bad(`output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'`);
		}
	}
	// The earlier beta spelling of structured outputs.
	check(params.output_format, 'output_format');
}

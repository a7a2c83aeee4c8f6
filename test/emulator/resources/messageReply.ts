/**
 * The emulator's deterministic "model": builds a Messages API reply from the request alone, so tests can
 * assert exact content. Rules (first match wins for the main block):
 *
 * 1. The last user message holds tool_result blocks -> text `Tool result: <content>` (several joined by "; ").
 * 2. Structured output (`output_config.format` or legacy `output_format`, type json_schema) -> text is
 *    JSON.stringify of a value built from the schema and the prompt (see schemaValue.ts); the marker
 *    `[[invalid-json]]` in the prompt makes it return text that is not JSON.
 * 3. Custom tools: a tool whose name appears in the prompt (case-insensitive), or any tool forced by
 *    tool_choice ({type:'tool'} / {type:'any'} -> the named / first mentioned / first tool), is called with an
 *    input built from its input_schema; with tool_choice auto a text block `I'll use the <name> tool.`
 *    comes first; stop_reason 'tool_use'. tool_choice none never calls tools.
 * 4. Otherwise text `Echo: <last user text>` plus ` [1 image, 2 documents]` when the last user message has
 *    attachments, plus ` (system: <first 80 chars of the system prompt>)` when there is one.
 *
 * 5. Before the text of rule 4: with `mcp_servers`, an MCP tool call and its result; with skills in
 *    `container.skills` (and code execution), a code run that creates one file per skill in the Files
 *    store (report.xlsx for xlsx...); the reply's `container` names the container. See messageFeatures.ts.
 *
 * The marker `[[refusal]]` in the last user text makes an empty reply with stop_reason 'refusal' and
 * stop_details {type:'refusal', category:null, explanation}.
 *
 * Thinking (`thinking.type` enabled or adaptive) adds a first block `thinking` with text
 * `Thinking about: <last user text>` (empty when display is 'omitted') and a signature.
 * Tokens: ceil(characters / 4) for every text-ish part (input: system, messages, tool definitions; plus 100
 * per image and 200 per document); output likewise per block. `stop_sequences` cut the text at the first
 * occurrence (stop_reason 'stop_sequence'); `max_tokens` cuts the output at max_tokens * 4 characters
 * (stop_reason 'max_tokens').
 */
import { createHash } from 'node:crypto';
import { newId } from '../ids';
import type { Emulator } from '../types';
import { citationsFor, mcpBlocks, skillBlocks } from './messageFeatures';
import { valueForSchema } from './schemaValue';

export const INVALID_JSON_MARKER = '[[invalid-json]]';
export const REFUSAL_MARKER = '[[refusal]]';
export const INVALID_JSON_TEXT = 'Sure! Here is the JSON you asked for: {"answer": "unterminated';
const IMAGE_TOKENS = 100;
const DOCUMENT_TOKENS = 200;
const SYSTEM_SHOWN_CHARS = 80;

export type ReplyBlock =
	| { type: 'text'; text: string; citations: Array<Record<string, unknown>> | null }
	| { type: 'thinking'; thinking: string; signature: string }
	| { type: 'tool_use'; id: string; name: string; input: unknown; caller: { type: 'direct' } }
	/** Server tool, MCP and code execution blocks (messageFeatures.ts), sent whole. */
	| ServerBlock;

export interface ServerBlock {
	type: 'mcp_tool_use' | 'mcp_tool_result' | 'server_tool_use' | 'bash_code_execution_tool_result';
	[key: string]: unknown;
}

export interface ReplyUsage {
	input_tokens: number;
	output_tokens: number;
	cache_creation_input_tokens: number;
	cache_read_input_tokens: number;
	cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
	server_tool_use: null;
	service_tier: 'standard';
	/** The region the request asked for (inference_geo), or null for the workspace default. */
	inference_geo: string | null;
	output_tokens_details: { thinking_tokens: number } | null;
	/** Required by the SDK's Usage type (1.15.0): which speed served the request. */
	speed: 'standard' | 'fast';
}

export interface ReplyMessage {
	id: string;
	type: 'message';
	role: 'assistant';
	model: string;
	content: ReplyBlock[];
	stop_reason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';
	stop_sequence: string | null;
	stop_details: RefusalStopDetails | null;
	container: Record<string, unknown> | null;
	/** Required (nullable) in the SDK's Message type: cache diagnostics, only filled when asked for. */
	diagnostics: null;
	usage: ReplyUsage;
}

export interface RefusalStopDetails {
	type: 'refusal';
	category: null;
	explanation: string;
}

type Params = Record<string, any>;

export const tokensFor = (chars: number): number => Math.ceil(chars / 4);

function blocksOf(content: unknown): any[] {
	if (typeof content === 'string') return [{ type: 'text', text: content }];
	return Array.isArray(content) ? content : [];
}

function textOf(content: unknown): string {
	return blocksOf(content)
		.filter((block) => block?.type === 'text' && typeof block.text === 'string')
		.map((block) => block.text)
		.join('\n');
}

export function systemText(params: Params): string {
	const parts: string[] = [];
	if (typeof params.system === 'string') parts.push(params.system);
	else if (Array.isArray(params.system)) parts.push(textOf(params.system));
	for (const message of params.messages ?? []) if (message?.role === 'system') parts.push(textOf(message.content));
	return parts.filter(Boolean).join('\n');
}

function lastUserMessage(params: Params): Params | undefined {
	const messages: Params[] = params.messages ?? [];
	for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'user') return messages[i];
	return undefined;
}

/** Characters of everything the model reads, the basis of input_tokens (also used by count_tokens). */
export function countInputTokens(params: Params): number {
	let chars = systemText(params).length;
	let extra = 0;
	for (const message of params.messages ?? []) {
		for (const block of blocksOf(message?.content)) {
			switch (block?.type) {
				case 'text':
					chars += String(block.text ?? '').length;
					break;
				case 'image':
					extra += IMAGE_TOKENS;
					break;
				case 'document':
					extra += DOCUMENT_TOKENS;
					break;
				case 'tool_result':
					chars += toolResultText(block).length;
					break;
				default:
					chars += JSON.stringify(block ?? '').length;
			}
		}
	}
	if (Array.isArray(params.tools)) chars += JSON.stringify(params.tools).length;
	return Math.max(1, tokensFor(chars) + extra);
}

function toolResultText(block: Params): string {
	const content = block.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return textOf(content);
	return '';
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function attachmentNote(message: Params | undefined): string {
	const blocks = blocksOf(message?.content);
	const images = blocks.filter((block) => block?.type === 'image').length;
	const documents = blocks.filter((block) => block?.type === 'document').length;
	const parts = [images ? plural(images, 'image') : '', documents ? plural(documents, 'document') : ''].filter(Boolean);
	return parts.length ? `[${parts.join(', ')}]` : '';
}

function structuredSchema(params: Params): Params | undefined {
	const format = params.output_config?.format ?? params.output_format;
	return format?.type === 'json_schema' ? format.schema : undefined;
}

function customTools(params: Params): Params[] {
	return (params.tools ?? []).filter((tool: Params) => tool.type === undefined || tool.type === 'custom');
}

function toolsToCall(params: Params, userText: string): Params[] {
	const tools = customTools(params);
	const choice = params.tool_choice?.type ?? 'auto';
	if (choice === 'none' || !tools.length) return [];
	const mentioned = tools.filter((tool) => userText.toLowerCase().includes(String(tool.name).toLowerCase()));
	let chosen: Params[];
	if (choice === 'tool') chosen = tools.filter((tool) => tool.name === params.tool_choice.name);
	else if (choice === 'any') chosen = mentioned.length ? mentioned : [tools[0]];
	else chosen = mentioned;
	return params.tool_choice?.disable_parallel_tool_use ? chosen.slice(0, 1) : chosen;
}

function signatureFor(text: string): string {
	// Real signatures are long opaque base64; this one is stable for the same thinking text.
	const digest = createHash('sha256').update(`emulator-thinking:${text}`).digest();
	return Buffer.concat([digest, createHash('sha512').update(digest).digest()]).toString('base64');
}

/** The full, untruncated reply blocks. */
function draftBlocks(params: Params, extra: ReplyBlock[] = []): ReplyBlock[] {
	const lastUser = lastUserMessage(params);
	const userText = textOf(lastUser?.content);
	const blocks: ReplyBlock[] = [];

	const thinking = params.thinking?.type;
	if (thinking === 'enabled' || thinking === 'adaptive') {
		const text = params.thinking.display === 'omitted' ? '' : `Thinking about: ${userText}`;
		blocks.push({ type: 'thinking', thinking: text, signature: signatureFor(text || userText) });
	}

	const toolResults = blocksOf(lastUser?.content).filter((block) => block?.type === 'tool_result');
	if (toolResults.length) {
		blocks.push(textBlock(`Tool result: ${toolResults.map(toolResultText).join('; ')}`));
		return blocks;
	}

	const schema = structuredSchema(params);
	if (schema) {
		const text = userText.includes(INVALID_JSON_MARKER)
			? INVALID_JSON_TEXT
			: JSON.stringify(valueForSchema(schema, { text: userText }, { allProperties: true }));
		blocks.push(textBlock(text));
		return blocks;
	}

	const tools = toolsToCall(params, userText);
	if (tools.length) {
		if ((params.tool_choice?.type ?? 'auto') === 'auto') {
			blocks.push(textBlock(`I'll use the ${tools.map((tool) => tool.name).join(' and ')} tool.`));
		}
		for (const tool of tools) {
			blocks.push({
				type: 'tool_use',
				id: newId('toolu'),
				name: tool.name,
				input: valueForSchema(tool.input_schema ?? { type: 'object' }, { text: userText, ignoreWords: [tool.name] }),
				caller: { type: 'direct' },
			});
		}
		return blocks;
	}

	blocks.push(...(mcpBlocks(params, userText) as ServerBlock[]), ...extra);
	const system = systemText(params);
	const shownSystem = system.length > SYSTEM_SHOWN_CHARS ? `${system.slice(0, SYSTEM_SHOWN_CHARS)}…` : system;
	const text = [
		`Echo: ${userText}`.trimEnd(),
		attachmentNote(lastUser),
		system ? `(system: ${shownSystem})` : '',
	]
		.filter(Boolean)
		.join(' ');
	const citations = citationsFor(params);
	blocks.push(citations.length ? { type: 'text', text, citations } : textBlock(text));
	return blocks;
}

function textBlock(text: string): ReplyBlock {
	return { type: 'text', text, citations: null };
}

function blockChars(block: ReplyBlock): number {
	if (block.type === 'text') return block.text.length;
	if (block.type === 'thinking') return block.thinking.length;
	if (block.type !== 'tool_use') return 0;
	return JSON.stringify(block.input).length;
}

/** First `length` UTF-16 units, without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
	const cut = text.slice(0, length);
	return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function firstStopSequence(text: string, stopSequences: string[]): { index: number; sequence: string } | undefined {
	let found: { index: number; sequence: string } | undefined;
	for (const sequence of stopSequences) {
		const index = text.indexOf(sequence);
		if (index >= 0 && (!found || index < found.index)) found = { index, sequence };
	}
	return found;
}

/** Applies stop sequences and the max_tokens budget in generation order. */
function finishBlocks(draft: ReplyBlock[], params: Params) {
	const stopSequences: string[] = params.stop_sequences ?? [];
	let remaining = params.max_tokens * 4;
	const content: ReplyBlock[] = [];
	let stopReason: ReplyMessage['stop_reason'] = draft.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
	let stopSequence: string | null = null;

	for (const block of draft) {
		if (block.type === 'text') {
			let text = block.text;
			const stop = firstStopSequence(text, stopSequences);
			if (stop) text = text.slice(0, stop.index);
			if (text.length > remaining) {
				if (remaining > 0) content.push(textBlock(cutAt(text, remaining)));
				stopReason = 'max_tokens';
				break;
			}
			if (text.length) content.push({ ...block, text });
			remaining -= text.length;
			if (stop) {
				stopReason = 'stop_sequence';
				stopSequence = stop.sequence;
				break;
			}
		} else if (block.type === 'thinking') {
			if (block.thinking.length > remaining) {
				if (remaining > 0) content.push({ ...block, thinking: cutAt(block.thinking, remaining) });
				stopReason = 'max_tokens';
				break;
			}
			content.push(block);
			remaining -= block.thinking.length;
		} else {
			const chars = blockChars(block);
			if (chars > remaining) {
				stopReason = 'max_tokens';
				break;
			}
			content.push(block);
			remaining -= chars;
		}
	}
	return { content, stopReason, stopSequence };
}

function isRefusal(params: Params): boolean {
	return textOf(lastUserMessage(params)?.content).includes(REFUSAL_MARKER);
}

export function buildReply(params: Params, id: string = newId('msg'), emulator?: Emulator): ReplyMessage {
	const refusal = isRefusal(params);
	const skills = refusal ? { blocks: [], container: null } : skillBlocks(params, emulator);
	const finished = refusal
		? { content: [], stopReason: 'refusal' as const, stopSequence: null }
		: finishBlocks(draftBlocks(params, skills.blocks as ServerBlock[]), params);
	const { content, stopReason, stopSequence } = finished;
	const thinkingTokens = content
		.filter((block) => block.type === 'thinking')
		.reduce((sum, block) => sum + tokensFor(blockChars(block)), 0);
	const outputTokens = Math.min(
		params.max_tokens,
		content.reduce((sum, block) => sum + tokensFor(blockChars(block)), 0),
	);
	return {
		id,
		type: 'message',
		role: 'assistant',
		model: params.model,
		content,
		stop_reason: stopReason,
		stop_sequence: stopSequence,
		stop_details: refusal
			? { type: 'refusal', category: null, explanation: 'Emulated refusal (the prompt holds the [[refusal]] marker).' }
			: null,
		container: skills.container,
		diagnostics: null,
		usage: {
			input_tokens: countInputTokens(params),
			output_tokens: stopReason === 'max_tokens' ? params.max_tokens : outputTokens,
			cache_creation_input_tokens: 0,
			cache_read_input_tokens: 0,
			cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
			server_tool_use: null,
			service_tier: 'standard',
			inference_geo: typeof params.inference_geo === 'string' ? params.inference_geo : null,
			output_tokens_details: thinkingTokens ? { thinking_tokens: thinkingTokens } : null,
			speed: params.speed === 'fast' ? 'fast' : 'standard',
		},
	};
}

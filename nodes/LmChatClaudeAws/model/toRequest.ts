/**
 * n8n's provider-neutral conversation (SDK Message[] and Tool[]) as a Messages API request body.
 *
 * - system messages before the conversation become the top-level system prompt; a later one keeps its place;
 * - role "tool" messages (tool results) become user turns of tool_result blocks, answering tool_use IDs;
 * - reasoning content goes back as thinking blocks only when it carries its signature (the API refuses
 *   unsigned thinking); thinking n8n dropped is restored from thinkingCache for the tool calls it preceded;
 * - consecutive turns of one role are merged, tool results first, as the API wants them.
 */
import type { ContentToolResult, Message, MessageContent, Tool } from '@n8n/ai-node-sdk';
import type { ContentBlockParam, MessageParam, MessageParams, ToolDefinition } from '../../api/messages/types';
import { applyPromptCaching } from '../../shared/modelParams';
import type { ModelSettings } from '../settings';
import { fileBlock } from './media';
import { isThinkingBlock, recallThinking } from './thinkingCache';

/**
 * What one call may change over the node's settings (from ChatModelConfig or LangChain call options).
 * No temperature, top P or top K: API version 2026-10-21 has no sampling settings, as in the Messages node.
 */
export interface CallSettings {
	maxTokens: number;
	stopSequences?: string[];
}

export type SchemaOf = (tool: Tool & { type: 'function' }) => unknown;

type Turn = { role: 'user' | 'assistant' | 'system'; content: ContentBlockParam[] };

export function buildMessageParams(messages: Message[], tools: Tool[], settings: ModelSettings, call: CallSettings, schemaOf: SchemaOf): MessageParams {
	const { system, turns } = toTurns(messages);
	const params: MessageParams = { model: settings.model, max_tokens: call.maxTokens, messages: turns };
	if (system.length) params.system = system;
	if (tools.length) params.tools = tools.map((tool) => toToolDefinition(tool, schemaOf));

	if (settings.thinking) params.thinking = settings.thinking;
	if (call.stopSequences?.length) params.stop_sequences = call.stopSequences;
	if (settings.effort) params.output_config = { effort: settings.effort };
	if (settings.cache) applyPromptCaching(params, settings.cache);
	if (settings.serving) {
		Object.assign(params, settings.serving.fields);
		if (settings.serving.betas.length) params.betas = [...settings.serving.betas];
	}
	return params;
}

function toTurns(messages: Message[]): { system: ContentBlockParam[]; turns: MessageParam[] } {
	const system: ContentBlockParam[] = [];
	const turns: Turn[] = [];
	for (const message of messages) {
		if (message.role === 'system') {
			const blocks = textBlocks(message.content);
			if (!blocks.length) continue;
			if (turns.length === 0) system.push(...blocks);
			else turns.push({ role: 'system', content: blocks });
			continue;
		}
		const turn: Turn = message.role === 'assistant' ? { role: 'assistant', content: assistantBlocks(message.content) } : { role: 'user', content: userBlocks(message.content) };
		if (!turn.content.length) continue;
		const last = turns[turns.length - 1];
		if (last && last.role === turn.role) last.content.push(...turn.content);
		else turns.push(turn);
	}
	for (const turn of turns) if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
	return { system, turns: turns as MessageParam[] };
}

function textBlocks(content: MessageContent[]): ContentBlockParam[] {
	return content.filter((block) => block.type === 'text' && block.text.length > 0).map((block) => ({ type: 'text', text: (block as { text: string }).text }));
}

function userBlocks(content: MessageContent[]): ContentBlockParam[] {
	const blocks: ContentBlockParam[] = [];
	for (const block of content) {
		switch (block.type) {
			case 'text':
				if (block.text.length) blocks.push({ type: 'text', text: block.text });
				break;
			case 'file':
				blocks.push(fileBlock(block));
				break;
			case 'tool-result':
				blocks.push(toolResultBlock(block));
				break;
			case 'provider':
				if (typeof block.value?.type === 'string') blocks.push({ ...(block.value as ContentBlockParam) });
				break;
			default:
				// Reasoning, citations and tool calls have no meaning in a user turn.
				break;
		}
	}
	return blocks;
}

function assistantBlocks(content: MessageContent[]): ContentBlockParam[] {
	const blocks: ContentBlockParam[] = [];
	for (const block of content) {
		switch (block.type) {
			case 'text':
				if (block.text.length) blocks.push({ type: 'text', text: block.text });
				break;
			case 'reasoning': {
				const meta = (block.providerMetadata ?? {}) as Record<string, unknown>;
				if (typeof meta.redactedData === 'string') blocks.push({ type: 'redacted_thinking', data: meta.redactedData });
				else if (typeof meta.signature === 'string') blocks.push({ type: 'thinking', thinking: block.text, signature: meta.signature });
				break;
			}
			case 'tool-call':
				blocks.push({ type: 'tool_use', id: block.toolCallId ?? '', name: block.toolName, input: withoutCallId(parseInput(block.input), block.toolCallId) });
				break;
			case 'invalid-tool-call':
				// Still answered by a tool result (an error), so the call must stay in the conversation.
				if (block.toolCallId && block.name) blocks.push({ type: 'tool_use', id: block.toolCallId, name: block.name, input: parseInput(block.args) });
				break;
			case 'provider':
				if (typeof block.value?.type === 'string') blocks.push({ ...(block.value as ContentBlockParam) });
				break;
			default:
				break;
		}
	}
	const toolUseIds = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id as string);
	if (toolUseIds.length && !blocks.some(isThinkingBlock)) {
		const thinking = recallThinking(toolUseIds);
		if (thinking) return [...(thinking as ContentBlockParam[]), ...blocks];
	}
	// Thinking always leads an assistant turn.
	return [...blocks.filter(isThinkingBlock), ...blocks.filter((b) => !isThinkingBlock(b))];
}

function parseInput(input: unknown): Record<string, unknown> {
	if (input && typeof input === 'object' && !Array.isArray(input)) return input as Record<string, unknown>;
	if (typeof input !== 'string' || !input.trim()) return {};
	try {
		const parsed = JSON.parse(input);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { input: parsed };
	} catch {
		return { input };
	}
}

/** n8n's agent puts the call's ID into its arguments when it rebuilds the turn after the tool ran; Claude never sent it. */
function withoutCallId(input: Record<string, unknown>, toolCallId: string | undefined): Record<string, unknown> {
	if (!toolCallId || input.id !== toolCallId) return input;
	const { id: _id, ...rest } = input;
	return rest;
}

function toolResultBlock(block: ContentToolResult): ContentBlockParam {
	const result: ContentBlockParam = { type: 'tool_result', tool_use_id: block.toolCallId };
	const content = toolResultContent(block.result);
	if (content !== undefined) result.content = content;
	if (block.isError) result.is_error = true;
	return result;
}

function toolResultContent(result: unknown): string | ContentBlockParam[] | undefined {
	if (result === undefined || result === null) return undefined;
	if (typeof result === 'string') return result;
	// A tool that returned content blocks (text, images) keeps them; anything else is sent as JSON text.
	if (Array.isArray(result) && result.length && result.every((part) => part && typeof part === 'object' && (part.type === 'text' || part.type === 'file'))) {
		const blocks = (result as MessageContent[]).flatMap((part): ContentBlockParam[] => {
			if (part.type === 'file') return [fileBlock(part)];
			return part.type === 'text' && part.text.length ? [{ type: 'text', text: part.text }] : [];
		});
		if (blocks.length) return blocks;
	}
	return JSON.stringify(result);
}

function toolResultsFirst(content: ContentBlockParam[]): ContentBlockParam[] {
	return [...content.filter((b) => b.type === 'tool_result'), ...content.filter((b) => b.type !== 'tool_result')];
}

function toToolDefinition(tool: Tool, schemaOf: SchemaOf): ToolDefinition {
	if (tool.type === 'provider') {
		// A server tool such as web_search_20260318: its name is the type without the version date.
		const args = (tool.args ?? {}) as Record<string, unknown>;
		return { ...args, type: tool.name, name: typeof args.name === 'string' ? args.name : tool.name.replace(/_\d{8}$/, '') };
	}
	const definition: ToolDefinition = { name: tool.name, input_schema: objectSchema(schemaOf(tool)) };
	if (tool.description) definition.description = tool.description;
	if (tool.strict) definition.strict = true;
	return definition;
}

/** The API wants an object schema at the top; a tool taking one plain value gets it as "input". */
function objectSchema(schema: unknown): Record<string, unknown> {
	if (!schema || typeof schema !== 'object') return { type: 'object', properties: {} };
	const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
	if (rest.type === 'object') return { properties: {}, ...rest };
	return { type: 'object', properties: { input: rest }, required: ['input'] };
}

/**
 * Signed thinking blocks of answers that called tools, by tool_use ID.
 *
 * When thinking is on, the API wants the thinking blocks of the assistant turn that called a tool sent
 * back, unmodified, with the tool results. n8n's agent does not carry them: the SDK's LangChain adapter
 * drops the signature, and the agent rebuilds the assistant turn from the tool call alone when it
 * resumes after the tool ran (a new supplyData, so a new model instance). The tool_use ID survives, so the
 * blocks are kept here, process-wide, for a while; they are only handed out for that same random ID.
 */
import type { ContentBlock } from '../../api/messages/types';

const MAX_ENTRIES = 256;
const TTL_MS = 60 * 60 * 1000;

interface Entry {
	blocks: ContentBlock[];
	expires: number;
}

const entries = new Map<string, Entry>();

export function isThinkingBlock(block: { type?: unknown }): boolean {
	return block.type === 'thinking' || block.type === 'redacted_thinking';
}

/** Keeps the thinking of an answer that called tools. */
export function rememberThinking(content: ContentBlock[], now = Date.now()): void {
	const thinking = content.filter((block) => isThinkingBlock(block) && (block.type === 'redacted_thinking' || typeof block.signature === 'string'));
	if (!thinking.length) return;
	for (const block of content) {
		if (block.type !== 'tool_use' || typeof block.id !== 'string') continue;
		entries.delete(block.id);
		entries.set(block.id, { blocks: thinking.map((b) => ({ ...b })), expires: now + TTL_MS });
	}
	for (const [id, entry] of entries) {
		if (entries.size <= MAX_ENTRIES && entry.expires > now) break;
		entries.delete(id);
	}
}

/** The thinking that preceded these tool calls, if it is still known. */
export function recallThinking(toolUseIds: string[], now = Date.now()): ContentBlock[] | undefined {
	for (const id of toolUseIds) {
		const entry = entries.get(id);
		if (entry && entry.expires > now) return entry.blocks.map((b) => ({ ...b }));
	}
	return undefined;
}

export function forgetAllThinking(): void {
	entries.clear();
}

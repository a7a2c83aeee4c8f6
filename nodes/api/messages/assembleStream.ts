/**
 * Assembles the Messages SSE events into the Message the non-streaming API would have returned: text,
 * thinking with its signature, tool_use and server_tool_use inputs from input_json_delta pieces, server
 * tool result blocks as sent, citations, and message_delta's stop reason and usage.
 *
 * Stable API (the chat model node uses it too):
 *   new MessageAssembler(); assembler.add(event: { event: string; data: any }): void; assembler.finish(): Message
 *   assembleMessageStream(events: AsyncIterable<{ event: string; data: any }>): Promise<Message>
 *   isMessageStop(event): boolean   -- the `isFinal` to pass to client.sse()
 * finish() throws MessageStreamError when message_stop never came, so a cut stream is never a short answer.
 *
 * The gateway (or whatever sits between) is not trusted with the shape of the stream: a block index is
 * used only when it is the next one (start) or one already started (delta, stop). "__proto__",
 * "length", -1, 1.5 or 1e9 as an index would otherwise write onto Array.prototype, or into a sparse
 * array of a billion slots; such a stream fails as malformed.
 */
import type { ContentBlock, Message } from './types';

export interface StreamEvent {
	event: string;
	data: any;
}

export class MessageStreamError extends Error {
	constructor(
		message: string,
		/** 'malformed': events that cannot be part of a valid stream; 'incomplete': it ended too early. */
		readonly reason: 'malformed' | 'incomplete' = 'malformed',
	) {
		super(message);
		this.name = 'MessageStreamError';
	}
}

function malformed(detail: string): MessageStreamError {
	return new MessageStreamError(`The event stream was malformed: ${detail}; the answer was discarded.`);
}

/** A value from the stream, shown in an error without letting a huge one through whole. */
function shown(value: unknown): string {
	const text = typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'none' : String(JSON.stringify(value) ?? value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const isMessageStop = (event: StreamEvent): boolean => event.event === 'message_stop';

const TOOL_INPUT_BLOCKS = new Set(['tool_use', 'server_tool_use']);

export class MessageAssembler {
	private message?: Message;
	private readonly partialJson = new Map<number, string>();
	private stopped = false;

	/** The message so far (for progress), or undefined before message_start. */
	get snapshot(): Message | undefined {
		return this.message;
	}

	add({ event, data }: StreamEvent): void {
		const type = (data && typeof data.type === 'string' ? data.type : event) as string;
		if (type === 'ping') return;
		if (type === 'message_start') {
			if (this.message) throw new MessageStreamError('The event stream started a second message before the first one ended.');
			const start = data?.message as Message;
			if (!isObject(start) || (start.content !== undefined && !Array.isArray(start.content))) throw malformed('message_start carries no message');
			this.message = { ...start, content: [...(start.content ?? [])], usage: { ...start.usage } };
			return;
		}
		const message = this.message;
		if (!message) throw new MessageStreamError(`The event stream sent "${type}" before message_start.`);
		switch (type) {
			case 'content_block_start': {
				const index = this.blockIndex(type, data, message, true);
				const block = data.content_block;
				if (!isObject(block) || typeof block.type !== 'string') throw malformed(`content_block_start ${index} carries no content block`);
				message.content.push({ ...(block as ContentBlock) });
				if (TOOL_INPUT_BLOCKS.has(block.type)) this.partialJson.set(index, '');
				return;
			}
			case 'content_block_delta':
				this.applyDelta(message, this.blockIndex(type, data, message, false), data.delta);
				return;
			case 'content_block_stop':
				this.closeBlock(message, this.blockIndex(type, data, message, false));
				return;
			case 'message_delta': {
				if (!isObject(data)) throw malformed('message_delta carries no data');
				const delta = isObject(data.delta) ? data.delta : {};
				if ('stop_reason' in delta) message.stop_reason = delta.stop_reason;
				if ('stop_sequence' in delta) message.stop_sequence = delta.stop_sequence;
				if (delta.stop_details !== undefined) message.stop_details = delta.stop_details;
				if (delta.container != null) message.container = delta.container;
				// message_delta usage counters are whole-message totals: overwrite what is present, never add.
				for (const [key, value] of Object.entries(isObject(data.usage) ? data.usage : {})) {
					// Own keys of parsed JSON only; "__proto__" would otherwise replace the usage object's prototype.
					if (value !== null && value !== undefined && key !== '__proto__') message.usage[key] = value;
				}
				return;
			}
			case 'message_stop':
				this.stopped = true;
				return;
			default:
				// Unknown event types are new API features: ignoring them keeps the assembled message valid.
				return;
		}
	}

	finish(): Message {
		if (!this.message) throw new MessageStreamError('The event stream ended without a message.', 'incomplete');
		if (!this.stopped) throw new MessageStreamError('The event stream ended before message_stop; the partial answer was discarded.', 'incomplete');
		for (const index of [...this.partialJson.keys()]) this.closeBlock(this.message, index);
		this.message.content = this.message.content.filter((block) => block !== undefined);
		return this.message;
	}

	/**
	 * The index of a block event, trusted only when it is the next block (start) or one that started
	 * (delta, stop): blocks arrive in order, 0, 1, 2..., each started before its deltas.
	 */
	private blockIndex(type: string, data: any, message: Message, starting: boolean): number {
		const index: unknown = isObject(data) ? data.index : undefined;
		const next = message.content.length;
		if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
			throw malformed(`${type} has index ${shown(index)}, which is not a block number`);
		}
		if (starting && index !== next) throw malformed(`content_block_start has index ${index} where block ${next} comes next`);
		if (!starting && index >= next) throw malformed(`${type} for content block ${index}, which never started`);
		return index;
	}

	private applyDelta(message: Message, index: number, delta: any): void {
		const block = message.content[index];
		switch (delta?.type) {
			case 'text_delta':
				block.text = (block.text ?? '') + delta.text;
				return;
			case 'citations_delta':
				block.citations = [...((block.citations as unknown[]) ?? []), delta.citation];
				return;
			case 'thinking_delta':
				block.thinking = (block.thinking ?? '') + delta.thinking;
				return;
			case 'signature_delta':
				block.signature = delta.signature;
				return;
			case 'input_json_delta':
				this.partialJson.set(index, (this.partialJson.get(index) ?? '') + delta.partial_json);
				return;
			default:
				return;
		}
	}

	private closeBlock(message: Message, index: number): void {
		const json = this.partialJson.get(index);
		if (json === undefined) return;
		this.partialJson.delete(index);
		const block = message.content[index];
		// A tool call without input pieces keeps the input it started with ({}).
		if (!json.trim()) return;
		try {
			block.input = JSON.parse(json);
		} catch (error) {
			throw new MessageStreamError(`The input of tool call "${block.name ?? index}" in the event stream is not valid JSON: ${(error as Error).message}`);
		}
	}
}

export async function assembleMessageStream(events: AsyncIterable<StreamEvent>): Promise<Message> {
	const assembler = new MessageAssembler();
	for await (const event of events) assembler.add(event);
	return assembler.finish();
}

/**
 * Turns a finished reply into the Messages SSE event sequence, as the API sends it:
 * message_start (empty content) -> per block content_block_start, deltas, content_block_stop (a `ping` after
 * the first block starts) -> message_delta (stop_reason, usage) -> message_stop.
 * Text and thinking arrive in several deltas; tool input as several input_json_delta pieces.
 */
import type { ReplyBlock, ReplyMessage } from './messageReply';

export interface StreamEvent {
	event: string;
	data: Record<string, unknown>;
}

const TEXT_CHUNK = 12;

/** Splits into pieces of at most `size` code points (never inside a surrogate pair). */
export function chunkText(text: string, size = TEXT_CHUNK): string[] {
	const points = Array.from(text);
	const chunks: string[] = [];
	for (let i = 0; i < points.length; i += size) chunks.push(points.slice(i, i + size).join(''));
	return chunks;
}

function emptyBlock(block: ReplyBlock): Record<string, unknown> {
	switch (block.type) {
		case 'text':
			return { type: 'text', text: '', citations: null };
		case 'thinking':
			return { type: 'thinking', thinking: '', signature: '' };
		case 'tool_use':
			return { type: 'tool_use', id: block.id, name: block.name, input: {}, caller: block.caller };
		default:
			// Server tool and MCP blocks arrive whole in their start event.
			return block;
	}
}

function deltas(block: ReplyBlock): Array<Record<string, unknown>> {
	switch (block.type) {
		case 'text':
			return [
				...chunkText(block.text).map((text) => ({ type: 'text_delta', text })),
				...(block.citations ?? []).map((citation) => ({ type: 'citations_delta', citation })),
			];
		case 'thinking':
			return [
				...chunkText(block.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })),
				{ type: 'signature_delta', signature: block.signature },
			];
		case 'tool_use': {
			const json = JSON.stringify(block.input);
			// The API opens with an empty partial_json, then sends the JSON in arbitrary pieces.
			const pieceSize = Math.max(1, Math.ceil(json.length / 3));
			return ['', ...chunkText(json, pieceSize)].map((partial_json) => ({ type: 'input_json_delta', partial_json }));
		}
		default:
			return [];
	}
}

export function messageEvents(message: ReplyMessage): StreamEvent[] {
	const { usage } = message;
	const events: StreamEvent[] = [
		{
			event: 'message_start',
			data: {
				type: 'message_start',
				message: {
					...message,
					content: [],
					stop_reason: null,
					stop_sequence: null,
					stop_details: null,
					usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens), output_tokens_details: null },
				},
			},
		},
	];
	const ping: StreamEvent = { event: 'ping', data: { type: 'ping' } };
	if (!message.content.length) events.push(ping);
	message.content.forEach((block, index) => {
		events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: emptyBlock(block) } });
		if (index === 0) events.push(ping);
		for (const delta of deltas(block)) {
			events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } });
		}
		events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
	});
	events.push({
		event: 'message_delta',
		data: {
			type: 'message_delta',
			delta: {
				stop_reason: message.stop_reason,
				stop_sequence: message.stop_sequence,
				stop_details: message.stop_details,
				container: message.container,
			},
			usage: {
				input_tokens: usage.input_tokens,
				output_tokens: usage.output_tokens,
				cache_creation_input_tokens: usage.cache_creation_input_tokens,
				cache_read_input_tokens: usage.cache_read_input_tokens,
				server_tool_use: null,
				output_tokens_details: usage.output_tokens_details,
			},
		},
	});
	events.push({ event: 'message_stop', data: { type: 'message_stop' } });
	return events;
}

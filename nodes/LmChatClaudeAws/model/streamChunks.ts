/**
 * Messages SSE events as SDK stream chunks, in the order they arrive: text and thinking deltas as they
 * come; each tool call once, whole, when its block closes (its arguments are only valid JSON then, and
 * LangChain merges partial tool-call chunks by position); a finish chunk with the stop reason and usage
 * last. The Messages node's assembler builds the full message alongside, so a cut stream fails exactly
 * as it does there.
 */
import type { StreamChunk } from '@n8n/ai-node-sdk';
import { MessageAssembler, type StreamEvent } from '../../api/messages/assembleStream';
import type { Message as ApiMessage } from '../../api/messages/types';
import { contentOf, finishReasonOf, usageOf } from './fromResponse';

const WHOLE_BLOCKS = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);

export class StreamChunker {
	private readonly assembler = new MessageAssembler();

	/** Chunks for one event (none for bookkeeping events). */
	add(event: StreamEvent): StreamChunk[] {
		this.assembler.add(event);
		const data = event.data ?? {};
		const id = this.assembler.snapshot?.id;
		switch (data.type ?? event.event) {
			case 'content_block_delta': {
				const delta = data.delta ?? {};
				if (delta.type === 'text_delta' && delta.text) return [{ type: 'text-delta', id, delta: delta.text }];
				if (delta.type === 'thinking_delta' && delta.thinking) return [{ type: 'reasoning-delta', id, delta: delta.thinking }];
				// The signature closes a thinking block; it is what lets the block be sent back later.
				if (delta.type === 'signature_delta') return [{ type: 'reasoning-delta', id, delta: '', providerMetadata: { signature: delta.signature } }];
				return [];
			}
			case 'content_block_stop': {
				const block = this.assembler.snapshot?.content[data.index];
				if (!block) return [];
				if (block.type === 'tool_use') {
					return [{ type: 'tool-call-delta', id: block.id, name: block.name, argumentsDelta: JSON.stringify(block.input ?? {}) }];
				}
				if (block.type === 'redacted_thinking' || !WHOLE_BLOCKS.has(block.type)) {
					const content = contentOf(block);
					return content ? [{ type: 'content', id, content }] : [];
				}
				return [];
			}
			default:
				return [];
		}
	}

	/** The assembled message and the closing chunk; throws when the stream never reached message_stop. */
	finish(): { message: ApiMessage; chunk: StreamChunk } {
		const message = this.assembler.finish();
		return { message, chunk: { type: 'finish', finishReason: finishReasonOf(message.stop_reason), usage: usageOf(message.usage) } };
	}
}

/** A Messages API answer as the SDK's GenerateResult: content, finish reason, usage. */
import type { FinishReason, GenerateResult, MessageContent, TokenUsage } from '@n8n/ai-node-sdk';
import type { ContentBlock, Message as ApiMessage, Usage } from '../../api/messages/types';

export function toGenerateResult(message: ApiMessage): GenerateResult {
	const finishReason = finishReasonOf(message.stop_reason);
	return {
		id: message.id,
		finishReason,
		usage: usageOf(message.usage),
		message: { id: message.id, role: 'assistant', content: message.content.map(contentOf).filter((c): c is MessageContent => c !== undefined) },
		// LangChain callers only see this (as response_metadata), so the finish reason is repeated here.
		providerMetadata: {
			model_name: message.model,
			finish_reason: finishReason,
			stop_reason: message.stop_reason,
			stop_sequence: message.stop_sequence ?? null,
			...(message.stop_details ? { stop_details: message.stop_details } : {}),
			usage: message.usage,
		},
		rawResponse: message,
	};
}

export function finishReasonOf(stopReason: string | null | undefined): FinishReason {
	switch (stopReason) {
		case 'end_turn':
		case 'stop_sequence':
			return 'stop';
		case 'max_tokens':
		case 'model_context_window_exceeded':
			return 'length';
		case 'tool_use':
			return 'tool-calls';
		case 'refusal':
			return 'content-filter';
		default:
			// pause_turn (a server tool ran out of turns) and stop reasons newer than this code.
			return 'other';
	}
}

/** Prompt tokens count everything the model read, cached or not, as n8n's other Claude nodes do. */
export function usageOf(usage: Partial<Usage> | undefined): TokenUsage {
	const input = num(usage?.input_tokens);
	const cacheRead = num(usage?.cache_read_input_tokens);
	const cacheWrite = num(usage?.cache_creation_input_tokens);
	const output = num(usage?.output_tokens);
	const promptTokens = input + cacheRead + cacheWrite;
	const thinking = num((usage?.output_tokens_details as { thinking_tokens?: number } | null | undefined)?.thinking_tokens);
	return {
		promptTokens,
		completionTokens: output,
		totalTokens: promptTokens + output,
		...(cacheRead ? { inputTokenDetails: { cacheRead } } : {}),
		...(thinking ? { outputTokenDetails: { reasoning: thinking } } : {}),
		additionalMetadata: { inputTokens: input, cacheReadInputTokens: cacheRead, cacheCreationInputTokens: cacheWrite, outputTokens: output },
	};
}

export function contentOf(block: ContentBlock): MessageContent | undefined {
	switch (block.type) {
		case 'text':
			return {
				type: 'text',
				text: block.text ?? '',
				...(Array.isArray(block.citations) && block.citations.length ? { providerMetadata: { citations: block.citations } } : {}),
			};
		case 'thinking':
			return { type: 'reasoning', text: block.thinking ?? '', providerMetadata: { signature: block.signature ?? '' } };
		case 'redacted_thinking':
			return { type: 'reasoning', text: '', providerMetadata: { redactedData: block.data } };
		case 'tool_use':
			return { type: 'tool-call', toolCallId: block.id, toolName: block.name ?? '', input: JSON.stringify(block.input ?? {}) };
		default:
			// Server tool calls and results, and block types newer than this code: kept whole for the round trip.
			return { type: 'provider', value: { ...block } };
	}
}

function num(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

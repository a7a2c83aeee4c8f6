/** stream() over SSE: chunks in the order the gateway sends them, adding up to what generate() returns. */
import { HumanMessage } from '@langchain/core/messages';
import type { StreamChunk, Tool } from '@n8n/ai-node-sdk';
import { NodeOperationError } from 'n8n-workflow';
import { chunkText } from '../../emulator/resources/messageStream';
import { useModelHarness, user } from './harness';

const h = useModelHarness();

async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
	const chunks: StreamChunk[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return chunks;
}

const weather: Tool = { type: 'function', name: 'weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('stream()', () => {
	it('yields the text deltas in order, then a finish chunk matching the non-streamed answer', async () => {
		const { model } = await h.supply();
		const prompt = user('Tell me about the longest rivers of South America, in order');
		const answer = await model.generate([prompt]);
		const chunks = await collect(model.stream([prompt]));

		const text = (answer.message.content[0] as { text: string }).text;
		const deltas = chunks.filter((c) => c.type === 'text-delta').map((c) => (c as { delta: string }).delta);
		// Exactly the pieces the gateway sent, in its order.
		expect(deltas).toEqual(chunkText(text));
		expect(deltas.length).toBeGreaterThan(3);
		expect(chunks.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage: answer.usage });
		expect(chunks.filter((c) => c.type === 'finish')).toHaveLength(1);
		expect(h.requests()[1].json.stream).toBe(true);
		expect(h.requests()[1].headers.accept).toBe('text/event-stream');
	});

	it('streams thinking as reasoning deltas ending with the signature, before the text', async () => {
		const { model } = await h.supply({ options: { thinking: 'enabled', thinkingBudget: 1024, maxTokens: 2048 } });
		const chunks = await collect(model.stream([user('Why is the sky blue?')]));
		const kinds = chunks.map((c) => c.type);
		const firstText = kinds.indexOf('text-delta');
		expect(kinds.lastIndexOf('reasoning-delta')).toBeLessThan(firstText);
		const reasoning = chunks.filter((c) => c.type === 'reasoning-delta') as Array<{ delta: string; providerMetadata?: { signature?: string } }>;
		expect(reasoning.map((c) => c.delta).join('')).toBe('Thinking about: Why is the sky blue?');
		expect(reasoning.at(-1)?.providerMetadata?.signature).toMatch(/^[A-Za-z0-9+/]{40,}/);
		const finish = chunks.at(-1) as { usage: { outputTokenDetails?: { reasoning?: number } } };
		expect(finish.usage.outputTokenDetails?.reasoning).toBeGreaterThan(0);
	});

	it('yields each tool call whole, with its ID, and finishes with tool-calls', async () => {
		const { model } = await h.supply();
		const chunks = await collect(model.withTools([weather]).stream([user('Use weather for "Lima"')]));
		const calls = chunks.filter((c) => c.type === 'tool-call-delta');
		expect(calls).toEqual([{ type: 'tool-call-delta', id: expect.stringMatching(/^toolu_/), name: 'weather', argumentsDelta: '{"city":"Lima"}' }]);
		expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
		// The text before the call arrives before it.
		expect(chunks.findIndex((c) => c.type === 'text-delta')).toBeLessThan(chunks.findIndex((c) => c.type === 'tool-call-delta'));
	});

	it('fails with a node error when the stream is cut, never with a short answer', async () => {
		const { model } = await h.supply({ options: { maxRetries: 0 } });
		h.emulator.faults.inject({ path: '/v1/messages', fault: { type: 'cutStream', afterEvents: 4 } });
		const seen: StreamChunk[] = [];
		const error = await (async () => {
			for await (const chunk of model.stream([user('Tell me a long story about rivers')])) seen.push(chunk);
		})().catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/event stream/i);
		expect(seen.some((c) => c.type === 'finish')).toBe(false);
	});

	it('fails as malformed when a block index is "__proto__", without touching Array.prototype (17.10)', async () => {
		const { model } = await h.supply({ options: { maxRetries: 0 } });
		const message = { id: 'msg_bad', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
		const rawBody = [
			`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message })}\n\n`,
			'event: content_block_start\ndata: {"type": "content_block_start", "index": "__proto__", "content_block": {"type": "text", "text": ""}}\n\n',
			'event: message_stop\ndata: {"type": "message_stop"}\n\n',
		].join('');
		h.emulator.faults.inject({ path: '/v1/messages', fault: { type: 'status', status: 200, rawBody, headers: { 'content-type': 'text/event-stream' } } });
		const seen: StreamChunk[] = [];
		const error = await (async () => {
			for await (const chunk of model.stream([user('Hello')])) seen.push(chunk);
		})().catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^The event stream was malformed: content_block_start has index "__proto__"/);
		expect(error.description).toMatch(/nothing partial was returned/);
		expect(seen.some((c) => c.type === 'finish')).toBe(false);
		expect((Array.prototype as unknown as Record<string, unknown>).type).toBeUndefined();
	});

	it('reports an error event of the stream with the API error type', async () => {
		const { model } = await h.supply({ options: { maxRetries: 0 } });
		h.emulator.faults.inject({ path: '/v1/messages', fault: { type: 'sseError', afterEvents: 3, errorType: 'overloaded_error', message: 'Overloaded' } });
		const error = await (async () => {
			for await (const _ of model.stream([user('Hello')])) void _;
		})().catch((e) => e);
		expect(error.message).toMatch(/overloaded_error: Overloaded/);
		expect(error.description).toMatch(/overloaded/i);
	});
});

describe('stream() through the LangChain adapter', () => {
	it('streams text chunks that add up to the answer, and a tool call LangChain can parse', async () => {
		const { langchain } = await h.supply();
		const pieces: string[] = [];
		let final: any;
		for await (const chunk of await langchain.stream([new HumanMessage('Say something about Lima and Quito')])) {
			pieces.push(typeof chunk.content === 'string' ? chunk.content : chunk.content.map((c: { text?: string }) => c.text ?? '').join(''));
			final = final ? final.concat(chunk) : chunk;
		}
		expect(pieces.join('')).toBe('Echo: Say something about Lima and Quito');
		expect(final.response_metadata.finish_reason).toBe('stop');
		expect(final.usage_metadata).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });

		const bound = langchain.bindTools([{ type: 'function', function: { name: 'weather', description: 'Weather', parameters: weather.inputSchema } }]);
		let merged: any;
		for await (const chunk of await bound.stream([new HumanMessage('Use weather for "Quito"')])) merged = merged ? merged.concat(chunk) : chunk;
		expect(merged.tool_calls).toEqual([expect.objectContaining({ name: 'weather', args: { city: 'Quito' }, id: expect.stringMatching(/^toolu_/) })]);
	});
});

/** generate(): what reaches the wire for the node's options and n8n's content types, and how the answer maps back. */
import { HumanMessage } from '@langchain/core/messages';
import type { Message } from '@n8n/ai-node-sdk';
import { MODEL, system, useModelHarness, user } from './harness';

const h = useModelHarness();

// A 1x1 PNG and the start of a PDF: real signatures, so type sniffing is exercised.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF').toString('base64');

describe('request', () => {
	it('sends the model, default max tokens and the system prompt; nothing the user did not set', async () => {
		const { model } = await h.supply();
		await model.generate([system('Answer in French.'), user('Hello')]);
		const body = h.requests()[0].json;
		expect(body).toEqual({
			model: MODEL,
			max_tokens: 4096,
			system: [{ type: 'text', text: 'Answer in French.' }],
			messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
		});
	});

	it('sends the options: max tokens, effort, stop sequences of the call', async () => {
		const { model } = await h.supply({ model: { __rl: true, mode: 'list', value: 'claude-opus-5' }, options: { maxTokens: 300, effort: 'low' } });
		await model.generate([user('Hi')], { stopSequences: ['END'] });
		const body = h.requests()[0].json;
		expect(body).toEqual({ model: 'claude-opus-5', max_tokens: 300, output_config: { effort: 'low' }, stop_sequences: ['END'], messages: expect.any(Array) });
	});

	it('sends Inference Region and Speed; Fast adds the fast-mode beta to the agent\'s own betas', async () => {
		const { model } = await h.supply({ options: { inferenceGeo: 'us', speed: 'fast' } });
		const answer = await model.generate([user('Hi')], { headers: { 'anthropic-beta': 'compact-2026-01-12' } });
		const [request] = h.requests();
		expect(request.json).toMatchObject({ inference_geo: 'us', speed: 'fast' });
		expect(request.json).not.toHaveProperty('betas');
		expect(request.headers['anthropic-beta']).toBe('compact-2026-01-12,fast-mode-2026-02-01');
		expect(answer.providerMetadata?.usage).toMatchObject({ inference_geo: 'us', speed: 'fast' });
	});

	it('sends thinking with a budget', async () => {
		const { model } = await h.supply({ options: { thinking: 'enabled', thinkingBudget: 2000, maxTokens: 3000 } });
		await model.generate([user('Hi')]);
		expect(h.requests()[0].json.thinking).toEqual({ type: 'enabled', budget_tokens: 2000 });
	});

	it('puts prompt cache breakpoints on the system prompt, the last tool and the end of the conversation', async () => {
		const { model } = await h.supply({ options: { promptCaching: '1h' } });
		const tools = [
			{ type: 'function' as const, name: 'a', inputSchema: { type: 'object' as const, properties: {} } },
			{ type: 'function' as const, name: 'b', inputSchema: { type: 'object' as const, properties: {} } },
		];
		await model.withTools(tools).generate([system('Be kind.'), user('First'), { role: 'assistant', content: [{ type: 'text', text: 'Reply' }] }, user('Second')]);
		const body = h.requests()[0].json;
		const cache = { type: 'ephemeral', ttl: '1h' };
		expect(body.system).toEqual([{ type: 'text', text: 'Be kind.', cache_control: cache }]);
		expect(body.tools.map((t: { cache_control?: unknown }) => t.cache_control)).toEqual([undefined, cache]);
		expect(body.messages.at(-1).content).toEqual([{ type: 'text', text: 'Second', cache_control: cache }]);
		expect(body.messages[0].content[0]).not.toHaveProperty('cache_control');
	});

	it('merges consecutive turns of one role and keeps a later system message in place', async () => {
		const { model } = await h.supply();
		await model.generate([user('One'), user('Two'), { role: 'assistant', content: [{ type: 'text', text: 'Three' }, { type: 'text', text: '' }] }, system('Now be terse.'), user('Four')]);
		expect(h.requests()[0].json.messages).toEqual([
			{ role: 'user', content: [{ type: 'text', text: 'One' }, { type: 'text', text: 'Two' }] },
			{ role: 'assistant', content: [{ type: 'text', text: 'Three' }] },
			{ role: 'system', content: [{ type: 'text', text: 'Now be terse.' }] },
			{ role: 'user', content: [{ type: 'text', text: 'Four' }] },
		]);
	});
});

describe('files', () => {
	it('maps images and PDFs (base64, data URL, bytes, no media type) to image and document blocks', async () => {
		const { model } = await h.supply();
		const messages: Message[] = [
			{
				role: 'user',
				content: [
					{ type: 'file', mediaType: 'image/png', data: PNG },
					{ type: 'file', data: `data:image/png;base64,${PNG}` },
					{ type: 'file', data: Buffer.from(PNG, 'base64') },
					// n8n's agent passes PDFs without a media type (its mime_type key is not read by the SDK).
					{ type: 'file', data: PDF, providerMetadata: { filename: 'invoice.pdf' } },
					{ type: 'file', mediaType: 'text/plain', data: Buffer.from('plain notes').toString('base64') },
					{ type: 'text', text: 'What is in these?' },
				],
			},
		];
		const answer = await model.generate(messages);
		expect(answer.message.content).toEqual([{ type: 'text', text: 'Echo: What is in these? [3 images, 2 documents]' }]);
		const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } };
		expect(h.requests()[0].json.messages[0].content).toEqual([
			image,
			image,
			image,
			{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF }, title: 'invoice.pdf' },
			{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain notes' } },
			{ type: 'text', text: 'What is in these?' },
		]);
	});

	it("takes the AI Agent's passthrough PDFs (no media type) but gets no image_url images from the SDK 0.30.1 adapter", async () => {
		const { langchain } = await h.supply();
		await langchain.invoke([
			new HumanMessage({
				content: [
					{ type: 'text', text: 'Read these' },
					{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
					{ type: 'file', source_type: 'base64', mime_type: 'application/pdf', data: PDF, metadata: { filename: 'a.pdf' } },
				],
			}),
		]);
		// If this starts failing because the image arrives, the SDK maps image_url now: update docs/nodes/chat-model.md.
		expect(h.requests()[0].json.messages[0].content).toEqual([
			{ type: 'text', text: 'Read these' },
			{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF }, title: 'a.pdf' },
		]);
	});

	it('maps URL references to url sources', async () => {
		const { model } = await h.supply();
		await model.generate([
			{
				role: 'user',
				content: [
					{ type: 'file', data: '', providerMetadata: { url: 'https://example.com/cat.jpg' } },
					{ type: 'file', mediaType: 'application/pdf', data: '', providerMetadata: { url: 'https://example.com/a.pdf' } },
					{ type: 'text', text: 'Compare' },
				],
			},
		]);
		expect(h.requests()[0].json.messages[0].content.slice(0, 2)).toEqual([
			{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
			{ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
		]);
	});

	it('refuses a file type Claude cannot read, naming it, before any request', async () => {
		const { model } = await h.supply();
		const error = await model
			.generate([{ role: 'user', content: [{ type: 'file', mediaType: 'audio/mpeg', data: 'AAAA' }, { type: 'text', text: 'Listen' }] }])
			.catch((e) => e);
		expect(error.message).toMatch(/cannot read a file of type audio\/mpeg/);
		expect(h.requests()).toHaveLength(0);
	});
});

describe('answer', () => {
	it('maps usage and the finish reason, for the SDK and for LangChain', async () => {
		const { model, langchain } = await h.supply();
		const answer = await model.generate([user('Hello there')]);
		expect(answer.finishReason).toBe('stop');
		expect(answer.id).toMatch(/^msg_/);
		expect(answer.message).toEqual({ id: answer.id, role: 'assistant', content: [{ type: 'text', text: 'Echo: Hello there' }] });
		const raw = (answer.rawResponse as { usage: { input_tokens: number; output_tokens: number } }).usage;
		expect(answer.usage).toMatchObject({ promptTokens: raw.input_tokens, completionTokens: raw.output_tokens, totalTokens: raw.input_tokens + raw.output_tokens });

		const ai = await langchain.invoke([new HumanMessage('Hello there')]);
		expect(ai.usage_metadata).toMatchObject({ input_tokens: raw.input_tokens, output_tokens: raw.output_tokens });
		expect(ai.response_metadata).toMatchObject({ finish_reason: 'stop', stop_reason: 'end_turn', model_name: MODEL });
	});

	it('maps max_tokens to length and a refusal to content-filter', async () => {
		const { model } = await h.supply({ options: { maxTokens: 2 } });
		expect((await model.generate([user('A rather long question that will be cut')])).finishReason).toBe('length');
		expect((await model.generate([user('[[refusal]]')])).finishReason).toBe('content-filter');
	});
});

// 17.17: API version 2026-10-21 (SDK 1.14+) has no sampling settings, and the Messages node never sends them.
describe('no temperature, top P or top K, as in the Messages node', () => {
	const SAMPLING = ['temperature', 'top_p', 'top_k'];

	it('a saved workflow with Temperature and Top P set still supplies the model, and sends neither', async () => {
		const { model, langchain } = await h.supply({ options: { temperature: 0.2, topP: 0.9 } });
		await model.generate([user('Hi')]);
		await langchain.invoke('Hi');
		expect(h.requests()).toHaveLength(2);
		for (const request of h.requests()) for (const key of SAMPLING) expect(request.json).not.toHaveProperty(key);
	});

	it('saved values that were once refused (out of range, or Temperature with Thinking) no longer fail: they are ignored', async () => {
		const { model } = await h.supply({ options: { thinking: 'adaptive', temperature: 0.3, topP: 1.5 } });
		await model.generate([user('Hi')]);
		expect(h.requests()[0].json.thinking).toEqual({ type: 'adaptive' });
		for (const key of SAMPLING) expect(h.requests()[0].json).not.toHaveProperty(key);
	});

	it('temperature, top P and top K of a call (SDK config or LangChain call options) are not forwarded, streamed or not', async () => {
		const { model, langchain } = await h.supply();
		const sampling = { temperature: 0.5, topP: 0.4, topK: 5 };
		await model.generate([user('Hi')], sampling);
		for await (const _chunk of model.stream([user('Hi')], sampling)) void _chunk;
		await langchain.invoke('Hi', sampling);
		expect(h.requests()).toHaveLength(3);
		for (const request of h.requests()) for (const key of SAMPLING) expect(request.json).not.toHaveProperty(key);
	});
});

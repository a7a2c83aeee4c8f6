/** Send Message over real HTTP: what reaches the wire, and what the workflow gets back. */
import { Readable } from 'node:stream';
import { clientFromCredential } from '../../../nodes/shared/client';
import { multipartFile } from '../../../nodes/transport/multipart';
import { accessKeyCredentials } from '../../helpers/credentials';
import { send, useHarness } from './harness';

const h = useHarness();

const WEATHER_TOOL = {
	name: 'get_weather',
	description: 'Current weather of a city',
	input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('what reaches the wire', () => {
	test('a simple prompt streams a minimal request and returns the simplified answer', async () => {
		const result = await h.run(send());
		expect(result.error).toBeUndefined();
		expect(h.requests()).toHaveLength(1);
		expect(h.requests()[0].json).toEqual({
			model: 'claude-sonnet-5-5',
			max_tokens: 4096,
			messages: [{ role: 'user', content: 'Hello there' }],
			stream: true,
		});
		expect(h.requests()[0].headers.accept).toBe('text/event-stream');
		expect(result.json).toEqual([
			{
				text: 'Echo: Hello there',
				stop_reason: 'end_turn',
				usage: expect.objectContaining({ input_tokens: 3, output_tokens: 5 }),
				model: 'claude-sonnet-5-5',
				id: expect.stringMatching(/^msg_/),
			},
		]);
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });
	});

	test('every option is sent the way the Messages API expects it', async () => {
		const result = await h.run(
			send({
				modelId: { __rl: true, mode: 'id', value: 'claude-opus-5' },
				system: 'Be brief',
				maxTokens: 3000,
				toolsJson: JSON.stringify([WEATHER_TOOL]),
				toolChoice: 'any',
				builtInTools: {
					webSearch: true,
					webSearchMaxUses: 3,
					webSearchAllowedDomains: 'example.com, wikipedia.org',
					webFetch: true,
					webFetchMaxUses: 2,
					codeExecution: true,
				},
				options: {
					effort: 'low',
					thinking: 'enabled',
					thinkingBudget: 1024,
					thinkingDisplay: 'omitted',
					stopSequences: 'END, ###',
					metadataUserId: 'user-123',
					serviceTier: 'standard_only',
					promptCaching: '1h',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const cache = { type: 'ephemeral', ttl: '1h' };
		expect(h.requests()[0].json).toEqual({
			model: 'claude-opus-5',
			max_tokens: 3000,
			stream: true,
			system: [{ type: 'text', text: 'Be brief', cache_control: cache }],
			messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there', cache_control: cache }] }],
			tools: [
				WEATHER_TOOL,
				{ type: 'web_search_20260318', name: 'web_search', max_uses: 3, allowed_domains: ['example.com', 'wikipedia.org'] },
				{ type: 'web_fetch_20260318', name: 'web_fetch', max_uses: 2 },
				{ type: 'code_execution_20260521', name: 'code_execution', cache_control: cache },
			],
			tool_choice: { type: 'any' },
			thinking: { type: 'enabled', budget_tokens: 1024, display: 'omitted' },
			output_config: { effort: 'low' },
			stop_sequences: ['END', '###'],
			metadata: { user_id: 'user-123' },
			service_tier: 'standard_only',
		});
	});

	test('5-minute caching and a specific tool choice', async () => {
		await h.run(send({ toolsJson: [WEATHER_TOOL], toolChoice: 'tool', toolChoiceName: 'get_weather', options: { promptCaching: '5m' } }));
		const body = h.requests()[0].json;
		expect(body.tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
		expect(body.tools).toEqual([{ ...WEATHER_TOOL, cache_control: { type: 'ephemeral', ttl: '5m' } }]);
		expect(body.system).toBeUndefined();
		expect(body.messages[0].content).toEqual([{ type: 'text', text: 'Hello there', cache_control: { type: 'ephemeral', ttl: '5m' } }]);
	});

	test('a message list makes a multi-turn conversation', async () => {
		const result = await h.run({
			resource: 'message',
			operation: 'send',
			promptType: 'messages',
			messages: {
				values: [
					{ role: 'user', content: 'My name is Ada.' },
					{ role: 'assistant', content: 'Hello Ada!' },
					{ role: 'user', content: 'What is my name?' },
				],
			},
		});
		expect(h.requests()[0].json.messages).toEqual([
			{ role: 'user', content: 'My name is Ada.' },
			{ role: 'assistant', content: 'Hello Ada!' },
			{ role: 'user', content: 'What is my name?' },
		]);
		expect(result.json[0].text).toBe('Echo: What is my name?');
	});

	test('messages as JSON, from an expression, with content blocks', async () => {
		const conversation = [
			{ role: 'user', content: [{ type: 'text', text: 'Question one' }] },
			{ role: 'assistant', content: 'Answer one' },
			{ role: 'user', content: 'Question two' },
		];
		const result = await h.run(
			{ resource: 'message', operation: 'send', promptType: 'json', messagesJson: '={{ $json.conversation }}' },
			{ input: [{ conversation }] },
		);
		expect(result.error).toBeUndefined();
		expect(h.requests()[0].json.messages).toEqual(conversation);
		expect(result.json[0].text).toBe('Echo: Question two');
	});
});

describe('answers assembled from the event stream', () => {
	test('thinking text and signature are assembled; Include Thinking off hides the text', async () => {
		const raw = await h.run(send({ simplify: false, options: { thinking: 'adaptive' } }));
		const message = raw.json[0] as any;
		expect(h.requests()[0].json.thinking).toEqual({ type: 'adaptive' });
		expect(message.content[0]).toEqual({ type: 'thinking', thinking: 'Thinking about: Hello there', signature: expect.stringMatching(/^[A-Za-z0-9+/]{40,}={0,2}$/) });
		expect(message.content[1]).toEqual({ type: 'text', text: 'Echo: Hello there', citations: null });

		const shown = await h.run(send({ options: { thinking: 'adaptive' } }));
		expect(shown.json[0].thinking).toBe('Thinking about: Hello there');
		const hidden = await h.run(send({ options: { thinking: 'adaptive', includeThinking: false } }));
		expect(hidden.json[0].thinking).toBeUndefined();
		expect(hidden.json[0].text).toBe('Echo: Hello there');
	});

	test('the streamed answer equals the non-streamed one: text, thinking, tool_use input from input_json_delta pieces, usage', async () => {
		const parameters = send({
			prompt: 'Use get_weather for city: Paris, please',
			toolsJson: JSON.stringify([WEATHER_TOOL]),
			options: { thinking: 'adaptive' },
			simplify: false,
		});
		const result = await h.run(parameters);
		const streamed = result.json[0] as any;

		const { stream, ...body } = h.requests()[0].json;
		expect(stream).toBe(true);
		const client = clientFromCredential(accessKeyCredentials(h.emulator));
		const direct = await client.request<any>({ method: 'POST', path: '/v1/messages', body });

		const withoutIds = (m: any) => ({ ...m, id: 'x', content: m.content.map((b: any) => (b.type === 'tool_use' ? { ...b, id: 'x' } : b)) });
		expect(withoutIds(streamed)).toEqual(withoutIds(direct));
		expect(streamed.stop_reason).toBe('tool_use');
		expect(streamed.usage.output_tokens).toBe(direct.usage.output_tokens);
		expect(streamed.content.map((b: any) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
		expect(streamed.content[2].input).toEqual({ city: 'Paris' });

		const simple = await h.run({ ...parameters, simplify: true });
		expect(simple.json[0].tool_calls).toEqual([{ id: expect.stringMatching(/^toolu_/), name: 'get_weather', input: { city: 'Paris' } }]);
		expect(simple.json[0].stop_reason).toBe('tool_use');
	});

	test('a stream cut before message_stop is an error, never a partial answer', async () => {
		h.emulator.faults.inject({ method: 'POST', path: '/v1/messages', fault: { type: 'cutStream', afterEvents: 4 } });
		const result = await h.run(send({ options: { maxRetries: 0 } }));
		expect(result.json).toEqual([]);
		expect(result.error?.message).toMatch(/event stream (ended|broke off)/);
		expect(result.error?.message).toContain('(item 0)');
		expect((result.error as any).description).toMatch(/incomplete, so nothing partial was returned/);
	});

	test.each([
		['"__proto__"', '"__proto__"'],
		['1e9', '1000000000'],
		['-1', '-1'],
	])('a stream whose content_block_start index is %s fails the item as malformed; the other items go through (17.10)', async (_name, index) => {
		const message = { id: 'msg_bad', type: 'message', role: 'assistant', model: 'claude-sonnet-5-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
		const rawBody = [
			`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message })}\n\n`,
			`event: content_block_start\ndata: {"type": "content_block_start", "index": ${index}, "content_block": {"type": "text", "text": ""}}\n\n`,
			`event: content_block_delta\ndata: {"type": "content_block_delta", "index": ${index}, "delta": {"type": "text_delta", "text": "x"}}\n\n`,
			'event: message_stop\ndata: {"type": "message_stop"}\n\n',
		].join('');
		h.emulator.faults.inject({ method: 'POST', path: '/v1/messages', fault: { type: 'status', status: 200, rawBody, headers: { 'content-type': 'text/event-stream' } } });
		const result = await h.run(send({ prompt: '={{ $json.q }}', options: { maxRetries: 0, concurrency: 1 } }), { input: [{ q: 'one' }, { q: 'two' }], continueOnFail: true });
		expect(result.json[0]).toEqual({
			error: expect.stringMatching(/^The event stream was malformed: content_block_start has index .+ \(item 0\)$/),
			errorDescription: expect.stringMatching(/\/v1\/messages was incomplete, so nothing partial was returned/),
		});
		expect(result.json[1]).toMatchObject({ text: 'Echo: two' });
		expect((Array.prototype as unknown as Record<string, unknown>).text).toBeUndefined();
	});

	test('an error event in the stream fails the item with its type', async () => {
		h.emulator.faults.inject({ method: 'POST', path: '/v1/messages', fault: { type: 'sseError', afterEvents: 2, errorType: 'overloaded_error', message: 'Overloaded' } });
		const result = await h.run(send({ options: { maxRetries: 0 } }), { continueOnFail: true });
		expect(result.json).toEqual([{ error: expect.stringContaining('overloaded_error: Overloaded (item 0)'), errorDescription: expect.any(String) }]);
	});
});

describe('structured output', () => {
	const schema = { type: 'object', properties: { city: { type: 'string' }, population: { type: 'integer' } }, required: ['city', 'population'] };

	test('the schema is sent as output_config.format and the answer is parsed into json', async () => {
		const result = await h.run(send({ prompt: 'city: Lyon, population: 522000', options: { outputSchema: JSON.stringify(schema) } }));
		expect(result.error).toBeUndefined();
		expect(h.requests()[0].json.output_config).toEqual({ format: { type: 'json_schema', schema } });
		expect(result.json[0].json).toEqual({ city: 'Lyon', population: 522000 });
		expect(JSON.parse(result.json[0].text as string)).toEqual({ city: 'Lyon', population: 522000 });
	});

	test('an answer that does not parse fails only that item, with a clear message', async () => {
		const result = await h.run(send({ prompt: '={{ $json.q }}', options: { outputSchema: schema, effort: 'medium' } }), {
			input: [{ q: 'city: Lyon' }, { q: 'give me [[invalid-json]]' }, { q: 'city: Nice' }],
			continueOnFail: true,
		});
		expect(h.requests()[0].json.output_config).toEqual({ effort: 'medium', format: { type: 'json_schema', schema } });
		expect(result.json[0].json).toEqual(expect.objectContaining({ city: 'Lyon' }));
		expect(result.json[1]).toEqual({ error: expect.stringMatching(/^The model's answer is not valid JSON for the Output Schema: .*\(item 1\)$/) });
		expect(result.json[2].json).toEqual(expect.objectContaining({ city: 'Nice' }));
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('attachments', () => {
	const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

	test('images, PDFs and text files from binary properties become image and document blocks before the prompt', async () => {
		const result = await h.run(send({ binaryProperties: 'data, invoice ,notes' }), {
			binary: [
				{
					data: { data: png, fileName: 'pixel.png', mimeType: 'image/png' },
					invoice: { data: pdf, fileName: 'invoice.pdf', mimeType: 'application/pdf' },
					notes: { data: Buffer.from('Remember the milk'), fileName: 'notes.txt', mimeType: 'text/plain; charset=utf-8' },
				},
			],
		});
		expect(result.error).toBeUndefined();
		expect(h.requests()[0].json.messages).toEqual([
			{
				role: 'user',
				content: [
					{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') } },
					{ type: 'document', title: 'invoice.pdf', source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') } },
					{ type: 'document', title: 'notes.txt', source: { type: 'text', media_type: 'text/plain', data: 'Remember the milk' } },
					{ type: 'text', text: 'Hello there' },
				],
			},
		]);
		expect(result.json[0].text).toBe('Echo: Hello there [1 image, 2 documents]');
	});

	test('binary data kept inline (n8n default mode) is read the same way', async () => {
		const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
		const result = await h.run(send({ binaryProperties: 'data' }), { binaryMode: 'default', binary: [{ data: { data: jpeg, fileName: 'a.jpg', mimeType: 'image/jpg' } }] });
		expect(result.error).toBeUndefined();
		expect(h.requests()[0].json.messages[0].content[0]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: jpeg.toString('base64') } });
	});

	test('Files API file IDs become file sources of document or image blocks, in the last user message', async () => {
		const client = clientFromCredential(accessKeyCredentials(h.emulator));
		const upload = (name: string, type: string, bytes: Buffer) => {
			const body = multipartFile({ fieldName: 'file', fileName: name, contentType: type, size: bytes.length, open: () => Readable.from([bytes]) });
			return client.request<any>({ method: 'POST', path: '/v1/files', stream: { open: body.open, contentType: body.contentType, contentLength: body.contentLength } });
		};
		const doc = await upload('report.pdf', 'application/pdf', pdf);
		const image = await upload('pixel.png', 'image/png', png);
		h.emulator.clearReceived();

		const result = await h.run({
			resource: 'message',
			operation: 'send',
			promptType: 'messages',
			messages: { values: [{ role: 'user', content: 'First' }, { role: 'assistant', content: 'Ok' }, { role: 'user', content: 'Compare them' }] },
			fileAttachments: { values: [{ fileId: doc.id, type: 'document' }, { fileId: image.id, type: 'image' }] },
		});
		expect(result.error).toBeUndefined();
		const messages = h.requests()[0].json.messages;
		expect(messages[0]).toEqual({ role: 'user', content: 'First' });
		expect(messages[2].content).toEqual([
			{ type: 'document', source: { type: 'file', file_id: doc.id } },
			{ type: 'image', source: { type: 'file', file_id: image.id } },
			{ type: 'text', text: 'Compare them' },
		]);
		expect(result.json[0].text).toBe('Echo: Compare them [1 image, 1 document]');
	});
});

describe('many items', () => {
	test('50 items with concurrency keep their order and pairing, and really run in parallel', async () => {
		h.emulator.setLatency(40);
		try {
			const input = Array.from({ length: 50 }, (_, i) => ({ q: `question ${i}` }));
			const result = await h.run(send({ prompt: '={{ $json.q }}', options: { concurrency: 16 } }), { input });
			expect(result.error).toBeUndefined();
			expect(result.json.map((j) => j.text)).toEqual(input.map((i) => `Echo: ${i.q}`));
			expect(result.items[0].map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
			expect(h.requests()).toHaveLength(50);
			// Seen by the gateway: several at once, never more than the option allows.
			expect(h.emulator.concurrency.highWater).toBeGreaterThan(1);
			expect(h.emulator.concurrency.highWater).toBeLessThanOrEqual(16);
		} finally {
			h.emulator.setLatency(0);
		}
	});

	test('Continue On Fail: one bad item among good ones gets { error } alone; the others go through', async () => {
		const result = await h.run(send({ prompt: '={{ $json.q }}' }), { input: [{ q: 'one' }, { q: '' }, { q: 'three' }], continueOnFail: true });
		expect(result.json).toEqual([
			expect.objectContaining({ text: 'Echo: one' }),
			{ error: 'Prompt: is empty (item 1)', errorDescription: expect.stringContaining('Type the message') },
			expect.objectContaining({ text: 'Echo: three' }),
		]);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(h.requests().map((r) => r.json.messages[0].content)).toEqual(expect.arrayContaining(['one', 'three']));
		expect(h.requests()).toHaveLength(2);
	});

	test('parameters are read once per run unless they hold an expression: each item gets its own values', async () => {
		const result = await h.run(send({ prompt: 'Same prompt', system: 'Be brief.', options: { stopSequences: 'END', metadataUserId: '={{ $json.user }}' } }), {
			input: [{ user: 'u-1' }, { user: 'u-2' }, { user: 'u-3' }],
		});
		expect(result.error).toBeUndefined();
		const sent = h.requests().map((r) => r.json);
		expect(sent.map((body) => body.metadata.user_id).sort()).toEqual(['u-1', 'u-2', 'u-3']);
		for (const body of sent) expect(body).toMatchObject({ system: 'Be brief.', stop_sequences: ['END'], messages: [{ role: 'user', content: 'Same prompt' }] });
	});

	test('a bad value without an expression fails every item with its own index (Continue On Fail)', async () => {
		const result = await h.run(send({ maxTokens: 0 }), { input: [{}, {}, {}], continueOnFail: true });
		expect(result.json.map((j) => j.error)).toEqual([0, 1, 2].map((i) => `Max Tokens: must be a whole number of at least 1, got 0 (item ${i})`));
		expect(h.requests()).toHaveLength(0);
	});

	test('without Continue On Fail the node fails with the first bad item', async () => {
		const result = await h.run(send({ prompt: '={{ $json.q }}' }), { input: [{ q: 'one' }, { q: ' ' }] });
		expect(result.error?.message).toBe('Prompt: is empty (item 1)');
	});

	test('when an item fails the node, the error names the messages other items already sent (billed, tools run)', async () => {
		const result = await h.run(send({ prompt: '={{ $json.q }}' }), { input: [{ q: 'one' }, { q: ' ' }, { q: 'three' }] });
		expect(result.error?.message).toBe('Prompt: is empty (item 1)');
		expect((result.error as any).description).toMatch(/Already done before this failure, do not run them again: item 0 \(msg_\w+\)/);
	});
});

describe('API failures', () => {
	test('a 400 invalid_request_error shows status, type, message and request ID', async () => {
		h.emulator.faults.inject({
			method: 'POST',
			path: '/v1/messages',
			fault: { type: 'status', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'messages.0.content: bad block' }, request_id: 'req_test_400' } },
		});
		const result = await h.run(send());
		expect(result.error?.message).toBe('400 invalid_request_error: messages.0.content: bad block (item 0)');
		expect((result.error as any).description).toContain('Request ID: req_test_400');
		expect((result.error as any).httpCode).toBe('400');
		expect(h.requests()).toHaveLength(1);
	});

	test('an unknown model is the API\'s 404, passed on', async () => {
		const result = await h.run(send({ modelId: { __rl: true, mode: 'id', value: 'claude-nonexistent-9' } }), { continueOnFail: true });
		expect(result.json[0].error).toBe('404 not_found_error: model: claude-nonexistent-9 (item 0)');
		expect(result.json[0].errorDescription).toMatch(/Request ID: req_/);
	});
});

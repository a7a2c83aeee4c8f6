/** Models and Messages over real HTTP: validation, deterministic replies, SSE event order. */
import { startEmulator } from './server';
import { bearerRequest, parseSse, postJson, signedRequest } from './testRequest';
import { INVALID_JSON_MARKER, REFUSAL_MARKER } from './resources/messageReply';
import type { Emulator } from './types';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());

const model = 'claude-sonnet-4-6';
const ask = (content: unknown, extra: Record<string, unknown> = {}) => ({
	model,
	max_tokens: 2000,
	messages: [{ role: 'user', content }],
	...extra,
});
const create = (body: unknown) => postJson(emulator, '/v1/messages', body);
const weatherTool = {
	name: 'get_weather',
	description: 'Weather for a place',
	input_schema: {
		type: 'object',
		properties: { location: { type: 'string' }, days: { type: 'integer' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
		required: ['location', 'days'],
	},
};

describe('models', () => {
	it('lists models in ID pages', async () => {
		const first = await bearerRequest(emulator, { path: '/v1/models?limit=3' });
		expect(first.status).toBe(200);
		expect(first.json.data).toHaveLength(3);
		expect(first.json).toMatchObject({ has_more: true, first_id: first.json.data[0].id, last_id: first.json.data[2].id });
		expect(first.json.data[0]).toMatchObject({ type: 'model', id: expect.any(String), display_name: expect.any(String), created_at: expect.any(String) });
		const next = await bearerRequest(emulator, { path: `/v1/models?limit=3&after_id=${first.json.last_id}` });
		expect(next.json.data[0].id).not.toBe(first.json.data[2].id);
		const all = await bearerRequest(emulator, { path: '/v1/models?limit=1000' });
		expect(all.json.data.map((m: any) => m.id)).toEqual(expect.arrayContaining(['claude-opus-5', 'claude-sonnet-4-6', 'claude-haiku-4-5']));
		expect(all.json.has_more).toBe(false);
	});

	it('gets one model, 404 for an unknown one', async () => {
		const one = await signedRequest(emulator, { path: '/v1/models/claude-opus-5' });
		expect(one.json).toMatchObject({ id: 'claude-opus-5', type: 'model' });
		const missing = await bearerRequest(emulator, { path: '/v1/models/claude-nope' });
		expect(missing.status).toBe(404);
		expect(missing.json.error).toEqual({ type: 'not_found_error', message: 'model: claude-nope' });
	});
});

describe('messages validation', () => {
	it.each([
		[{ max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }, 400, /model: Field required/],
		[{ model, messages: [{ role: 'user', content: 'x' }] }, 400, /max_tokens: Field required/],
		[{ model, max_tokens: -1, messages: [{ role: 'user', content: 'x' }] }, 400, /max_tokens/],
		[{ model, max_tokens: 10, messages: [] }, 400, /messages: at least one message/],
		[{ model, max_tokens: 10, messages: [{ role: 'assistant', content: 'x' }] }, 400, /first message must use the "user" role/],
		[{ model, max_tokens: 10, messages: [{ role: 'bot', content: 'x' }] }, 400, /role/],
		// API version 2026-10-21 (the SDK 1.15.0 params) has no sampling parameters at all.
		[{ model, max_tokens: 10, temperature: 0.5, messages: [{ role: 'user', content: 'x' }] }, 400, /^temperature: Extra inputs are not permitted/],
		[{ model, max_tokens: 10, top_p: 0.9, messages: [{ role: 'user', content: 'x' }] }, 400, /^top_p: Extra inputs are not permitted/],
		[{ model, max_tokens: 10, top_k: 5, messages: [{ role: 'user', content: 'x' }] }, 400, /^top_k: Extra inputs are not permitted/],
		[{ model: 'claude-nope', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }, 404, /model: claude-nope/],
		[{ model, max_tokens: 1000, thinking: { type: 'enabled', budget_tokens: 2000 }, messages: [{ role: 'user', content: 'x' }] }, 400, /max_tokens/],
		[{ model, max_tokens: 999999, messages: [{ role: 'user', content: 'x' }] }, 400, /maximum allowed/],
	])('rejects %j', async (body, status, message) => {
		const res = await create(body);
		expect(res.status).toBe(status);
		expect(res.json.error.message).toMatch(message);
		expect(res.json.error.type).toBe(status === 404 ? 'not_found_error' : 'invalid_request_error');
	});

	it('rejects a body that is not JSON', async () => {
		const res = await bearerRequest(emulator, { method: 'POST', path: '/v1/messages', body: '{nope' });
		expect(res.status).toBe(400);
		expect(res.json.error.type).toBe('invalid_request_error');
	});

	it('rejects a tool_result that answers no tool_use', async () => {
		const res = await create({
			model,
			max_tokens: 10,
			messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'r' }] }],
		});
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(/tool_use_id/);
	});
});

describe('messages replies', () => {
	it('echoes the last user text, with usage', async () => {
		const res = await create(ask('Hello there'));
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			type: 'message',
			role: 'assistant',
			model,
			id: expect.stringMatching(/^msg_/),
			content: [{ type: 'text', text: 'Echo: Hello there' }],
			stop_reason: 'end_turn',
			stop_sequence: null,
			usage: { input_tokens: 3, output_tokens: 5 },
		});
		expect(emulator.received.at(-1)!.json.messages[0].content).toBe('Hello there');
	});

	it('mentions the system prompt and attachments', async () => {
		const res = await create(
			ask(
				[
					{ type: 'text', text: 'Look' },
					{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
					{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
					{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
				],
				{ system: 'Be brief.' },
			),
		);
		expect(res.json.content[0].text).toBe('Echo: Look [1 image, 2 documents] (system: Be brief.)');
	});

	it('count_tokens matches the input_tokens of the same request', async () => {
		const body = ask('Count these words please', { system: 'sys', tools: [weatherTool] });
		const counted = await postJson(emulator, '/v1/messages/count_tokens', { ...body, max_tokens: undefined });
		const created = await create(body);
		expect(counted.json).toEqual({ input_tokens: created.json.usage.input_tokens });
	});

	it('calls a tool the prompt names, with input from the text', async () => {
		const res = await create(ask("What's the weather in Paris for 3 days? Use get_weather", { tools: [weatherTool] }));
		expect(res.json.stop_reason).toBe('tool_use');
		expect(res.json.content[0]).toEqual({ type: 'text', text: "I'll use the get_weather tool.", citations: null });
		expect(res.json.content[1]).toMatchObject({
			type: 'tool_use',
			id: expect.stringMatching(/^toolu_/),
			name: 'get_weather',
			input: { location: 'Paris', days: 3 },
		});
	});

	it('answers a tool_result with its content', async () => {
		const res = await create({
			model,
			max_tokens: 100,
			tools: [weatherTool],
			messages: [
				{ role: 'user', content: 'use get_weather for Paris' },
				{ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { location: 'Paris', days: 1 } }] },
				{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: '18°C and sunny' }] },
			],
		});
		expect(res.json.content).toEqual([{ type: 'text', text: 'Tool result: 18°C and sunny', citations: null }]);
		expect(res.json.stop_reason).toBe('end_turn');
	});

	it('tool_choice tool forces a call without a text block; none never calls', async () => {
		const forced = await create(ask('Nothing about tools here', { tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' } }));
		expect(forced.json.content.map((b: any) => b.type)).toEqual(['tool_use']);
		const none = await create(ask('use get_weather', { tools: [weatherTool], tool_choice: { type: 'none' } }));
		expect(none.json.content[0].text).toBe('Echo: use get_weather');
	});

	it('accepts server tools', async () => {
		const res = await create(ask('Search the web', { tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] }));
		expect(res.status).toBe(200);
	});

	it('structured output returns JSON built from the schema; the marker returns non-JSON', async () => {
		const schema = {
			type: 'object',
			properties: { name: { type: 'string' }, age: { type: 'integer' }, member: { type: 'boolean' } },
			required: ['name', 'age', 'member'],
			additionalProperties: false,
		};
		const res = await create(ask('Extract: "Ada Lovelace" is 36', { output_config: { format: { type: 'json_schema', schema } } }));
		expect(JSON.parse(res.json.content[0].text)).toEqual({ name: 'Ada Lovelace', age: 36, member: true });
		const broken = await create(ask(`Extract ${INVALID_JSON_MARKER}`, { output_config: { format: { type: 'json_schema', schema } } }));
		expect(() => JSON.parse(broken.json.content[0].text)).toThrow();
	});

	it('thinking adds a signed thinking block first', async () => {
		const res = await create(ask('Why?', { thinking: { type: 'enabled', budget_tokens: 1024 } }));
		expect(res.json.content[0]).toEqual({ type: 'thinking', thinking: 'Thinking about: Why?', signature: expect.any(String) });
		expect(res.json.content[1].text).toBe('Echo: Why?');
		const adaptive = await create(ask('Why?', { thinking: { type: 'adaptive', display: 'omitted' } }));
		expect(adaptive.json.content[0]).toMatchObject({ type: 'thinking', thinking: '' });
	});

	it('stops at a stop sequence and at max_tokens', async () => {
		const stopped = await create(ask('alpha beta END gamma', { stop_sequences: ['END', 'beta'] }));
		expect(stopped.json).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'beta', content: [{ text: 'Echo: alpha ' }] });
		const cut = await create(ask('a rather long message', { max_tokens: 2 }));
		expect(cut.json).toMatchObject({ stop_reason: 'max_tokens', content: [{ text: 'Echo: a ' }], usage: { output_tokens: 2 } });
	});
});

describe('refusals', () => {
	it('the refusal marker gives stop_reason refusal with stop_details, in JSON and SSE', async () => {
		const res = await create(ask(`Please ${REFUSAL_MARKER}`));
		expect(res.json).toMatchObject({ content: [], stop_reason: 'refusal', stop_details: { type: 'refusal', category: null } });
		const streamed = parseSse((await create(ask(`Please ${REFUSAL_MARKER}`, { stream: true }))).text);
		expect(streamed.map((e) => e.event)).toEqual(['message_start', 'ping', 'message_delta', 'message_stop']);
		expect(streamed[2].data.delta).toMatchObject({ stop_reason: 'refusal', stop_details: { type: 'refusal' } });
	});
});

describe('messages streaming', () => {
	it('follows the real event sequence and reassembles to the JSON reply', async () => {
		const body = ask('Stream me a reply that is long enough to split', { thinking: { type: 'enabled', budget_tokens: 1024 } });
		const res = await create({ ...body, stream: true });
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/event-stream');
		expect(res.headers['request-id']).toMatch(/^req_/);
		const events = parseSse(res.text);
		const names = events.map((e) => e.event);
		expect(names[0]).toBe('message_start');
		expect(names[1]).toBe('content_block_start');
		expect(names[2]).toBe('ping');
		expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
		for (const { event, data } of events) expect(data.type).toBe(event);
		expect(events[0].data.message).toMatchObject({ content: [], stop_reason: null, usage: { input_tokens: expect.any(Number) } });

		const blocks: any[] = [];
		for (const { data } of events) {
			if (data.type === 'content_block_start') blocks[data.index] = { ...data.content_block };
			if (data.type === 'content_block_delta') {
				const block = blocks[data.index];
				if (data.delta.type === 'text_delta') block.text += data.delta.text;
				if (data.delta.type === 'thinking_delta') block.thinking += data.delta.thinking;
				if (data.delta.type === 'signature_delta') block.signature += data.delta.signature;
			}
		}
		const json = await create(body);
		expect(blocks).toEqual(json.json.content);
		const textDeltas = events.filter((e) => e.data.delta?.type === 'text_delta');
		expect(textDeltas.length).toBeGreaterThan(2);
		expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: json.json.usage.output_tokens } });
	});

	it('streams tool input as several input_json_delta pieces', async () => {
		const res = await create(ask('use get_weather in Oslo for 5 days', { tools: [weatherTool], stream: true }));
		const events = parseSse(res.text);
		const pieces = events.filter((e) => e.data.delta?.type === 'input_json_delta').map((e) => e.data.delta.partial_json);
		expect(pieces.length).toBeGreaterThan(2);
		expect(pieces[0]).toBe('');
		expect(JSON.parse(pieces.join(''))).toEqual({ location: 'Oslo', days: 5 });
		expect(events.find((e) => e.event === 'message_delta')!.data.delta.stop_reason).toBe('tool_use');
	});

	it('validation errors of a stream request are plain JSON errors', async () => {
		const res = await create({ model, max_tokens: 10, stream: true, messages: [] });
		expect(res.status).toBe(400);
		expect(res.headers['content-type']).toBe('application/json');
	});
});

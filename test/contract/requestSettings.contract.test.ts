/**
 * Contract test for the request settings of issue 19: the official SDK sends inference_geo, speed (with the
 * fast-mode beta), tool_choice.disable_parallel_tool_use, web search user_location and web fetch
 * blocked_domains / citations / max_content_tokens, typed as its own MessageCreateParams; the emulator's
 * answers fit the SDK's Message and MessageBatch types, and what the API refuses is a BadRequestError.
 */
import { BadRequestError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Emulator } from '../emulator/types';
import { createShapeChecker, type ShapeChecker } from './sdkShapes';
import { startContractEmulator, type Clients, rejection } from './harness';

const MODEL = 'claude-sonnet-4-6';
const FAST = { headers: { 'anthropic-beta': 'fast-mode-2026-02-01' } };
let emulator: Emulator;
let clients: Clients;
let shapes: ShapeChecker;

beforeAll(async () => {
	shapes = createShapeChecker();
	({ emulator, clients } = await startContractEmulator());
});
afterAll(async () => emulator?.close());

const FULL: MessageCreateParamsNonStreaming = {
	model: MODEL,
	max_tokens: 200,
	inference_geo: 'us',
	speed: 'fast',
	tool_choice: { type: 'auto', disable_parallel_tool_use: true },
	tools: [
		{
			type: 'web_search_20260318',
			name: 'web_search',
			user_location: { type: 'approximate', city: 'San Francisco', region: 'California', country: 'US', timezone: 'America/Los_Angeles' },
		},
		{ type: 'web_fetch_20260318', name: 'web_fetch', blocked_domains: ['ads.example.com'], citations: { enabled: true }, max_content_tokens: 20000 },
	],
	messages: [{ role: 'user', content: 'Hello there' }],
};

const base = (extra: Record<string, unknown>) => ({ model: MODEL, max_tokens: 50, messages: [{ role: 'user' as const, content: 'x' }], ...extra }) as MessageCreateParamsNonStreaming;

test('every new field, sent by the SDK, is accepted; the Message fits the SDK type and its usage says how it was served', async () => {
	const mark = emulator.received.length;
	const message = await clients.sigv4.messages.create(FULL, FAST);
	expect(shapes.issues('Message', message)).toEqual([]);
	expect(message.usage).toMatchObject({ inference_geo: 'us', speed: 'fast' });
	const [request] = emulator.received.slice(mark);
	expect(request.json).toMatchObject({ inference_geo: 'us', speed: 'fast', tool_choice: { disable_parallel_tool_use: true } });
	// finalMessage() adds parsed_output on the client side (structured outputs): not wire data.
	const { parsed_output: _parsed, ...streamed } = await clients.sigv4.messages.stream(FULL, FAST).finalMessage();
	expect(shapes.issues('Message', streamed)).toEqual([]);
	expect(streamed.usage).toMatchObject({ inference_geo: 'us', speed: 'fast' });
});

test('through the beta client, the betas param carries the fast-mode beta', async () => {
	const message = await clients.sigv4.beta.messages.create({ ...FULL, betas: ['fast-mode-2026-02-01'] });
	expect(message.usage).toMatchObject({ inference_geo: 'us', speed: 'fast' });
});

test.each([
	['an inference_geo that is not us or global', base({ inference_geo: 'eu' }), undefined, "inference_geo: Input should be 'us' or 'global'"],
	['inference_geo on a model older than Claude 4.6', base({ model: 'claude-haiku-4-5', inference_geo: 'us' }), undefined, 'inference_geo: claude-haiku-4-5 does not support inference_geo; it is available on Claude 4.6 models and newer.'],
	['speed fast without the fast-mode beta', base({ speed: 'fast' }), undefined, `speed: fast mode needs the anthropic-beta header fast-mode-2026-02-01 for ${MODEL}`],
	['a speed that is not standard or fast', base({ speed: 'turbo' }), FAST, "speed: Input should be 'standard' or 'fast'"],
	['disable_parallel_tool_use that is not a boolean', base({ tools: [{ name: 't', input_schema: { type: 'object' } }], tool_choice: { type: 'any', disable_parallel_tool_use: 'yes' } }), undefined, 'tool_choice.any.disable_parallel_tool_use: Input should be a valid boolean'],
	['a user_location that is not approximate', base({ tools: [{ type: 'web_search_20260318', name: 'web_search', user_location: { type: 'exact', city: 'Paris' } }] }), undefined, "tools.0.user_location.type: Input should be 'approximate'"],
	['max_content_tokens of 0', base({ tools: [{ type: 'web_fetch_20260318', name: 'web_fetch', max_content_tokens: 0 }] }), undefined, 'tools.0.max_content_tokens: Input should be a valid integer greater than or equal to 1'],
	['web fetch allowed and blocked domains together', base({ tools: [{ type: 'web_fetch_20260318', name: 'web_fetch', allowed_domains: ['a.com'], blocked_domains: ['b.com'] }] }), undefined, 'tools.0: allowed_domains and blocked_domains cannot be used together'],
])('%s is a BadRequestError (400 invalid_request_error)', async (_name, params, options, message) => {
	const error = await rejection(clients.sigv4.messages.create(params, options));
	expect(error).toBeInstanceOf(BadRequestError);
	expect(error.type).toBe('invalid_request_error');
	expect(error.apiMessage).toBe(message);
});

test('in a batch, a request with inference_geo and speed succeeds and one on an old model errors, both in the SDK shapes', async () => {
	const batch = await clients.sigv4.messages.batches.create({
		requests: [
			{ custom_id: 'served', params: { model: MODEL, max_tokens: 50, inference_geo: 'global', speed: 'fast', messages: [{ role: 'user', content: 'Hi' }] } },
			{ custom_id: 'old-model', params: { model: 'claude-haiku-4-5', max_tokens: 50, inference_geo: 'us', messages: [{ role: 'user', content: 'Hi' }] } },
		],
	});
	expect(shapes.issues('MessageBatch', batch)).toEqual([]);
	let done = batch;
	for (let polls = 0; done.processing_status !== 'ended' && polls < 200; polls++) {
		await new Promise((resolve) => setTimeout(resolve, 25));
		done = await clients.sigv4.messages.batches.retrieve(batch.id);
	}
	expect(done.request_counts).toMatchObject({ succeeded: 1, errored: 1 });
	const results = new Map<string, any>();
	for await (const line of await clients.sigv4.messages.batches.results(batch.id)) {
		expect(shapes.issues('MessageBatchIndividualResponse', line)).toEqual([]);
		results.set(line.custom_id, line.result);
	}
	expect(results.get('served')).toMatchObject({ type: 'succeeded', message: { usage: { inference_geo: 'global', speed: 'fast' } } });
	expect(results.get('old-model')).toMatchObject({ type: 'errored', error: { error: { type: 'invalid_request_error', message: expect.stringMatching(/^inference_geo: /) } } });
});

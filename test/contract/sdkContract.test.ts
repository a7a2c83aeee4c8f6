/**
 * Contract test: the official SDKs (`@anthropic-ai/aws-sdk` over `@anthropic-ai/sdk`) drive the gateway
 * emulator over every route our nodes use. Each response is checked against the SDK's own declared
 * response type (sdkShapes.ts reads it from the installed SDK), and each request the SDK made must have
 * been accepted by the emulator's SigV4 verifier and header checks. When the SDK and the emulator
 * disagree the SDK is right: the emulator is what gets fixed.
 */
import { toFile, APIError, NotFoundError, PermissionDeniedError, BadRequestError, RateLimitError } from '@anthropic-ai/sdk';
import { FileExpiredError, FileNotDownloadableError } from '@anthropic-ai/sdk/resources/files';
import { BetaEnvironmentArchivedError, BetaInvalidConfigTypeChangeError } from '@anthropic-ai/sdk/resources/beta/environments/environments';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import { join } from 'node:path';
import type { Emulator } from '../emulator/types';
import { TEST_ACCESS_KEY_ID, TEST_TEMP_ACCESS_KEY_ID, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { MODELS } from '../emulator/resources/modelCatalog';
import { SEED_SUPPORT_AGENT_ID, SEED_CUSTOM_TOOL_NAME } from '../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../emulator/resources/environments';
import { NOT_DOWNLOADABLE_MARKER } from '../emulator/resources/files';
import { createShapeChecker, SDK_ROOT, type SdkTypeName, type ShapeChecker } from './sdkShapes';
import {
	MANAGED_AGENTS_BETA,
	describeRequestProblems,
	requestsSince,
	settled,
	signedHeadersOf,
	startContractEmulator,
	until,
	type AcceptedExpectation,
	type Clients,
	rejection,
} from './harness';

const MODEL = 'claude-sonnet-4-6';

let emulator: Emulator;
let clients: Clients;
let shapes: ShapeChecker;

beforeAll(async () => {
	shapes = createShapeChecker();
	({ emulator, clients } = await startContractEmulator());
});

afterAll(async () => {
	await emulator?.close();
});

function expectShape(name: SdkTypeName, value: unknown): void {
	expect(shapes.issues(name, value)).toEqual([]);
}

/** MessageStream's finalMessage() adds `parsed_output` (client side, for structured outputs): not wire data. */
function wireMessage<T extends object>(message: T): Omit<T, 'parsed_output'> {
	const { parsed_output: _parsed, ...wire } = message as T & { parsed_output?: unknown };
	return wire;
}

/** Runs `body`, then checks every request it made was accepted with the SDK's signing and headers. */
async function accepted<T>(expected: AcceptedExpectation, body: () => Promise<T>): Promise<T> {
	const mark = emulator.received.length;
	const result = await body();
	const records = await settled(requestsSince(emulator, mark));
	expect(records.length).toBeGreaterThan(0);
	expect(describeRequestProblems(records, expected)).toEqual([]);
	return result;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The SDK's own list of deprecated models and their end-of-life dates ('January 22nd, 2027'), as ISO
 * midnights. It is internal to the SDK (it drives the deprecation warning of messages.create), hence
 * the path; if the SDK moves it, this fails loudly rather than checking nothing.
 */
function deprecatedModels(): Record<string, string> {
	const { DEPRECATED_MODELS } = require(join(SDK_ROOT, 'internal', 'data', 'deprecated-models.js')) as {
		DEPRECATED_MODELS: Record<string, string>;
	};
	return Object.fromEntries(
		Object.entries(DEPRECATED_MODELS).map(([id, date]) => {
			const match = /^(\w+) (\d+)\w*, (\d{4})$/.exec(date);
			if (!match || !MONTHS.includes(match[1])) throw new Error(`Unreadable end-of-life date for ${id}: ${date}`);
			const iso = new Date(Date.UTC(Number(match[3]), MONTHS.indexOf(match[1]), Number(match[2]))).toISOString();
			return [id, iso.replace('.000Z', 'Z')];
		}),
	);
}

/** What an SDK error carries from the emulator's error envelope. */
function expectApiError(error: unknown, status: number, type: string): APIError {
	expect(error).toBeInstanceOf(APIError);
	const apiError = error as APIError;
	expect(apiError.status).toBe(status);
	expect(apiError.type).toBe(type);
	expect(typeof apiError.apiMessage).toBe('string');
	expect(apiError.requestID).toMatch(/^req_/);
	expect((apiError.error as any)?.request_id).toBe(apiError.requestID);
	return apiError;
}

describe('authentication modes', () => {
	it('SigV4 with long-term keys: the emulator verifies the SDK signature over the workspace and version headers', async () => {
		const page = await accepted({ auth: 'sigv4', principal: TEST_ACCESS_KEY_ID }, () => clients.sigv4.models.list({ limit: 2 }));
		expect(page.data).toHaveLength(2);
		const record = emulator.received[emulator.received.length - 1];
		expect(record.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
		expect(record.headers['user-agent']).toMatch(/^AnthropicAws\/JS /);
	});

	it('SigV4 with temporary credentials: the session token is sent and signed', async () => {
		await accepted({ auth: 'sigv4', principal: TEST_TEMP_ACCESS_KEY_ID }, () => clients.temporary.models.retrieve(MODEL));
		const record = emulator.received[emulator.received.length - 1];
		expect(record.headers['x-amz-security-token']).toBeDefined();
		expect(signedHeadersOf(record)).toContain('x-amz-security-token');
	});

	it('a short-term API key is sent as a bearer token, without SigV4', async () => {
		await accepted({ auth: 'bearer' }, () => clients.apiKey.models.retrieve(MODEL));
		const record = emulator.received[emulator.received.length - 1];
		expect(record.headers.authorization).toMatch(/^Bearer /);
		expect(record.headers['x-amz-date']).toBeUndefined();
	});

	it('responses carry request-id and the workspace ID where the SDK reads them', async () => {
		const { data, request_id, workspace_id } = await clients.sigv4.models.retrieve(MODEL).withResponse();
		expectShape('ModelInfo', data);
		expect(request_id).toMatch(/^req_/);
		expect(workspace_id).toBe(TEST_WORKSPACE_ID);
	});

	it('a workspace the principal may not use is a 403 PermissionDeniedError with the envelope the SDK parses', async () => {
		const error = await rejection(clients.sigv4.files.list({ workspace_id: 'wrkspc_01NotOurs' }));
		expect(error).toBeInstanceOf(PermissionDeniedError);
		expectApiError(error, 403, 'permission_error');
	});
});

describe('models', () => {
	it('auto-pagination walks every ID page and stops at has_more: false', async () => {
		const seen: string[] = [];
		await accepted({ auth: 'sigv4' }, async () => {
			for await (const model of clients.sigv4.models.list({ limit: 5, lifecycle: ['active', 'deprecated', 'retired'] })) {
				expectShape('ModelInfo', model);
				seen.push(model.id);
			}
		});
		expect(seen).toEqual(MODELS.map((model) => model.id));
		const pageCount = Math.ceil(MODELS.length / 5);
		expect(pageCount).toBeGreaterThan(2);
		const pages = emulator.received.filter((record) => record.path === '/v1/models').slice(-pageCount);
		const cursors = Array.from({ length: pageCount - 1 }, (_, page) => MODELS[(page + 1) * 5 - 1].id);
		expect(pages.map((record) => record.query.after_id ?? null)).toEqual([null, ...cursors]);
	});

	it("the catalogue is the SDK's Model type: its models are served (deprecated ones as such), the rest are retired", async () => {
		const sdkModels = shapes.stringLiterals('Model');
		expect(sdkModels.length).toBeGreaterThan(10);
		const served = new Map<string, ModelInfo>();
		for await (const model of clients.sigv4.models.list({ limit: 100, lifecycle: ['active', 'deprecated', 'retired'] })) served.set(model.id, model);
		// Without `lifecycle` the list holds active and deprecated models only (ModelListParams.lifecycle).
		const byDefault: ModelInfo[] = [];
		for await (const model of clients.sigv4.models.list({ limit: 100 })) byDefault.push(model);
		expect(byDefault.length).toBeGreaterThan(0);
		expect(byDefault.filter((model) => model.lifecycle === 'retired')).toEqual([]);
		expect(sdkModels.filter((id) => !served.has(id))).toEqual([]);
		const deprecated = deprecatedModels();
		for (const id of sdkModels) {
			const model = served.get(id)!;
			if (id in deprecated) {
				expect({ id, lifecycle: model.lifecycle, retires_at: model.retires_at }).toEqual({ id, lifecycle: 'deprecated', retires_at: deprecated[id] });
				expect(model.deprecated_at).not.toBeNull();
			} else {
				expect({ id, lifecycle: model.lifecycle, deprecated_at: model.deprecated_at, retires_at: model.retires_at }).toEqual({
					id,
					lifecycle: 'active',
					deprecated_at: null,
					retires_at: null,
				});
			}
		}
		const extra = [...served.values()].filter((model) => !sdkModels.includes(model.id));
		expect(extra.length).toBeGreaterThan(0);
		for (const model of extra) {
			expect({ id: model.id, lifecycle: model.lifecycle }).toEqual({ id: model.id, lifecycle: 'retired' });
			expect(model.retires_at).not.toBeNull();
			const error = await rejection(
				clients.sigv4.messages.create({ model: model.id, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
			);
			expect(error).toBeInstanceOf(NotFoundError);
		}
	});

	it('retrieve returns a ModelInfo; an unknown model is a NotFoundError', async () => {
		expectShape('ModelInfo', await clients.apiKey.models.retrieve('claude-opus-4-6'));
		const error = await rejection(clients.apiKey.models.retrieve('claude-not-a-model'));
		expect(error).toBeInstanceOf(NotFoundError);
		expectApiError(error, 404, 'not_found_error');
	});
});

describe('messages', () => {
	it('create: a plain message with the request fields our Messages node sends', async () => {
		const message = await accepted({ auth: 'sigv4' }, () =>
			clients.sigv4.messages.create({
				model: MODEL,
				max_tokens: 256,
				system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
				messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there', cache_control: { type: 'ephemeral', ttl: '1h' } }] }],
				stop_sequences: ['###'],
				metadata: { user_id: 'contract-test' },
				service_tier: 'auto',
				output_config: { effort: 'low' },
			}),
		);
		expectShape('Message', message);
		expect(message.content[0]).toMatchObject({ type: 'text', text: 'Echo: Hello there (system: Be brief.)' });
		expect(message.stop_reason).toBe('end_turn');
	});

	it('create: tool use, then the tool result round trip', async () => {
		const tools = [
			{
				name: 'get_weather',
				description: 'Weather for a city',
				input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
			},
		];
		const first = await clients.apiKey.messages.create({
			model: MODEL,
			max_tokens: 512,
			tools,
			tool_choice: { type: 'auto' },
			messages: [{ role: 'user', content: 'Use get_weather for city: Paris' }],
		});
		expectShape('Message', first);
		expect(first.stop_reason).toBe('tool_use');
		const toolUse = first.content.find((block) => block.type === 'tool_use');
		expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
		if (toolUse?.type !== 'tool_use') throw new Error('no tool_use block');

		const second = await clients.apiKey.messages.create({
			model: MODEL,
			max_tokens: 512,
			tools,
			messages: [
				{ role: 'user', content: 'Use get_weather for city: Paris' },
				{ role: 'assistant', content: first.content },
				{ role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Sunny, 21 C' }] },
			],
		});
		expectShape('Message', second);
		expect(second.content[0]).toMatchObject({ type: 'text', text: 'Tool result: Sunny, 21 C' });
	});

	it('create: structured output (output_config.format json_schema) returns JSON text', async () => {
		const message = await clients.sigv4.messages.create({
			model: MODEL,
			max_tokens: 512,
			messages: [{ role: 'user', content: 'Extract: name: Ada, age: 36' }],
			output_config: {
				format: {
					type: 'json_schema',
					schema: {
						type: 'object',
						properties: { name: { type: 'string' }, age: { type: 'integer' } },
						required: ['name', 'age'],
						additionalProperties: false,
					},
				},
			},
		});
		expectShape('Message', message);
		const text = message.content.find((block) => block.type === 'text');
		expect(JSON.parse(text?.type === 'text' ? text.text : '')).toEqual({ name: 'Ada', age: 36 });
	});

	it('create: extended thinking returns a signed thinking block first', async () => {
		const message = await clients.sigv4.messages.create({
			model: MODEL,
			max_tokens: 4096,
			thinking: { type: 'enabled', budget_tokens: 1024 },
			messages: [{ role: 'user', content: 'Why is the sky blue?' }],
		});
		expectShape('Message', message);
		expect(message.content[0]).toMatchObject({ type: 'thinking', thinking: 'Thinking about: Why is the sky blue?' });
	});

	it('.stream(): the MessageStream helper assembles the same message the events describe', async () => {
		const events: RawMessageStreamEvent[] = [];
		const stream = clients.sigv4.messages.stream({
			model: MODEL,
			max_tokens: 256,
			messages: [{ role: 'user', content: 'Stream this sentence, please' }],
		});
		stream.on('streamEvent', (event) => events.push(event));
		const text: string[] = [];
		stream.on('text', (delta) => text.push(delta));
		const message = await accepted({ auth: 'sigv4' }, () => stream.finalMessage());
		expectShape('Message', wireMessage(message));
		for (const event of events) expectShape('RawMessageStreamEvent', event);
		expect(events[0].type).toBe('message_start');
		expect(events[events.length - 1].type).toBe('message_stop');
		expect(text.length).toBeGreaterThan(1);
		expect(text.join('')).toBe('Echo: Stream this sentence, please');
		expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Echo: Stream this sentence, please' })]);
		expect(message.usage.output_tokens).toBeGreaterThan(0);
	});

	it('stream: true with tools and thinking: raw events fit the SDK types and rebuild tool input JSON', async () => {
		const stream = await clients.temporary.messages.create({
			model: MODEL,
			max_tokens: 4096,
			stream: true,
			thinking: { type: 'enabled', budget_tokens: 1024 },
			tools: [
				{
					name: 'lookup_order',
					input_schema: { type: 'object', properties: { order_id: { type: 'string' }, quantity: { type: 'integer' } }, required: ['order_id', 'quantity'] },
				},
			],
			tool_choice: { type: 'tool', name: 'lookup_order' },
			messages: [{ role: 'user', content: 'Please lookup_order order_id: A-17 quantity: 3' }],
		});
		const types: string[] = [];
		let json = '';
		let signature = '';
		for await (const event of stream) {
			expectShape('RawMessageStreamEvent', event);
			types.push(event.type);
			if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') json += event.delta.partial_json;
			if (event.type === 'content_block_delta' && event.delta.type === 'signature_delta') signature += event.delta.signature;
		}
		expect(types[0]).toBe('message_start');
		expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
		expect(signature).not.toBe('');
		expect(JSON.parse(json)).toEqual({ order_id: 'A-17', quantity: 3 });
	});

	it('.stream() with a forced tool: finalMessage carries the parsed tool input', async () => {
		const message = await clients.apiKey.messages
			.stream({
				model: MODEL,
				max_tokens: 512,
				tools: [{ name: 'get_time', input_schema: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] } }],
				tool_choice: { type: 'any' },
				messages: [{ role: 'user', content: 'get_time zone: UTC' }],
			})
			.finalMessage();
		expectShape('Message', wireMessage(message));
		expect(message.content).toEqual([expect.objectContaining({ type: 'tool_use', name: 'get_time', input: { zone: 'UTC' } })]);
	});

	it('countTokens returns a MessageTokensCount', async () => {
		const count = await accepted({ auth: 'sigv4' }, () =>
			clients.sigv4.messages.countTokens({
				model: MODEL,
				system: 'Be brief.',
				messages: [{ role: 'user', content: 'How many tokens is this?' }],
				tools: [{ name: 'noop', input_schema: { type: 'object' } }],
			}),
		);
		expectShape('MessageTokensCount', count);
		expect(count.input_tokens).toBeGreaterThan(0);
	});

	it('an invalid request is a BadRequestError carrying the API message', async () => {
		const error = await rejection(clients.sigv4.messages.create({ model: MODEL, max_tokens: 100, messages: [] }));
		expect(error).toBeInstanceOf(BadRequestError);
		expect(expectApiError(error, 400, 'invalid_request_error').apiMessage).toMatch(/^messages: /);
	});

	it('sampling parameters the SDK no longer has (temperature, top_p, top_k) are refused, not silently accepted', async () => {
		const removed = ['temperature', 'top_p', 'top_k'];
		expect(shapes.propertyNames('MessageCreateParams')).toEqual(expect.arrayContaining(['model', 'max_tokens', 'output_config']));
		expect(shapes.propertyNames('MessageCreateParams').filter((name) => removed.includes(name))).toEqual([]);
		expect(shapes.propertyNames('MessageCountTokensParams').filter((name) => removed.includes(name))).toEqual([]);
		for (const [name, value] of [['temperature', 0.5], ['top_p', 0.9], ['top_k', 5]] as const) {
			const params = { model: MODEL, max_tokens: 100, messages: [{ role: 'user' as const, content: 'hi' }], [name]: value };
			const error = await rejection(clients.sigv4.messages.create(params));
			expect(error).toBeInstanceOf(BadRequestError);
			expect(expectApiError(error, 400, 'invalid_request_error').apiMessage).toMatch(new RegExp(`^${name}: `));
			const { max_tokens: _unused, ...countParams } = params;
			expectApiError(await rejection(clients.sigv4.messages.countTokens(countParams)), 400, 'invalid_request_error');
		}
	});
});

describe('message batches', () => {
	const request = (customId: string, text: string) => ({
		custom_id: customId,
		params: { model: MODEL, max_tokens: 128, messages: [{ role: 'user' as const, content: text }] },
	});

	async function ended(id: string) {
		return until(
			() => clients.sigv4.messages.batches.retrieve(id),
			(batch) => batch.processing_status === 'ended',
		);
	}

	it('create, retrieve until ended, then results decoded from JSONL with every outcome type', async () => {
		const batch = await accepted({ auth: 'sigv4' }, () =>
			clients.sigv4.messages.batches.create({
				requests: [
					request('ok-1', 'First'),
					request('ok-2', 'Second, with ünïcödé ✓'),
					request('batch-error-1', 'fails'),
					request('batch-expire-1', 'expires'),
					{ custom_id: 'invalid-1', params: { model: 'claude-not-a-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] } },
				],
			}),
		);
		expectShape('MessageBatch', batch);
		expect(batch.processing_status).toBe('in_progress');

		const done = await ended(batch.id);
		expectShape('MessageBatch', done);
		expect(done.request_counts).toEqual({ processing: 0, succeeded: 2, errored: 2, canceled: 0, expired: 1 });
		expect(done.results_url).toBe(`${emulator.url}/v1/messages/batches/${batch.id}/results`);

		const byId = new Map<string, any>();
		await accepted({ auth: 'sigv4' }, async () => {
			for await (const line of await clients.sigv4.messages.batches.results(batch.id)) {
				expectShape('MessageBatchIndividualResponse', line);
				byId.set(line.custom_id, line.result);
			}
		});
		expect([...byId.keys()].sort()).toEqual(['batch-error-1', 'batch-expire-1', 'invalid-1', 'ok-1', 'ok-2']);
		expect(byId.get('ok-2')).toMatchObject({ type: 'succeeded', message: { content: [{ type: 'text', text: 'Echo: Second, with ünïcödé ✓' }] } });
		expect(byId.get('batch-error-1')).toMatchObject({ type: 'errored', error: { type: 'error', error: { type: 'api_error' } } });
		expect(byId.get('invalid-1')).toMatchObject({ type: 'errored', error: { error: { type: 'not_found_error' } } });
		expect(byId.get('batch-expire-1')).toEqual({ type: 'expired' });
	});

	it('results of a large batch arrive in arbitrary chunks and the SDK decoder still yields every line once', async () => {
		const count = 400;
		const batch = await clients.apiKey.messages.batches.create({
			requests: Array.from({ length: count }, (_, i) => request(`r-${i}`, `Request number ${i} ${'é'.repeat(i % 7)}`)),
		});
		await ended(batch.id);
		const seen = new Set<string>();
		for await (const line of await clients.apiKey.messages.batches.results(batch.id)) {
			expect(seen.has(line.custom_id)).toBe(false);
			seen.add(line.custom_id);
		}
		expect(seen.size).toBe(count);
	});

	it('list auto-paginates over several ID pages newest first and terminates', async () => {
		for (let i = 0; i < 5; i++) await clients.sigv4.messages.batches.create({ requests: [request(`page-${i}`, `Page ${i}`)] });
		const total = (emulator.state.batches.batches as Map<string, unknown>).size;
		const mark = emulator.received.length;
		const ids: string[] = [];
		for await (const batch of clients.sigv4.messages.batches.list({ limit: 2 })) {
			expectShape('MessageBatch', batch);
			ids.push(batch.id);
		}
		expect(ids).toEqual([...(emulator.state.batches.batches as Map<string, unknown>).keys()].reverse());
		const pages = requestsSince(emulator, mark);
		expect(pages).toHaveLength(Math.ceil(total / 2));
		expect(describeRequestProblems(pages, { auth: 'sigv4' })).toEqual([]);
		expect(pages.slice(1).every((page) => page.query.after_id)).toBe(true);
	});

	it('cancel moves a batch to canceling, its unprocessed requests end canceled, and an ended batch deletes', async () => {
		emulator.state.batches.processingMs = 60_000;
		emulator.state.batches.cancelingMs = 30;
		let batch;
		try {
			batch = await clients.temporary.messages.batches.create({ requests: [request('c-1', 'one'), request('c-2', 'two')] });
		} finally {
			delete emulator.state.batches.processingMs;
		}
		const deleteEarly = await rejection(clients.temporary.messages.batches.delete(batch.id));
		expectApiError(deleteEarly, 400, 'invalid_request_error');

		const canceling = await accepted({ auth: 'sigv4' }, () => clients.temporary.messages.batches.cancel(batch.id));
		expectShape('MessageBatch', canceling);
		expect(canceling.processing_status).toBe('canceling');
		expect(canceling.cancel_initiated_at).not.toBeNull();

		const done = await until(
			() => clients.temporary.messages.batches.retrieve(batch.id),
			(value) => value.processing_status === 'ended',
		);
		expect(done.request_counts.canceled).toBe(2);
		const results = [];
		for await (const line of await clients.temporary.messages.batches.results(batch.id)) results.push(line.result.type);
		expect(results).toEqual(['canceled', 'canceled']);

		const deleted = await accepted({ auth: 'sigv4' }, () => clients.temporary.messages.batches.delete(batch.id));
		expectShape('DeletedMessageBatch', deleted);
		expect(deleted).toEqual({ id: batch.id, type: 'message_batch_deleted' });
		expect(await rejection(clients.temporary.messages.batches.retrieve(batch.id))).toBeInstanceOf(NotFoundError);
	});
});

describe('files', () => {
	const upload = (name: string, text: string, type = 'text/plain') => toFile(Buffer.from(text), name, { type });

	it('upload is multipart signed UNSIGNED-PAYLOAD, and metadata, download and delete round-trip', async () => {
		const body = 'Contract test file\nline two ✓\n';
		const meta = await accepted({ auth: 'sigv4' }, async () => clients.sigv4.files.upload({ file: await upload('notes.txt', body) }));
		expectShape('FileMetadata', meta);
		expect(meta).toMatchObject({ filename: 'notes.txt', mime_type: 'text/plain', size_bytes: Buffer.byteLength(body), downloadable: true });
		const uploadRecord = emulator.received.filter((record) => record.method === 'POST' && record.path === '/v1/files').pop()!;
		expect(uploadRecord.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(uploadRecord.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');

		expectShape('FileMetadata', await clients.sigv4.files.retrieveMetadata(meta.id));
		const { response, bytes } = await accepted({ auth: 'sigv4' }, async () => {
			const response = await clients.sigv4.files.download(meta.id);
			return { response, bytes: Buffer.from(await response.arrayBuffer()) };
		});
		expect(response.headers.get('content-type')).toBe('text/plain');
		expect(bytes.toString('utf8')).toBe(body);

		const deleted = await accepted({ auth: 'sigv4' }, () => clients.sigv4.files.delete(meta.id));
		expectShape('DeletedFile', deleted);
		expect(deleted).toEqual({ id: meta.id, type: 'file_deleted' });
		expectApiError(await rejection(clients.sigv4.files.retrieveMetadata(meta.id)), 404, 'not_found_error');
	});

	it('the beta Files client with the files beta header, under an API key, is accepted too', async () => {
		const meta = await accepted({ auth: 'bearer', beta: 'files-api-2025-04-14' }, async () =>
			clients.apiKey.beta.files.upload({ file: await upload('report.pdf', '%PDF-1.4 tiny', 'application/pdf'), betas: ['files-api-2025-04-14'] }),
		);
		expectShape('FileMetadata', meta);
		expect(meta.mime_type).toBe('application/pdf');
		const listed = await clients.apiKey.beta.files.list({ betas: ['files-api-2025-04-14'] });
		expect(listed.data.map((file) => file.id)).toContain(meta.id);
	});

	it('list auto-paginates page-token pages and stops at next_page: null', async () => {
		for (let i = 0; i < 5; i++) await clients.temporary.files.upload({ file: await upload(`page-${i}.txt`, `file ${i}`) });
		const expected = [...(emulator.state.files.files as Map<string, any>).values()].reverse().map((file) => file.meta.id);
		const mark = emulator.received.length;
		const ids: string[] = [];
		for await (const file of clients.temporary.files.list({ limit: 2 })) {
			expectShape('FileMetadata', file);
			ids.push(file.id);
		}
		expect(ids).toEqual(expected);
		const pages = requestsSince(emulator, mark);
		expect(pages).toHaveLength(Math.ceil(expected.length / 2));
		expect(describeRequestProblems(pages, { auth: 'sigv4', principal: TEST_TEMP_ACCESS_KEY_ID })).toEqual([]);
		expect(pages.slice(1).every((page) => page.query.page)).toBe(true);
	});

	it('a file that is not downloadable fails with the SDK error class for its error code', async () => {
		const meta = await clients.sigv4.files.upload({ file: await upload(`upload${NOT_DOWNLOADABLE_MARKER}.txt`, 'x') });
		expect(meta.downloadable).toBe(false);
		const error = await rejection(clients.sigv4.files.download(meta.id));
		expect(error).toBeInstanceOf(FileNotDownloadableError);
		expect(expectApiError(error, 400, 'invalid_request_error').errorCode).toBe('file_not_downloadable');
	});

	it('an expired file keeps its metadata; its content fails with FileExpiredError', async () => {
		const meta = await clients.sigv4.files.upload({ file: await upload('old.txt', 'old') });
		emulator.state.files.get(meta.id).meta.expires_at = new Date(Date.now() - 1000).toISOString();
		expectShape('FileMetadata', await clients.sigv4.files.retrieveMetadata(meta.id));
		const error = await rejection(clients.sigv4.files.download(meta.id));
		expect(error).toBeInstanceOf(FileExpiredError);
		expect(expectApiError(error, 404, 'not_found_error').errorCode).toBe('file_expired');
	});
});

const beta = { beta: MANAGED_AGENTS_BETA } as const;

describe('beta agents', () => {
	it('create, retrieve, update (new version), versions list, retrieve at a version, archive', async () => {
		const agent = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.agents.create({
				name: 'Contract agent',
				model: MODEL,
				system: 'You test contracts.',
				description: 'Made by the SDK contract test',
				tools: [
					{ type: 'agent_toolset_20260401' },
					{ type: 'custom', name: 'check_contract', description: 'Checks one', input_schema: { type: 'object', properties: { id: { type: 'string' } } } },
				],
				metadata: { suite: 'contract' },
			}),
		);
		expectShape('Agent', agent);
		expect(agent.version).toBe(1);
		expectShape('Agent', await clients.sigv4.beta.agents.retrieve(agent.id));

		const updated = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.agents.update(agent.id, { version: agent.version, system: 'You test contracts carefully.' }),
		);
		expectShape('Agent', updated);
		expect(updated.version).toBe(2);

		const versions: number[] = [];
		await accepted({ ...beta, auth: 'sigv4' }, async () => {
			for await (const version of clients.sigv4.beta.agents.versions.list(agent.id, { limit: 1 })) {
				expectShape('Agent', version);
				versions.push(version.version);
			}
		});
		expect(versions).toEqual([2, 1]);
		const first = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.agents.retrieve(agent.id, { version: 1 }));
		expect(first).toMatchObject({ version: 1, system: 'You test contracts.' });

		const archived = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.agents.archive(agent.id));
		expectShape('Agent', archived);
		expect(archived.archived_at).not.toBeNull();
	});

	it('list auto-paginates page-token pages, and archived agents drop out', async () => {
		const made = [];
		for (let i = 0; i < 3; i++) made.push(await clients.apiKey.beta.agents.create({ name: `Paged agent ${i}`, model: MODEL }));
		await clients.apiKey.beta.agents.archive(made[0].id);
		const ids: string[] = [];
		await accepted({ ...beta, auth: 'bearer' }, async () => {
			for await (const agent of clients.apiKey.beta.agents.list({ limit: 2 })) {
				expectShape('Agent', agent);
				ids.push(agent.id);
			}
		});
		expect(ids).toEqual(expect.arrayContaining([made[1].id, made[2].id, SEED_SUPPORT_AGENT_ID]));
		expect(ids).not.toContain(made[0].id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('an agent that does not exist is a NotFoundError', async () => {
		expectApiError(await rejection(clients.sigv4.beta.agents.retrieve('agent_01DoesNotExist')), 404, 'not_found_error');
	});
});

describe('beta environments', () => {
	it('create, retrieve, update, list (paginated), archive, delete', async () => {
		const environment = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.environments.create({
				name: 'Contract environment',
				description: 'Limited network',
				config: { type: 'cloud', networking: { type: 'limited', allowed_hosts: ['example.com'] }, packages: { pip: ['requests'] } },
				metadata: { suite: 'contract' },
			}),
		);
		expectShape('Environment', environment);
		expectShape('Environment', await clients.sigv4.beta.environments.retrieve(environment.id));
		const updated = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.environments.update(environment.id, { description: 'Still limited' }),
		);
		expectShape('Environment', updated);
		expect(updated.description).toBe('Still limited');

		const ids: string[] = [];
		for await (const item of clients.sigv4.beta.environments.list({ limit: 1 })) {
			expectShape('Environment', item);
			ids.push(item.id);
		}
		expect(ids).toEqual(expect.arrayContaining([environment.id, SEED_ENVIRONMENT_ID]));

		const archived = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.environments.archive(environment.id));
		expectShape('Environment', archived);
		expect(archived.archived_at).not.toBeNull();
		const error = await rejection(clients.sigv4.beta.environments.update(environment.id, { description: 'no' }));
		expect(error).toBeInstanceOf(BetaEnvironmentArchivedError);
		expect(expectApiError(error, 400, 'invalid_request_error').errorCode).toBe('environment_archived');

		const deleted = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.environments.delete(environment.id));
		expectShape('EnvironmentDeleteResponse', deleted);
		expect(deleted.id).toBe(environment.id);
	});

	it("changing an environment's config type is the SDK's BetaInvalidConfigTypeChangeError", async () => {
		const environment = await clients.apiKey.beta.environments.create({ name: 'Cloud only' });
		const error = await rejection(clients.apiKey.beta.environments.update(environment.id, { config: { type: 'self_hosted' } }));
		expect(error).toBeInstanceOf(BetaInvalidConfigTypeChangeError);
		expect((error as APIError).errorCode).toBe('invalid_config_type_change');
	});
});

describe('beta sessions', () => {
	const userMessage = (text: string) => ({ type: 'user.message' as const, content: [{ type: 'text' as const, text }] });

	async function createSession(agent = SEED_SUPPORT_AGENT_ID) {
		return clients.sigv4.beta.sessions.create({ agent, environment_id: SEED_ENVIRONMENT_ID, title: 'Contract session', metadata: { suite: 'contract' } });
	}

	/** Reads the live stream until the session goes idle (or ends); every event must fit the SDK's stream union. */
	async function readTurn(stream: AsyncIterable<any>): Promise<any[]> {
		const events: any[] = [];
		for await (const event of stream) {
			expectShape('StreamSessionEvent', event);
			events.push(event);
			if (event.type === 'session.status_idle' || event.type === 'session.status_terminated') break;
		}
		return events;
	}

	it('create, retrieve, update, list with a status filter', async () => {
		const session = await accepted({ ...beta, auth: 'sigv4' }, () => createSession());
		expectShape('Session', session);
		expect(session).toMatchObject({ status: 'idle', environment_id: SEED_ENVIRONMENT_ID, agent: { id: SEED_SUPPORT_AGENT_ID } });
		expectShape('Session', await clients.sigv4.beta.sessions.retrieve(session.id));
		const updated = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.sessions.update(session.id, { title: 'Renamed' }));
		expectShape('Session', updated);
		expect(updated.title).toBe('Renamed');

		await clients.sigv4.beta.sessions.create({ agent: { type: 'agent', id: SEED_SUPPORT_AGENT_ID, version: 1 }, environment_id: SEED_ENVIRONMENT_ID });
		const ids: string[] = [];
		await accepted({ ...beta, auth: 'sigv4' }, async () => {
			for await (const item of clients.sigv4.beta.sessions.list({ limit: 1, statuses: ['idle'] })) {
				expectShape('Session', item);
				expect(item.status).toBe('idle');
				ids.push(item.id);
			}
		});
		expect(ids).toContain(session.id);
		expect(ids.length).toBeGreaterThanOrEqual(2);
	});

	it('send a message, follow the SSE event stream to idle, then list the history with auto-pagination', async () => {
		const session = await createSession();
		const stream = await accepted({ ...beta, auth: 'sigv4', openStream: true }, () => clients.sigv4.beta.sessions.events.stream(session.id));
		const sent = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.sessions.events.send(session.id, { events: [userMessage('Where is my parcel?')] }),
		);
		expectShape('SendSessionEvents', sent);
		expect(sent.data?.map((event) => event.type)).toEqual(['user.message']);

		const events = await readTurn(stream);
		expect(events.map((event) => event.type)).toEqual(['user.message', 'session.status_running', 'agent.message', 'session.status_idle']);
		expect(events[2].content).toEqual([{ type: 'text', text: 'Agent reply: Where is my parcel?' }]);
		expect(events[3].stop_reason).toEqual({ type: 'end_turn' });

		const history: any[] = [];
		await accepted({ ...beta, auth: 'sigv4' }, async () => {
			for await (const event of clients.sigv4.beta.sessions.events.list(session.id, { limit: 1 })) {
				expectShape('SessionEvent', event);
				history.push(event);
			}
		});
		expect(history.map((event) => event.id)).toEqual(events.map((event) => event.id));
	});

	it('a custom tool round trip: requires_action, then user.custom_tool_result resumes the turn', async () => {
		const session = await createSession();
		let stream = await clients.apiKey.beta.sessions.events.stream(session.id);
		await clients.apiKey.beta.sessions.events.send(session.id, { events: [userMessage(`Please ${SEED_CUSTOM_TOOL_NAME} for order 42`)] });
		const first = await readTurn(stream);
		const toolUse = first.find((event) => event.type === 'agent.custom_tool_use');
		expect(toolUse).toMatchObject({ name: SEED_CUSTOM_TOOL_NAME });
		expect(first[first.length - 1].stop_reason).toEqual({ type: 'requires_action', event_ids: [toolUse.id] });

		stream = await clients.apiKey.beta.sessions.events.stream(session.id);
		const sent = await accepted({ ...beta, auth: 'bearer' }, () =>
			clients.apiKey.beta.sessions.events.send(session.id, {
				events: [{ type: 'user.custom_tool_result', custom_tool_use_id: toolUse.id, content: [{ type: 'text', text: 'shipped' }] }],
			}),
		);
		expectShape('SendSessionEvents', sent);
		const second = await readTurn(stream);
		expect(second.find((event) => event.type === 'agent.message').content[0].text).toBe('Agent reply: tool said shipped');
	});

	it('event_deltas previews arrive as event_start / event_delta before the agent.message', async () => {
		const session = await createSession();
		const stream = await accepted({ ...beta, auth: 'sigv4', openStream: true }, () =>
			clients.sigv4.beta.sessions.events.stream(session.id, { event_deltas: ['agent.message'] }),
		);
		expect(emulator.received[emulator.received.length - 1].query).toHaveProperty(['event_deltas[]']);
		await clients.sigv4.beta.sessions.events.send(session.id, { events: [userMessage('Preview me')] });
		const types = (await readTurn(stream)).map((event) => event.type);
		expect(types.indexOf('event_start')).toBeLessThan(types.indexOf('agent.message'));
		expect(types).toContain('event_delta');
	});

	it('session resources: created with the session, then added, listed (paginated), retrieved, updated and deleted', async () => {
		const file = await clients.sigv4.files.upload({ file: await toFile(Buffer.from('mount me'), 'mount.txt', { type: 'text/plain' }) });
		const session = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.sessions.create({
				agent: SEED_SUPPORT_AGENT_ID,
				environment_id: SEED_ENVIRONMENT_ID,
				resources: [
					{ type: 'github_repository', url: 'https://github.com/example/repo.git', authorization_token: 'ghp_contractTestToken', checkout: { type: 'branch', name: 'main' } },
					{ type: 'file', file_id: file.id },
				],
			}),
		);
		expectShape('Session', session);
		expect(JSON.stringify(session)).not.toContain('ghp_contractTestToken');
		const repo = session.resources.find((resource) => resource.type === 'github_repository')!;

		const added = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.sessions.resources.add(session.id, { type: 'file', file_id: file.id, mount_path: '/mnt/session/extra.txt' }),
		);
		expectShape('SessionResource', added);
		expect(added).toMatchObject({ type: 'file', file_id: file.id, mount_path: '/mnt/session/extra.txt' });

		const listed: any[] = [];
		await accepted({ ...beta, auth: 'sigv4' }, async () => {
			for await (const resource of clients.sigv4.beta.sessions.resources.list(session.id, { limit: 1 })) {
				expectShape('SessionResource', resource);
				listed.push(resource);
			}
		});
		expect(listed).toHaveLength(3);

		if (!('id' in repo)) throw new Error('a GitHub repository resource has an ID');
		const retrieved = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.sessions.resources.retrieve(repo.id, { session_id: session.id }));
		expectShape('SessionResource', retrieved);
		const updated = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.sessions.resources.update(repo.id, { session_id: session.id, authorization_token: 'ghp_rotatedToken' }),
		);
		expectShape('SessionResource', updated);
		expect(JSON.stringify(updated)).not.toContain('ghp_rotatedToken');

		const deleted = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.sessions.resources.delete(added.id, { session_id: session.id }));
		expectShape('DeletedSessionResource', deleted);
		expect(deleted).toEqual({ id: added.id, type: 'session_resource_deleted' });
		expect((await clients.sigv4.beta.sessions.retrieve(session.id)).resources).toHaveLength(2);
		expectApiError(await rejection(clients.sigv4.beta.sessions.resources.retrieve(added.id, { session_id: session.id })), 404, 'not_found_error');
	});

	it('an agent error, a terminated session and a deleted session arrive as events the SDK types describe', async () => {
		const failing = await createSession();
		let stream = await clients.sigv4.beta.sessions.events.stream(failing.id);
		await clients.sigv4.beta.sessions.events.send(failing.id, { events: [userMessage('Please [[error]]')] });
		const errorTurn = await readTurn(stream);
		expect(errorTurn.find((event) => event.type === 'session.error')).toBeDefined();
		expect(errorTurn[errorTurn.length - 1].stop_reason).toEqual({ type: 'retries_exhausted' });

		stream = await clients.sigv4.beta.sessions.events.stream(failing.id);
		await clients.sigv4.beta.sessions.events.send(failing.id, { events: [userMessage('Please [[terminate]]')] });
		expect((await readTurn(stream)).map((event) => event.type)).toContain('session.status_terminated');
		expect((await clients.sigv4.beta.sessions.retrieve(failing.id)).status).toBe('terminated');

		const doomed = await createSession();
		const open = await clients.sigv4.beta.sessions.events.stream(doomed.id);
		await clients.sigv4.beta.sessions.delete(doomed.id);
		const last: any[] = [];
		for await (const event of open) {
			expectShape('StreamSessionEvent', event);
			last.push(event);
		}
		expect(last.map((event) => event.type)).toEqual(['session.deleted']);
	});

	it('interrupt, archive and delete', async () => {
		const session = await createSession();
		await clients.sigv4.beta.sessions.events.send(session.id, { events: [userMessage('Long task')] });
		await clients.sigv4.beta.sessions.events.send(session.id, { events: [{ type: 'user.interrupt' }] });
		const idle = await until(
			() => clients.sigv4.beta.sessions.retrieve(session.id),
			(value) => value.status === 'idle',
		);
		expectShape('Session', idle);
		const archived = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.sessions.archive(session.id));
		expectShape('Session', archived);
		expect(archived.archived_at).not.toBeNull();
		const deleted = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.sessions.delete(session.id));
		expectShape('DeletedSession', deleted);
		expect(deleted.id).toBe(session.id);
		expectApiError(await rejection(clients.sigv4.beta.sessions.retrieve(session.id)), 404, 'not_found_error');
	});
});

describe('what the signature must survive', () => {
	it('bracketed query names, ISO timestamps and repeated array values (the SDK encodes them; the verifier must agree)', async () => {
		const session = await clients.sigv4.beta.sessions.create({ agent: SEED_SUPPORT_AGENT_ID, environment_id: SEED_ENVIRONMENT_ID });
		const since = new Date(Date.parse(session.created_at) - 60_000).toISOString();
		const sessions = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.sessions.list({ 'created_at[gte]': since, statuses: ['idle', 'running'], order: 'asc', include_archived: true, agent_id: SEED_SUPPORT_AGENT_ID }),
		);
		expect(sessions.data.map((item) => item.id)).toContain(session.id);
		const record = emulator.received[emulator.received.length - 1];
		expect(record.query).toMatchObject({ 'created_at[gte]': since, 'statuses[]': 'running', include_archived: 'true', order: 'asc' });

		await clients.sigv4.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'text', text: 'Hi' }] }] });
		const events = await accepted({ ...beta, auth: 'sigv4' }, () =>
			clients.sigv4.beta.sessions.events.list(session.id, { types: ['user.message', 'agent.message'], order: 'desc', 'created_at[gte]': since }),
		);
		expect(events.data.every((event) => ['user.message', 'agent.message'].includes(event.type))).toBe(true);
		const agents = await accepted({ ...beta, auth: 'bearer' }, () => clients.apiKey.beta.agents.list({ include_archived: true, 'created_at[gte]': since.replace('Z', '+00:00') }));
		for (const agent of agents.data) expectShape('Agent', agent);
	});

	it('IDs with spaces, slashes and non-ASCII characters are encoded by the SDK, verified, then not found', async () => {
		for (const id of ['agent 01 spaced', 'agent/slashed', 'agent_ünïcode_✓', "agent'(quoted)*!"]) {
			const mark = emulator.received.length;
			const error = await rejection(clients.sigv4.beta.agents.retrieve(id));
			// A 404 from the handler, not a 403 from the SigV4 verifier: the signature matched what was sent.
			expect({ id, status: (error as APIError).status, type: (error as APIError).type }).toEqual({ id, status: 404, type: 'not_found_error' });
			expect(requestsSince(emulator, mark).map((record) => record.auth)).toEqual(['sigv4']);
		}
	});

	it('a JSON body is signed by the SHA-256 of its bytes (multipart uploads go UNSIGNED-PAYLOAD: see files)', async () => {
		await clients.sigv4.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'hash me' }] });
		const post = emulator.received[emulator.received.length - 1];
		expect(post.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
		expect(post.headers['x-amz-content-sha256']).not.toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(signedHeadersOf(post)).toEqual(expect.arrayContaining(['content-type', 'x-amz-content-sha256']));
	});
});

describe('retries and stream errors as the SDK handles them', () => {
	afterEach(() => emulator.faults.clear());

	it('an overloaded 529 is retried by the SDK; the retry is re-signed and accepted', async () => {
		emulator.faults.inject({ method: 'POST', path: '/v1/messages', times: 1, fault: { type: 'status', status: 529, headers: { 'retry-after-ms': '1' } } });
		const mark = emulator.received.length;
		const message = await clients.sigv4.withOptions({ maxRetries: 1 }).messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'again' }] });
		expectShape('Message', message);
		const records = await settled(requestsSince(emulator, mark));
		expect(records.map((record) => [record.status, record.headers['x-stainless-retry-count']])).toEqual([
			[529, '0'],
			[200, '1'],
		]);
		expect(describeRequestProblems(records.slice(1), { auth: 'sigv4' })).toEqual([]);
	});

	it('a 429 with retry-after is a RateLimitError when retries are off, with the envelope parsed', async () => {
		emulator.setRateLimit({ perSecond: 0.001, burst: 1 });
		try {
			await clients.apiKey.models.retrieve(MODEL);
			const error = await rejection(clients.apiKey.models.retrieve(MODEL));
			expect(error).toBeInstanceOf(RateLimitError);
			expectApiError(error, 429, 'rate_limit_error');
			expect((error as APIError).headers?.get('retry-after')).toMatch(/^\d+$/);
		} finally {
			emulator.setRateLimit(null);
		}
	});

	it('an SSE error event mid-stream surfaces as an APIError with the error type', async () => {
		emulator.faults.inject({ method: 'POST', path: '/v1/messages', times: 1, fault: { type: 'sseError', afterEvents: 3, errorType: 'overloaded_error', message: 'Overloaded' } });
		const stream = clients.sigv4.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Stream until it breaks' }] });
		const error = await rejection(stream.finalMessage());
		expect(error).toBeInstanceOf(APIError);
		expect((error as APIError).type).toBe('overloaded_error');
		expect((error as APIError).apiMessage).toBe('Overloaded');
	});
});

describe('the shape checker itself', () => {
	it('reports a missing required field, a wrong kind, an unknown field and an unknown union tag', async () => {
		const model = await clients.sigv4.models.retrieve(MODEL);
		const { display_name: _dropped, ...missing } = model;
		expect(shapes.issues('ModelInfo', missing)).toEqual(['ModelInfo.display_name: required by the SDK, missing']);
		expect(shapes.issues('ModelInfo', { ...model, id: 46 })).toEqual(['ModelInfo.id: expected a string, got 46']);
		expect(shapes.issues('ModelInfo', { ...model, colour: 'blue' })).toEqual(["ModelInfo.colour: not a field of the SDK's ModelInfo"]);
		expect(shapes.issues('RawMessageStreamEvent', { type: 'message_begin' })[0]).toMatch(/^RawMessageStreamEvent\.type: 'message_begin' is none of/);
	});
});

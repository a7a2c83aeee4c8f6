/** Message Batches on the emulator, over real HTTP with SigV4-signed requests. */
import { request as httpRequest } from 'node:http';
import { startEmulator } from './server';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from './fixtures';
import type { Emulator } from './types';
import type { BatchesState } from './resources/batches';

// aws4 ships no types; this is the one call the tests need.
const aws4: { sign(request: Record<string, unknown>, credentials: Record<string, string>): Record<string, any> } = require('aws4');

interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	/** The body as the client's socket delivered it. */
	chunks: Buffer[];
	/** Set when the connection broke before the body ended. */
	error?: Error;
}

let emulator: Emulator;

function signedRequest(method: string, path: string, json?: unknown): Promise<RawResponse> {
	const body = json === undefined ? undefined : JSON.stringify(json);
	const url = new URL(path, emulator.url);
	const signed = aws4.sign(
		{
			host: url.host,
			path: url.pathname + url.search,
			method,
			service: 'aws-external-anthropic',
			region: TEST_REGION,
			headers: {
				'anthropic-workspace-id': TEST_WORKSPACE_ID,
				'anthropic-version': '2023-06-01',
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body,
		},
		{ accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: url.hostname, port: url.port, method, path: signed.path, headers: signed.headers }, (res) => {
			const chunks: Buffer[] = [];
			const done = (error?: Error) =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), chunks, error });
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => done());
			res.on('error', (error) => done(error));
			res.on('aborted', () => done(new Error('aborted')));
		});
		req.on('error', reject);
		req.end(body);
	});
}

async function call(method: string, path: string, json?: unknown): Promise<{ status: number; json: any }> {
	const response = await signedRequest(method, path, json);
	return { status: response.status, json: JSON.parse(response.body.toString('utf8')) };
}

const params = (text: string) => ({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: text }] });

async function waitUntilEnded(id: string): Promise<any> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const { json } = await call('GET', `/v1/messages/batches/${id}`);
		if (json.processing_status === 'ended') return json;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`batch ${id} never ended`);
}

function parseJsonl(body: Buffer): any[] {
	return body
		.toString('utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line));
}

const batches = () => emulator.state.batches as BatchesState;

beforeAll(async () => {
	emulator = await startEmulator({ batchProcessingMs: 150 });
});

afterAll(async () => {
	await emulator.close();
});

afterEach(() => {
	batches().shuffle = true;
	batches().processingMs = undefined;
	batches().maxBodyBytes = 256 * 1024 * 1024;
	emulator.faults.clear();
});

describe('creating a batch', () => {
	it('returns an in_progress MessageBatch with every field of the API shape', async () => {
		const { status, json } = await call('POST', '/v1/messages/batches', {
			requests: [{ custom_id: 'a', params: params('hi') }],
		});
		expect(status).toBe(200);
		expect(json).toEqual({
			id: expect.stringMatching(/^msgbatch_01/),
			type: 'message_batch',
			processing_status: 'in_progress',
			request_counts: { processing: 1, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
			ended_at: null,
			created_at: expect.any(String),
			expires_at: expect.any(String),
			archived_at: null,
			cancel_initiated_at: null,
			results_url: null,
		});
		expect(Date.parse(json.expires_at) - Date.parse(json.created_at)).toBe(24 * 60 * 60 * 1000);
	});

	it.each([
		['no requests', { requests: [] }, /at least 1 request/],
		['a malformed custom_id', { requests: [{ custom_id: 'has space', params: params('x') }] }, /has space/],
		['a custom_id over 64 characters', { requests: [{ custom_id: 'x'.repeat(65), params: params('x') }] }, /custom_id/],
		[
			'a duplicate custom_id',
			{ requests: [{ custom_id: 'twice', params: params('x') }, { custom_id: 'twice', params: params('y') }] },
			/'twice' is used more than once/,
		],
		['params that are not an object', { requests: [{ custom_id: 'p', params: 'nope' }] }, /params/],
	])('rejects %s with 400 invalid_request_error', async (_name, body, message) => {
		const { status, json } = await call('POST', '/v1/messages/batches', body);
		expect(status).toBe(400);
		expect(json.error.type).toBe('invalid_request_error');
		expect(json.error.message).toMatch(message);
	});

	it('rejects more requests than the limit', async () => {
		const limit = batches().maxRequests;
		batches().maxRequests = 2;
		try {
			const requests = ['a', 'b', 'c'].map((id) => ({ custom_id: id, params: params(id) }));
			const { status, json } = await call('POST', '/v1/messages/batches', { requests });
			expect(status).toBe(400);
			expect(json.error.message).toMatch(/at most 2 requests/);
		} finally {
			batches().maxRequests = limit;
		}
	});

	it('answers 413 request_too_large for a body over the size limit', async () => {
		batches().maxBodyBytes = 1000;
		const { status, json } = await call('POST', '/v1/messages/batches', {
			requests: [{ custom_id: 'big', params: params('x'.repeat(2000)) }],
		});
		expect(status).toBe(413);
		expect(json.error.type).toBe('request_too_large');
	});

	it('answers 404 not_found_error naming an unknown batch ID', async () => {
		const { status, json } = await call('GET', '/v1/messages/batches/msgbatch_01Missing');
		expect(status).toBe(404);
		expect(json.error.type).toBe('not_found_error');
		expect(json.error.message).toContain('msgbatch_01Missing');
	});
});

describe('a batch life cycle', () => {
	it('ends after the processing time with counts, a results_url and one result per request', async () => {
		const created = await call('POST', '/v1/messages/batches', {
			requests: [
				{ custom_id: 'ok', params: params('Hello') },
				{ custom_id: 'no-model', params: { max_tokens: 5, messages: [{ role: 'user', content: 'x' }] } },
				{ custom_id: 'will-batch-expire', params: params('x') },
				{ custom_id: 'marker-error', params: params('please fail [[batch-error]]') },
				{ custom_id: 'marker-expire', params: params('[[batch-expire]] later') },
				{ custom_id: 'streaming', params: { ...params('x'), stream: true } },
				{ custom_id: 'unknown-model', params: { ...params('x'), model: 'claude-nonexistent-1' } },
			],
		});
		const id = created.json.id;

		const early = await call('GET', `/v1/messages/batches/${id}/results`);
		expect(early.status).toBe(400);
		expect(early.json.error.message).toContain('in_progress');

		const ended = await waitUntilEnded(id);
		expect(ended.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 4, canceled: 0, expired: 2 });
		expect(ended.ended_at).not.toBeNull();
		expect(ended.results_url).toBe(`${emulator.url}/v1/messages/batches/${id}/results`);

		const response = await signedRequest('GET', new URL(ended.results_url).pathname);
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('application/binary');
		const byId = Object.fromEntries(parseJsonl(response.body).map((line) => [line.custom_id, line.result]));
		expect(Object.keys(byId).sort()).toEqual([
			'marker-error',
			'marker-expire',
			'no-model',
			'ok',
			'streaming',
			'unknown-model',
			'will-batch-expire',
		]);
		expect(byId.ok).toEqual({
			type: 'succeeded',
			message: expect.objectContaining({
				id: expect.stringMatching(/^msg_01/),
				type: 'message',
				role: 'assistant',
				model: 'claude-sonnet-4-6',
				content: [expect.objectContaining({ type: 'text', text: 'Echo: Hello' })],
				stop_reason: 'end_turn',
				usage: expect.objectContaining({ service_tier: 'batch' }),
			}),
		});
		expect(byId['no-model']).toEqual({
			type: 'errored',
			error: { type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('model') }, request_id: null },
		});
		expect(byId['marker-error'].error.error.type).toBe('api_error');
		expect(byId.streaming.error.error).toEqual({ type: 'invalid_request_error', message: expect.stringContaining('stream') });
		expect(byId['unknown-model'].error.error.type).toBe('not_found_error');
		expect(byId['marker-expire']).toEqual({ type: 'expired' });
		expect(byId['will-batch-expire']).toEqual({ type: 'expired' });
	});

	it('cancels: canceling, then ended with the unprocessed requests canceled', async () => {
		batches().processingMs = 60_000;
		const created = await call('POST', '/v1/messages/batches', {
			requests: ['c1', 'c2', 'c3'].map((id) => ({ custom_id: id, params: params(id) })),
		});
		const id = created.json.id;

		const canceled = await call('POST', `/v1/messages/batches/${id}/cancel`);
		expect(canceled.status).toBe(200);
		expect(canceled.json.processing_status).toBe('canceling');
		expect(canceled.json.cancel_initiated_at).not.toBeNull();

		const again = await call('POST', `/v1/messages/batches/${id}/cancel`);
		expect(again.json.processing_status).toBe('canceling');

		const ended = await waitUntilEnded(id);
		expect(ended.request_counts).toEqual({ processing: 0, succeeded: 0, errored: 0, canceled: 3, expired: 0 });
		const lines = parseJsonl((await signedRequest('GET', `/v1/messages/batches/${id}/results`)).body);
		expect(lines.map((line) => line.result)).toEqual([{ type: 'canceled' }, { type: 'canceled' }, { type: 'canceled' }]);

		const late = await call('POST', `/v1/messages/batches/${id}/cancel`);
		expect(late.status).toBe(400);
		expect(late.json.error.message).toContain('ended');
	});

	it('deletes only an ended batch', async () => {
		batches().processingMs = 60_000;
		const created = await call('POST', '/v1/messages/batches', { requests: [{ custom_id: 'd', params: params('d') }] });
		const id = created.json.id;

		const refused = await call('DELETE', `/v1/messages/batches/${id}`);
		expect(refused.status).toBe(400);
		expect(refused.json.error.message).toContain('in_progress');

		await call('POST', `/v1/messages/batches/${id}/cancel`);
		await waitUntilEnded(id);
		const deleted = await call('DELETE', `/v1/messages/batches/${id}`);
		expect(deleted).toEqual({ status: 200, json: { id, type: 'message_batch_deleted' } });

		const gone = await call('GET', `/v1/messages/batches/${id}`);
		expect(gone.status).toBe(404);
		expect(gone.json.error.message).toContain(id);
	});
});

describe('listing batches', () => {
	it('serves ID pages, newest first', async () => {
		const ids: string[] = [];
		for (const name of ['l1', 'l2', 'l3']) {
			ids.push((await call('POST', '/v1/messages/batches', { requests: [{ custom_id: name, params: params(name) }] })).json.id);
		}
		const first = await call('GET', '/v1/messages/batches?limit=2');
		expect(first.json.data.map((batch: any) => batch.id)).toEqual([ids[2], ids[1]]);
		expect(first.json).toMatchObject({ has_more: true, first_id: ids[2], last_id: ids[1] });

		const second = await call('GET', `/v1/messages/batches?limit=2&after_id=${first.json.last_id}`);
		expect(second.json.data[0].id).toBe(ids[0]);
		expect(second.json.data[0].type).toBe('message_batch');
	});
});

describe('the results download', () => {
	const manyRequests = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ custom_id: `req-${index}`, params: params(`Grüße, 東京 #${index}`) }));

	async function endedBatch(count: number): Promise<string> {
		batches().processingMs = 0;
		const created = await call('POST', '/v1/messages/batches', { requests: manyRequests(count) });
		return (await waitUntilEnded(created.json.id)).id;
	}

	it('shuffles the order reproducibly and splits lines across chunks', async () => {
		const id = await endedBatch(2000);
		const first = await signedRequest('GET', `/v1/messages/batches/${id}/results`);
		const order = parseJsonl(first.body).map((line) => line.custom_id);
		expect(new Set(order).size).toBe(2000);
		expect(order).not.toEqual(manyRequests(2000).map((request) => request.custom_id));

		// Chunks end mid-line, which is what a client's line splitter has to cope with.
		expect(first.chunks.length).toBeGreaterThan(10);
		expect(first.chunks.slice(0, -1).some((chunk) => chunk[chunk.length - 1] !== 0x0a)).toBe(true);

		const again = await signedRequest('GET', `/v1/messages/batches/${id}/results`);
		expect(again.body.equals(first.body)).toBe(true);

		// Same custom_ids, same order: the seed comes from the batch's contents, not its random ID.
		const twin = await endedBatch(2000);
		const twinOrder = parseJsonl((await signedRequest('GET', `/v1/messages/batches/${twin}/results`)).body).map(
			(line) => line.custom_id,
		);
		expect(twinOrder).toEqual(order);
	});

	it('keeps request order when shuffling is off', async () => {
		const id = await endedBatch(50);
		batches().shuffle = false;
		const lines = parseJsonl((await signedRequest('GET', `/v1/messages/batches/${id}/results`)).body);
		expect(lines.map((line) => line.custom_id)).toEqual(manyRequests(50).map((request) => request.custom_id));
	});

	it('streams 100,000 results', async () => {
		const id = await endedBatch(100_000);
		const response = await signedRequest('GET', `/v1/messages/batches/${id}/results`);
		expect(response.status).toBe(200);
		let lines = 0;
		for (const byte of response.body) if (byte === 0x0a) lines++;
		expect(lines).toBe(100_000);
	}, 20_000);

	it('honours a cutStream fault by breaking the connection mid-body', async () => {
		const id = await endedBatch(500);
		emulator.faults.inject({ method: 'GET', path: /\/results$/, fault: { type: 'cutStream', afterEvents: 3 } });
		const response = await signedRequest('GET', `/v1/messages/batches/${id}/results`);
		expect(response.status).toBe(200);
		expect(response.error).toBeDefined();
		expect(response.body.toString('utf8').split('\n').filter(Boolean).length).toBeLessThan(500);
	});
});

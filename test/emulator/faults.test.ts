/** Fault injection, latency and rate limiting over real HTTP. */
import { request as httpRequest } from 'node:http';
import { startEmulator } from './server';
import { bearerRequest, parseSse, postJson, rawRequest } from './testRequest';
import type { Emulator } from './types';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
afterEach(() => {
	emulator.faults.clear();
	emulator.setLatency(0);
	emulator.setRateLimit(null);
});

const chat = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello streaming world, this is long enough to chunk' }] };

describe('faults', () => {
	it('status: serves the error envelope N times, then normal answers; counts every attempt in received', async () => {
		emulator.clearReceived();
		emulator.faults.inject({ method: 'GET', path: '/v1/models', times: 2, fault: { type: 'status', status: 529 } });
		const first = await bearerRequest(emulator, { path: '/v1/models' });
		expect(first.status).toBe(529);
		expect(first.json).toMatchObject({ type: 'error', error: { type: 'overloaded_error' }, request_id: first.headers['request-id'] });
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(529);
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		expect(emulator.received.map((r) => [r.status, r.fault])).toEqual([
			[529, 'status'],
			[529, 'status'],
			[200, undefined],
		]);
	});

	it('status: custom body and headers, path as RegExp', async () => {
		emulator.faults.inject({
			path: /^\/v1\/models\//,
			fault: { type: 'status', status: 429, headers: { 'retry-after': '3', 'x-should-retry': 'true' }, body: { custom: true } },
		});
		const res = await bearerRequest(emulator, { path: '/v1/models/claude-opus-5' });
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('3');
		expect(res.json).toEqual({ custom: true });
	});

	it('does not match other methods or paths', async () => {
		emulator.faults.inject({ method: 'POST', path: '/v1/models', fault: { type: 'status', status: 500 } });
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
	});

	it('reset: the socket closes before any byte', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'reset' } });
		await expect(bearerRequest(emulator, { path: '/v1/models' })).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/) });
	});

	it('resetMidBody: status and headers arrive, then the body breaks off', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'resetMidBody' } });
		const outcome = await new Promise<{ status?: number; error?: Error; body: string }>((resolve) => {
			let body = '';
			const req = httpRequest(`${emulator.url}/v1/models`, { headers: { authorization: 'Bearer x' } }, (res) => {
				res.on('data', (chunk) => (body += chunk));
				res.on('error', (error) => resolve({ status: res.statusCode, error, body }));
				res.on('aborted', () => resolve({ status: res.statusCode, error: new Error('aborted'), body }));
				res.on('end', () => resolve({ status: res.statusCode, body }));
			});
			req.on('error', (error) => resolve({ error, body }));
			req.end();
		});
		expect(outcome.status).toBe(200);
		expect(outcome.error).toBeDefined();
		expect(() => JSON.parse(outcome.body)).toThrow();
	});

	it('hang: never answers (the client timeout fires); close() still finishes', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'hang' } });
		const started = Date.now();
		await expect(bearerRequest(emulator, { path: '/v1/models', timeoutMs: 200 })).rejects.toThrow(/timeout/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	});

	it('malformedJson: 200 with a truncated JSON body', async () => {
		emulator.faults.inject({ path: '/v1/messages', fault: { type: 'malformedJson' } });
		const res = await postJson(emulator, '/v1/messages', chat);
		expect(res.status).toBe(200);
		expect(res.text).toBe('{"id": "msg_');
		expect(res.json).toBeUndefined();
	});

	it('latency fault and setLatency delay the first byte', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'latency', ms: 150 } });
		let started = Date.now();
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		emulator.setLatency(100);
		started = Date.now();
		await bearerRequest(emulator, { path: '/v1/models' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
	});

	it('cutStream: the SSE stream stops after N events and the socket is destroyed', async () => {
		emulator.faults.inject({ path: '/v1/messages', fault: { type: 'cutStream', afterEvents: 3 } });
		const received: string[] = [];
		const error = await new Promise<Error | undefined>((resolve) => {
			const req = httpRequest(
				`${emulator.url}/v1/messages`,
				{
					method: 'POST',
					headers: {
						authorization: `Bearer ${require('./fixtures').TEST_API_KEY}`,
						'anthropic-version': '2026-10-21',
						'anthropic-workspace-id': require('./fixtures').TEST_WORKSPACE_ID,
						'content-type': 'application/json',
					},
				},
				(res) => {
					res.on('data', (chunk) => received.push(String(chunk)));
					res.on('error', resolve);
					res.on('aborted', () => resolve(new Error('aborted')));
					res.on('end', () => resolve(undefined));
				},
			);
			req.on('error', resolve);
			req.end(JSON.stringify({ ...chat, stream: true }));
		});
		expect(error).toBeDefined();
		const events = parseSse(received.join(''));
		expect(events.map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'ping']);
	});

	it('sseError: an error event replaces the rest of the stream', async () => {
		emulator.faults.inject({ path: '/v1/messages', fault: { type: 'sseError', afterEvents: 2 } });
		const res = await postJson(emulator, '/v1/messages', { ...chat, stream: true });
		const events = parseSse(res.text);
		expect(events.map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'error']);
		expect(events[2].data).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
	});

	it('faults come before auth (a bad request still gets the fault)', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'status', status: 500 } });
		const res = await rawRequest(emulator, { path: '/v1/models' });
		expect(res.status).toBe(500);
		expect(res.json.error.type).toBe('api_error');
	});
});

describe('rate limit', () => {
	it('answers 429 rate_limit_error with retry-after in whole seconds once the bucket is empty', async () => {
		emulator.setRateLimit({ perSecond: 0.5, burst: 2 });
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		const limited = await bearerRequest(emulator, { path: '/v1/models' });
		expect(limited.status).toBe(429);
		expect(limited.json.error.type).toBe('rate_limit_error');
		expect(limited.headers['retry-after']).toBe('2');
		expect(limited.headers['retry-after-ms']).toBeUndefined();
	});

	it('refills over time', async () => {
		emulator.setRateLimit({ perSecond: 20, burst: 1 });
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(429);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect((await bearerRequest(emulator, { path: '/v1/models' })).status).toBe(200);
	});
});

describe('lifecycle', () => {
	it('close() ends hanging connections and removes its files dir', async () => {
		const own = await startEmulator();
		const { existsSync } = await import('node:fs');
		expect(existsSync(own.options.filesDir)).toBe(true);
		own.faults.inject({ fault: { type: 'hang' } });
		const pending = bearerRequest(own, { path: '/v1/models' }).catch((error: Error) => error);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await own.close();
		expect(await pending).toHaveProperty('message');
		expect(existsSync(own.options.filesDir)).toBe(false);
	});

	it('answers 413 request_too_large over the Messages body limit', async () => {
		const res = await bearerRequest(emulator, {
			method: 'POST',
			path: '/v1/messages',
			headers: { 'content-length': String(33 * 1024 * 1024) },
			body: '',
		}).catch((error: Error) => error);
		if (res instanceof Error) throw res;
		expect(res.status).toBe(413);
		expect(res.json.error.type).toBe('request_too_large');
	});
});

/**
 * The transport over real HTTP against the emulator, whose SigV4 verifier is independent of our signer.
 * Nothing in the transport is mocked.
 */
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import {
	TEST_ACCESS_KEY_ID,
	TEST_API_KEY,
	TEST_EXPIRED_API_KEY,
	TEST_REGION,
	TEST_SECRET_ACCESS_KEY,
	TEST_SESSION_TOKEN,
	TEST_TEMP_ACCESS_KEY_ID,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_WORKSPACE_ID,
} from '../emulator/fixtures';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import type { AuthConfig, ConnectionConfig } from '../../nodes/transport/config';
import { API_VERSION, USER_AGENT } from '../../nodes/transport/constants';
import { ClaudeApiError, ClaudeConfigError, ClaudeConnectionError, ClaudeStreamError } from '../../nodes/transport/errors';
import { recordForLeakScan } from '../setup/leakRecorder';
import { apiErrorHint, connectionHint } from '../../nodes/shared/errors';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.faults.clear();
	emulator.clearReceived();
	emulator.setRateLimit(null);
	emulator.setLatency(0);
});

const keys: AuthConfig = { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY };

function client(overrides: Partial<ConnectionConfig> = {}): ClaudeAwsClient {
	return new ClaudeAwsClient({ region: TEST_REGION, workspaceId: TEST_WORKSPACE_ID, baseUrl: emulator.url, auth: keys, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (error) {
		recordForLeakScan('transport error', error);
		return error;
	}
	throw new Error('expected the request to fail');
}

describe('authentication', () => {
	it('signs with access keys; the independent verifier accepts it and sees our headers', async () => {
		const page = await client().request({ method: 'GET', path: '/v1/models', query: { limit: 2 } });
		expect(page.data).toHaveLength(2);
		const [received] = emulator.received;
		expect(received.auth).toBe('sigv4');
		expect(received.principal).toBe(TEST_ACCESS_KEY_ID);
		expect(received.headers['anthropic-version']).toBe(API_VERSION);
		expect(received.headers['anthropic-workspace-id']).toBe(TEST_WORKSPACE_ID);
		expect(received.headers['user-agent']).toBe(USER_AGENT);
		expect(received.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-west-2\/aws-external-anthropic\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
		// headers a proxy may rewrite are not signed
		expect(received.headers.authorization).not.toMatch(/SignedHeaders=[^,]*(user-agent|content-length|connection)/);
	});

	it('signs a JSON body (its hash is checked) and sends the session token of temporary keys', async () => {
		const c = client({ auth: { type: 'accessKeys', accessKeyId: TEST_TEMP_ACCESS_KEY_ID, secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY, sessionToken: TEST_SESSION_TOKEN } });
		const count = await c.request({ method: 'POST', path: '/v1/messages/count_tokens', body: { model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hello ✓' }] } });
		expect(count.input_tokens).toBeGreaterThan(0);
		expect(emulator.received[0].headers['x-amz-security-token']).toBe(TEST_SESSION_TOKEN);
		expect(emulator.received[0].headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
	});

	it('signs paths and queries that need escaping', async () => {
		const error = await failure(client().request({ method: 'GET', path: `/v1/models/${encodeURIComponent('no such model: ü/x')}`, query: { 'odd key': 'a b+c', x: ['2', '1'] } }));
		// a 404 from the handler proves the signature (with escaped path and query) was accepted
		expect(error).toBeInstanceOf(ClaudeApiError);
		expect(error.status).toBe(404);
	});

	it('uses Bearer for a short-term API key, with no SigV4', async () => {
		await client({ auth: { type: 'apiKey', apiKey: TEST_API_KEY } }).request({ method: 'GET', path: '/v1/models' });
		expect(emulator.received[0].auth).toBe('bearer');
		expect(emulator.received[0].headers['x-amz-date']).toBeUndefined();
	});

	it('maps an expired short-term key to 401 with a hint, not retried', async () => {
		const error = await failure(client({ auth: { type: 'apiKey', apiKey: TEST_EXPIRED_API_KEY } }).request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeApiError);
		expect(error.status).toBe(401);
		expect(error.errorType).toBe('authentication_error');
		expect(error.reason).toBe('authentication');
		expect(apiErrorHint(error)).toMatch(/short-term API key may have expired/);
		expect(error.retries).toBe(0);
		expect(error.requestId).toMatch(/^req_/);
		expect(JSON.stringify(error)).not.toContain(TEST_EXPIRED_API_KEY);
		expect(error.message).not.toContain(TEST_EXPIRED_API_KEY);
	});

	it('a wrong secret gets 403 with the signature hint; the secret appears nowhere in the error', async () => {
		const error = await failure(client({ auth: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'wrongSecretEXAMPLEwrongSecretEXAMPLE0000' } }).request({ method: 'GET', path: '/v1/models' }));
		expect(error.status).toBe(403);
		expect(error.errorType).toBe('permission_error');
		expect(apiErrorHint(error)).toMatch(/signature was refused/);
		expect(`${error.message} ${apiErrorHint(error)}`).not.toContain('wrongSecretEXAMPLE');
	});

	it('an unknown workspace gets 403 with the workspace hint', async () => {
		const error = await failure(client({ workspaceId: 'wrkspc_unknown' }).request({ method: 'GET', path: '/v1/models' }));
		expect(error.status).toBe(403);
		expect(error.reason).toBe('permission');
		expect(apiErrorHint(error)).toMatch(/Workspace ID/);
	});

	it('refuses to send a signed request to another origin (results_url from elsewhere)', async () => {
		const error = await failure(client().request({ method: 'GET', path: 'https://evil.example/v1/messages/batches/x/results' }));
		expect(error).toBeInstanceOf(ClaudeConfigError);
		expect(emulator.received).toHaveLength(0);
	});
});

describe('retries', () => {
	it('retries 529 with back-off and succeeds; each attempt is signed anew', async () => {
		emulator.faults.inject({ path: '/v1/models', times: 2, fault: { type: 'status', status: 529 } });
		const page = await client().request({ method: 'GET', path: '/v1/models' });
		expect(page.data.length).toBeGreaterThan(0);
		// The schedule itself (0.5 s, then 1 s, less jitter) is test/transport/retryPolicy.test.ts's.
		expect(emulator.received).toHaveLength(3);
		expect(emulator.received.every((r) => r.auth === 'sigv4' && r.principal === TEST_ACCESS_KEY_ID)).toBe(true);
	});

	it('gives up after maxRetries and says how often it retried', async () => {
		emulator.faults.inject({ path: '/v1/models', times: 5, fault: { type: 'status', status: 500 } });
		const error = await failure(client({ maxRetries: 1 }).request({ method: 'GET', path: '/v1/models' }));
		expect(error.status).toBe(500);
		expect(error.retries).toBe(1);
		expect(apiErrorHint(error)).toMatch(/retried 1 time/);
		expect(emulator.received).toHaveLength(2);
	});

	it('honours retry-after on 429 (measured) and x-should-retry: false', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'status', status: 429, headers: { 'retry-after': '1' } } });
		const started = Date.now();
		await client().request({ method: 'GET', path: '/v1/models' });
		// A lower bound only: a busy machine can make it later, never earlier.
		expect(Date.now() - started).toBeGreaterThanOrEqual(990);
		expect(emulator.received).toHaveLength(2);

		emulator.faults.inject({ path: '/v1/models', fault: { type: 'status', status: 503, headers: { 'x-should-retry': 'false' } } });
		const error = await failure(client().request({ method: 'GET', path: '/v1/models' }));
		expect(error.status).toBe(503);
		expect(error.retries).toBe(0);
	});

	it('honours retry-after-ms', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'status', status: 529, headers: { 'retry-after-ms': '150' } } });
		const started = Date.now();
		await client().request({ method: 'GET', path: '/v1/models' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		// That 150 ms (not the 0.5 s back-off) is the wait is decideRetry's test.
		expect(emulator.received).toHaveLength(2);
	});

	it('does not retry 400s', async () => {
		const error = await failure(client().request({ method: 'POST', path: '/v1/messages', body: { model: 'claude-sonnet-4-6', messages: [] } }));
		expect(error.status).toBe(400);
		expect(error.errorType).toBe('invalid_request_error');
		expect(error.retries).toBe(0);
		expect(emulator.received).toHaveLength(1);
	});

	it('retries a connection reset and a cut body for idempotent calls', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'reset' } });
		await client().request({ method: 'GET', path: '/v1/models' });
	});

	it('does not silently repeat a create after an ambiguous reset', async () => {
		emulator.faults.inject({ path: '/v1/messages/batches', method: 'POST', fault: { type: 'reset' } });
		const error = await failure(
			client().request({ method: 'POST', path: '/v1/messages/batches', idempotent: false, body: { requests: [{ custom_id: 'a', params: { model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } }] } }),
		);
		expect(error).toBeInstanceOf(ClaudeConnectionError);
		expect(error.reason).toBe('ambiguous_create');
		expect(connectionHint(error)).toMatch(/not sent again to avoid creating a duplicate/);
		const list = await client().request({ method: 'GET', path: '/v1/messages/batches' });
		expect(list.data).toHaveLength(0);
	});

	it('times out a request that never gets an answer, then retries it', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'hang' } });
		const started = Date.now();
		await client({ timeoutMs: 300 }).request({ method: 'GET', path: '/v1/models' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(emulator.received).toHaveLength(2);
	});

	it('reports a malformed JSON body clearly, with the request id', async () => {
		emulator.faults.inject({ path: '/v1/models', fault: { type: 'malformedJson' } });
		const error = await failure(client().request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeApiError);
		expect(error.apiMessage).toMatch(/not valid JSON/);
		expect(error.requestId).toMatch(/^req_/);
	});

	it('fails fast on a refused connection after its retries', async () => {
		const error = await failure(new ClaudeAwsClient({ region: TEST_REGION, workspaceId: TEST_WORKSPACE_ID, baseUrl: 'http://127.0.0.1:9', auth: keys, maxRetries: 1 }).request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeConnectionError);
		expect(error.code).toBe('ECONNREFUSED');
		expect(error.reason).toBe('unreachable');
		expect(error.retries).toBe(1);
		expect(connectionHint(error)).toBe('Check that http://127.0.0.1:9 can be reached from this n8n host.');
	});
});

describe('shared back-off under a rate limit', () => {
	it('waits out retry-after together and loses no request', async () => {
		emulator.setRateLimit({ perSecond: 20, burst: 20 });
		const c = client({ maxConcurrency: 16 });
		const results = await Promise.all(Array.from({ length: 60 }, () => c.request({ method: 'GET', path: '/v1/models', query: { limit: 1 } })));
		expect(results.every((r) => r.data.length === 1)).toBe(true);
		// Every request got through, and the rate-limited ones were few: they waited together instead of hammering.
		const limited = emulator.received.length - 60;
		expect(limited).toBeGreaterThan(0);
		expect(limited).toBeLessThan(60);
	});
});

describe('pagination', () => {
	it('follows ID pages (models) with a limit and with Return All', async () => {
		const all = await client().paginate({ method: 'GET', path: '/v1/models' }, { style: 'id', returnAll: true, pageSize: 2 });
		expect(all.length).toBeGreaterThan(2);
		expect(new Set(all.map((m: any) => m.id)).size).toBe(all.length);
		const some = await client().paginate({ method: 'GET', path: '/v1/models' }, { style: 'id', returnAll: false, limit: 3, pageSize: 2 });
		expect(some.map((m: any) => m.id)).toEqual(all.slice(0, 3).map((m: any) => m.id));
		const pageQueries = emulator.received.filter((r) => r.path === '/v1/models').map((r) => r.query);
		expect(pageQueries[1].after_id).toBeDefined();
	});
});

describe('server-sent events', () => {
	const body = { model: 'claude-sonnet-4-6', max_tokens: 200, stream: true, messages: [{ role: 'user', content: 'stream me' }] };

	it('yields the whole event sequence and stops at the final event', async () => {
		const events: string[] = [];
		for await (const event of client().sse({ method: 'POST', path: '/v1/messages', body }, (e) => e.event === 'message_stop')) events.push(event.event);
		expect(events[0]).toBe('message_start');
		expect(events).toContain('content_block_delta');
		expect(events[events.length - 1]).toBe('message_stop');
		expect(events).not.toContain('ping');
	});

	it('a stream cut before its final event is an error, never a short answer', async () => {
		emulator.faults.inject({ path: '/v1/messages', fault: { type: 'cutStream', afterEvents: 3 } });
		const seen: string[] = [];
		const error = await failure(
			(async () => {
				for await (const event of client().sse({ method: 'POST', path: '/v1/messages', body }, (e) => e.event === 'message_stop')) seen.push(event.event);
			})(),
		);
		expect(error).toBeInstanceOf(ClaudeStreamError);
		expect(seen).not.toContain('message_stop');
	});
});

describe('streamed upload', () => {
	it('sends a multipart body with UNSIGNED-PAYLOAD, accepted by the verifier', async () => {
		const { multipartFile } = await import('../../nodes/transport/multipart');
		const { Readable } = await import('node:stream');
		const content = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
		const body = multipartFile({ fieldName: 'file', fileName: 'bytes.bin', contentType: 'application/octet-stream', size: content.length, open: () => Readable.from([content]) });
		const file = await client().request({ method: 'POST', path: '/v1/files', idempotent: false, stream: { open: body.open, contentType: body.contentType, contentLength: body.contentLength } });
		expect(file.size_bytes).toBe(256);
		expect(emulator.received.at(-1)!.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
		const download = await client().stream({ method: 'GET', path: `/v1/files/${file.id}/content` });
		const chunks: Buffer[] = [];
		for await (const chunk of download.body) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).equals(content)).toBe(true);
	});
});

describe('connections', () => {
	it('sends a create on a new connection, never on a kept-alive one the gateway may just have closed', async () => {
		const c = client();
		await c.request({ method: 'GET', path: '/v1/models' });
		await c.request({ method: 'GET', path: '/v1/models' });
		const body = { requests: [{ custom_id: 'a', params: { model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } }] };
		await c.request({ method: 'POST', path: '/v1/messages/batches', idempotent: false, body });
		await c.request({ method: 'GET', path: '/v1/models' });
		const [first, second, create, after] = emulator.received.slice(-4);
		expect(second.remotePort).toBe(first.remotePort);
		expect(create.remotePort).not.toBe(first.remotePort);
		// Its own connection is not pooled for later requests either.
		expect(after.remotePort).not.toBe(create.remotePort);
		// Still keep-alive, not "Connection: close": a gateway that answers an upload early (429, 401...)
		// drains the rest instead of closing on it, so the answer is read, not lost to a write EPIPE.
		expect(create.headers.connection).toBe('keep-alive');
	});
});

/** Gateway authentication over real HTTP, with requests signed by the independent `aws4` package. */
import { startEmulator } from './server';
import {
	TEST_ACCESS_KEY_ID,
	TEST_EXPIRED_API_KEY,
	TEST_SESSION_TOKEN,
	TEST_TEMP_ACCESS_KEY_ID,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_WORKSPACE_ID,
} from './fixtures';
import { anthropicHeaders, bearerRequest, rawRequest, signHeaders, signedRequest } from './testRequest';
import type { Emulator } from './types';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearReceived());

// A count_tokens body as the SDK types it (MessageCountTokensParams has no max_tokens).
const body = JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] });

function expectPermissionError(res: { status: number; json: any; headers: any }, pattern: RegExp) {
	expect(res.status).toBe(403);
	expect(res.json.type).toBe('error');
	expect(res.json.error.type).toBe('permission_error');
	expect(res.json.error.message).toMatch(pattern);
	expect(res.json.request_id).toBe(res.headers['request-id']);
}

describe('SigV4', () => {
	it('accepts a correct signature (GET and POST with a body)', async () => {
		const list = await signedRequest(emulator, { path: '/v1/models?limit=2' });
		expect(list.status).toBe(200);
		expect(list.headers['request-id']).toMatch(/^req_/);
		const post = await signedRequest(emulator, { method: 'POST', path: '/v1/messages/count_tokens', body });
		expect(post.status).toBe(200);
		expect(emulator.received.at(-1)).toMatchObject({ auth: 'sigv4', principal: TEST_ACCESS_KEY_ID, status: 200 });
	});

	it('accepts an x-amz-content-sha256 header with the real hash and UNSIGNED-PAYLOAD', async () => {
		const { createHash } = await import('node:crypto');
		const hash = createHash('sha256').update(body).digest('hex');
		const ok = await signedRequest(emulator, {
			method: 'POST',
			path: '/v1/messages/count_tokens',
			body,
			headers: { 'x-amz-content-sha256': hash },
		});
		expect(ok.status).toBe(200);
		const unsigned = await signedRequest(emulator, {
			method: 'POST',
			path: '/v1/messages/count_tokens',
			body,
			headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
		});
		expect(unsigned.status).toBe(200);
	});

	it('rejects a wrong secret with AWS wording and the canonical request', async () => {
		const res = await signedRequest(emulator, {
			path: '/v1/models',
			credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'wrong/secret/EXAMPLEKEY' },
		});
		expectPermissionError(res, /signature we calculated does not match/);
		expect(res.json.error.message).toMatch(/Canonical String/);
	});

	it('rejects an unknown access key', async () => {
		const res = await signedRequest(emulator, {
			path: '/v1/models',
			credentials: { accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x' },
		});
		expectPermissionError(res, /security token included in the request is invalid/);
	});

	it('rejects a signature dated 6 minutes ago, and one 6 minutes ahead', async () => {
		const stale = await signedRequest(emulator, { path: '/v1/models', date: new Date(Date.now() - 6 * 60 * 1000) });
		expectPermissionError(stale, /Signature expired/);
		const future = await signedRequest(emulator, { path: '/v1/models', date: new Date(Date.now() + 6 * 60 * 1000) });
		expectPermissionError(future, /Signature not yet current/);
	});

	it('rejects a tampered body (hash computed from the body)', async () => {
		const headers = signHeaders(emulator, { method: 'POST', path: '/v1/messages/count_tokens', body });
		const res = await rawRequest(emulator, {
			method: 'POST',
			path: '/v1/messages/count_tokens',
			headers,
			body: body.replace('hi', 'ho'),
		});
		expectPermissionError(res, /signature we calculated does not match/);
	});

	it('rejects a body that does not match the signed x-amz-content-sha256', async () => {
		const { createHash } = await import('node:crypto');
		const hash = createHash('sha256').update(body).digest('hex');
		const headers = signHeaders(emulator, {
			method: 'POST',
			path: '/v1/messages/count_tokens',
			body,
			headers: { 'x-amz-content-sha256': hash },
		});
		const res = await rawRequest(emulator, { method: 'POST', path: '/v1/messages/count_tokens', headers, body: body.replace('hi', 'ho') });
		expectPermissionError(res, /x-amz-content-sha256/);
	});

	it('rejects a tampered signed header', async () => {
		const headers = signHeaders(emulator, { path: '/v1/models' });
		const res = await rawRequest(emulator, {
			path: '/v1/models',
			headers: { ...headers, 'anthropic-version': '2023-06-01' },
		});
		expectPermissionError(res, /signature we calculated does not match/);
	});

	it('rejects a wrong region or service in the scope', async () => {
		expectPermissionError(await signedRequest(emulator, { path: '/v1/models', region: 'eu-west-1' }), /valid region/);
		expectPermissionError(await signedRequest(emulator, { path: '/v1/models', service: 'bedrock' }), /correct service/);
	});

	it('requires host to be signed', async () => {
		const headers = signHeaders(emulator, { path: '/v1/models' });
		const auth = headers.Authorization.replace(';host;', ';');
		expect(auth).not.toContain('host');
		const res = await rawRequest(emulator, { path: '/v1/models', headers: { ...headers, Authorization: auth } });
		expectPermissionError(res, /'Host' or ':authority' must be a 'SignedHeader'/);
	});

	it('temporary credentials need their session token, signed', async () => {
		const temp = { accessKeyId: TEST_TEMP_ACCESS_KEY_ID, secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY };
		const missing = await signedRequest(emulator, { path: '/v1/models', credentials: temp });
		expectPermissionError(missing, /security token included in the request is invalid/);
		const ok = await signedRequest(emulator, { path: '/v1/models', credentials: { ...temp, sessionToken: TEST_SESSION_TOKEN } });
		expect(ok.status).toBe(200);
		// Token sent but not signed.
		const headers = signHeaders(emulator, { path: '/v1/models', credentials: temp });
		const unsigned = await rawRequest(emulator, {
			path: '/v1/models',
			headers: { ...headers, 'x-amz-security-token': TEST_SESSION_TOKEN },
		});
		expectPermissionError(unsigned, /X-Amz-Security-Token/);
	});

	it('rejects an expired STS key', async () => {
		emulator.identities.accessKeys.set('ASIAEXPIREDEXAMPLE01', {
			secretAccessKey: 'expired/secret/EXAMPLEKEY',
			sessionToken: 'expired-token-EXAMPLE',
			expiresAt: Date.now() - 1000,
		});
		const res = await signedRequest(emulator, {
			path: '/v1/models',
			credentials: { accessKeyId: 'ASIAEXPIREDEXAMPLE01', secretAccessKey: 'expired/secret/EXAMPLEKEY', sessionToken: 'expired-token-EXAMPLE' },
		});
		expectPermissionError(res, /expired/);
	});

	it('verifies paths with characters that need encoding (double encoding, as AWS does for non-S3)', async () => {
		const res = await signedRequest(emulator, { path: '/v1/models/claude%20nope' });
		expect(res.status).toBe(404);
		expect(res.json.error.message).toContain('claude nope');
	});

	it('verifies query strings with reserved characters', async () => {
		const res = await signedRequest(emulator, { path: '/v1/models?limit=3&after_id=claude-opus-5&x=a%2Fb%20c' });
		expect(res.status).toBe(200);
	});
});

describe('bearer keys', () => {
	it('accepts a valid key and labels it without the secret', async () => {
		const res = await bearerRequest(emulator, { path: '/v1/models' });
		expect(res.status).toBe(200);
		expect(emulator.received.at(-1)!.principal).toMatch(/^apikey:[0-9a-f]{12}$/);
	});

	it('rejects an expired key with 401', async () => {
		const res = await bearerRequest(emulator, { path: '/v1/models', apiKey: TEST_EXPIRED_API_KEY });
		expect(res.status).toBe(401);
		expect(res.json.error).toMatchObject({ type: 'authentication_error' });
		expect(res.json.error.message).toMatch(/expired/);
	});

	it('rejects an unknown key and a missing Authorization header with 401', async () => {
		expect((await bearerRequest(emulator, { path: '/v1/models', apiKey: 'nope' })).status).toBe(401);
		const none = await rawRequest(emulator, { path: '/v1/models', headers: anthropicHeaders() });
		expect(none.status).toBe(401);
		expect(none.json.error.type).toBe('authentication_error');
	});
});

describe('Anthropic headers', () => {
	it('rejects an unknown or missing workspace with 403', async () => {
		const unknown = await bearerRequest(emulator, { path: '/v1/models', headers: { 'anthropic-workspace-id': 'wrkspc_nope' } });
		expectPermissionError(unknown, /[Ww]orkspace/);
		const missing = await bearerRequest(emulator, {
			path: '/v1/models',
			bare: true,
			headers: { 'anthropic-version': '2026-10-21' },
		});
		expectPermissionError(missing, /workspace/);
	});

	it('requires anthropic-version', async () => {
		const res = await bearerRequest(emulator, {
			path: '/v1/models',
			bare: true,
			headers: { 'anthropic-workspace-id': TEST_WORKSPACE_ID },
		});
		expect(res.status).toBe(400);
		expect(res.json.error).toMatchObject({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });
	});

	it('answers an unknown route with 404 not_found_error', async () => {
		const res = await bearerRequest(emulator, { path: '/v1/nothing-here' });
		expect(res.status).toBe(404);
		expect(res.json).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
		expect(res.headers['request-id']).toMatch(/^req_/);
	});
});

describe('cross-check with the signer the transport uses', () => {
	it('accepts requests signed by @smithy/signature-v4, including encoded paths and queries', async () => {
		const { SignatureV4 } = await import('@smithy/signature-v4');
		const { Sha256 } = await import('@aws-crypto/sha256-js');
		const signer = new SignatureV4({
			service: 'aws-external-anthropic',
			region: emulator.region,
			sha256: Sha256,
			credentials: {
				accessKeyId: TEST_TEMP_ACCESS_KEY_ID,
				secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY,
				sessionToken: TEST_SESSION_TOKEN,
			},
		});
		const send = async (method: string, path: string, query: Record<string, string>, payload?: string) => {
			const signed = await signer.sign({
				method,
				protocol: 'http:',
				hostname: '127.0.0.1',
				port: emulator.port,
				path,
				query,
				headers: { host: `127.0.0.1:${emulator.port}`, ...anthropicHeaders(payload) },
				body: payload,
			});
			const search = new URLSearchParams(query).toString().replace(/\+/g, '%20');
			return rawRequest(emulator, {
				method,
				path: search ? `${path}?${search}` : path,
				headers: signed.headers as Record<string, string>,
				body: payload,
			});
		};
		expect((await send('GET', '/v1/models', { limit: '2', after_id: 'claude opus/5' })).status).toBe(200);
		expect((await send('GET', '/v1/models/claude%20nope', {})).status).toBe(404);
		expect((await send('POST', '/v1/messages/count_tokens', {}, body)).status).toBe(200);
		expect(emulator.received.at(-1)).toMatchObject({ auth: 'sigv4', principal: TEST_TEMP_ACCESS_KEY_ID });
	});
});

describe('beta routes', () => {
	it('need their anthropic-beta value', async () => {
		const without = await bearerRequest(emulator, { path: '/v1/agents' });
		expect(without.status).toBe(400);
		expect(without.json.error.message).toContain('managed-agents-2026-04-01');
		const withBeta = await bearerRequest(emulator, {
			path: '/v1/agents',
			headers: { 'anthropic-beta': 'files-api-2025-04-14, managed-agents-2026-04-01' },
		});
		expect(withBeta.status).toBe(200);
	});
});

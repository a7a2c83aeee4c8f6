/**
 * `authenticate` as n8n's HTTP Request node uses it, against the emulator (which verifies SigV4 strictly):
 * the query on the wire is the query that was signed, a signed request never follows a redirect, assumed
 * keys are cached per credential, and multipart / form bodies are signed as UNSIGNED-PAYLOAD.
 */
import http from 'node:http';
import FormData from 'form-data';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { clearIdentityCache } from '../../nodes/transport/identity';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import { DEFAULT_EXTERNAL_ID, DEFAULT_ROLE_ARN } from '../emulator/resources/sts';
import { accessKeyCredentials } from '../helpers/credentials';
import { recordForLeakScan } from '../setup/leakRecorder';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
	emulator.clearReceived();
	clearIdentityCache();
});

const credential = new ClaudePlatformAwsApi();

/** Sends what `authenticate` produced, as n8n's HTTP client would: exactly the returned url, headers and body. */
function send(options: IHttpRequestOptions): Promise<{ status: number; body: any }> {
	return new Promise((resolve, reject) => {
		const req = http.request(options.url, { method: options.method, headers: options.headers as Record<string, string> }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
		});
		req.on('error', reject);
		req.end(options.body as string | undefined);
	});
}

describe('the query that is signed is the query that is sent', () => {
	it('encodes spaces as %20 on the wire, so a query with spaces verifies', async () => {
		const signed = await credential.authenticate(accessKeyCredentials(emulator), {
			method: 'GET',
			baseURL: emulator.url,
			url: '/v1/models',
			qs: { limit: 5, note: 'a b+c', tags: ['x y', 'z'] },
		} as IHttpRequestOptions);
		recordForLeakScan('authenticate output', signed);
		const result = await send(signed);
		expect(result.body?.error?.message).toBeUndefined();
		expect(result.status).toBe(200);
		expect(signed.url).toContain('note=a%20b%2Bc');
		expect(signed.url).not.toContain('+');
		expect(emulator.received[0].query).toMatchObject({ note: 'a b+c' });
	});

	it('keeps a query already in the URL and adds qs after it', async () => {
		const signed = await credential.authenticate(accessKeyCredentials(emulator), {
			method: 'GET',
			url: `${emulator.url}/v1/models?limit=2`,
			qs: { note: 'two words' },
		} as IHttpRequestOptions);
		expect(new URL(signed.url).search).toBe('?limit=2&note=two%20words');
		expect((await send(signed)).status).toBe(200);
	});
});

describe('a signed request never follows a redirect', () => {
	it('turns redirects off in both of n8n option styles, whatever the HTTP Request node asked for', async () => {
		// What the HTTP Request node (v4, default "follow redirects") hands to authenticate.
		const requested = {
			method: 'POST',
			uri: `${emulator.url}/v1/messages/count_tokens`,
			body: { model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] },
			json: true,
			followRedirect: true,
			followAllRedirects: true,
			maxRedirects: 21,
			sendCredentialsOnCrossOriginRedirect: true,
		} as unknown as IHttpRequestOptions;
		const signed = (await credential.authenticate(accessKeyCredentials(emulator), requested)) as IHttpRequestOptions & Record<string, unknown>;
		expect(signed).toMatchObject({
			disableFollowRedirect: true,
			followRedirect: false,
			followAllRedirects: false,
			maxRedirects: 0,
			sendCredentialsOnCrossOriginRedirect: false,
		});
		expect((await send(signed)).status).toBe(200);
	});
});


describe('Assume Role through authenticate', () => {
	const roleCredential = (overrides: Record<string, unknown> = {}) =>
		accessKeyCredentials(emulator, {
			authentication: 'assumeRole',
			masterCredentials: 'accessKeys',
			roleArn: DEFAULT_ROLE_ARN,
			externalId: DEFAULT_EXTERNAL_ID,
			roleSessionName: 'n8n-nodes-claude-aws',
			durationSeconds: 900,
			stsEndpoint: `${emulator.url}/sts`,
			...overrides,
		});

	it('assumes the role once for 20 signed requests of one credential, and once more for another credential', async () => {
		const before = emulator.state.sts.issued.length;
		const data = roleCredential();
		for (let i = 0; i < 20; i++) {
			// n8n hands authenticate a fresh copy of the decrypted credential each time.
			const signed = await credential.authenticate({ ...data }, { method: 'GET', url: '/v1/models', baseURL: emulator.url, qs: { limit: 1 } } as IHttpRequestOptions);
			expect((await send(signed)).status).toBe(200);
		}
		const minted = emulator.state.sts.issued.slice(before);
		expect(minted).toHaveLength(1);
		expect(new Set(emulator.received.filter((r) => r.path === '/v1/models').map((r) => r.principal))).toEqual(new Set([minted[0].accessKeyId]));

		await credential.authenticate(roleCredential({ roleSessionName: 'another-credential' }), { method: 'GET', url: '/v1/models', baseURL: emulator.url } as IHttpRequestOptions);
		expect(emulator.state.sts.issued.length - before).toBe(2);
	});
});

/** Sends a request-style body the way n8n's legacy adapter does: `formData` as multipart, `form` as urlencoded. */
function sendRequestStyle(options: Record<string, any>): Promise<{ status: number; body: any }> {
	let payload: Buffer;
	const headers: Record<string, string> = { ...options.headers };
	if (options.formData) {
		const form = new FormData();
		for (const [name, field] of Object.entries<any>(options.formData)) form.append(name, field.value, field.options);
		payload = form.getBuffer();
		Object.assign(headers, form.getHeaders());
	} else {
		payload = Buffer.from(new URLSearchParams(options.form).toString());
		headers['content-type'] = 'application/x-www-form-urlencoded';
	}
	headers['content-length'] = String(payload.length);
	return new Promise((resolve, reject) => {
		const req = http.request(options.url ?? options.uri, { method: options.method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
		});
		req.on('error', reject);
		req.end(payload);
	});
}

describe('multipart and form bodies (the HTTP Request node moves them out of `body`)', () => {
	it('signs a multipart file upload as UNSIGNED-PAYLOAD, and the gateway stores the file', async () => {
		const requested = {
			method: 'POST',
			uri: `${emulator.url}/v1/files`,
			formData: { file: { value: Buffer.from('hello from the HTTP Request node\n'), options: { filename: 'hello.txt', contentType: 'text/plain' } } },
		};
		const signed = (await credential.authenticate(accessKeyCredentials(emulator), requested as unknown as IHttpRequestOptions)) as any;
		expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(signed.formData).toBe(requested.formData);
		const result = await sendRequestStyle(signed);
		expect(result.body?.error?.message).toBeUndefined();
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ type: 'file', filename: 'hello.txt', size_bytes: 33 });
	});

	it('signs a form-urlencoded body as UNSIGNED-PAYLOAD, so the signature verifies', async () => {
		const requested = { method: 'POST', uri: `${emulator.url}/v1/messages/count_tokens`, form: { model: 'claude-sonnet-4-6', text: 'a b' } };
		const signed = (await credential.authenticate(accessKeyCredentials(emulator), requested as unknown as IHttpRequestOptions)) as any;
		expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(signed.form).toEqual(requested.form);
		const result = await sendRequestStyle(signed);
		// Past the signature check: the gateway reads the body and wants JSON.
		expect(result.body.error.type).not.toBe('permission_error');
	});

	it('sends an object body with a form content type as that form, signed over its exact bytes', async () => {
		const signed = await credential.authenticate(accessKeyCredentials(emulator), {
			method: 'POST',
			url: `${emulator.url}/v1/messages/count_tokens`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { text: 'a b&c' },
		} as IHttpRequestOptions);
		expect(signed.body).toBe('text=a+b%26c');
		expect(signed.headers!['content-type']).toBe('application/x-www-form-urlencoded');
		const result = await send(signed);
		expect(result.body.error.type).not.toBe('permission_error');
	});
});

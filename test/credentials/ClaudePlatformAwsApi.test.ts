/**
 * The credential in each authentication mode, over real HTTP against the emulator: through the
 * transport (what our nodes do) and through `authenticate` (what n8n's HTTP Request node does).
 */
import http from 'node:http';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { clientFromCredential } from '../../nodes/shared/client';
import { connectionConfigFrom } from '../../nodes/shared/connectionConfig';
import { HOST_CREDENTIALS_ENABLED_ENV, HOST_CREDENTIALS_SOURCES_ENV } from '../../nodes/shared/hostCredentialPolicy';
import { credentialProvidersLoaded, clearIdentityCache } from '../../nodes/transport/identity';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY, TEST_SESSION_TOKEN, TEST_TEMP_ACCESS_KEY_ID, TEST_TEMP_SECRET_ACCESS_KEY } from '../emulator/fixtures';
import { accessKeyCredentials, apiKeyCredentials, sessionTokenCredentials } from '../helpers/credentials';
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

describe('credential fields', () => {
	it('offers the four authentication modes and keeps secrets in password fields', () => {
		const auth = credential.properties.find((p) => p.name === 'authentication')!;
		expect(auth.options!.map((o: any) => o.value)).toEqual(['accessKeys', 'apiKey', 'assumeRole', 'defaultChain']);
		for (const name of ['secretAccessKey', 'sessionToken', 'apiKey', 'webhookSecret']) {
			for (const field of credential.properties.filter((p) => p.name === name)) expect(field.typeOptions?.password).toBe(true);
		}
		expect(credential.properties.find((p) => p.name === 'region')!.required).toBe(true);
		expect(credential.properties.find((p) => p.name === 'workspaceId')!.required).toBe(true);
	});

	it('tests the credential with a real signed call that lists one model, and explains a 403', () => {
		expect(credential.test.request.url).toBe('/v1/models');
		expect(credential.test.request.qs).toEqual({ limit: 1 });
		const forbidden = credential.test.rules!.find((r: any) => r.properties.value === 403) as any;
		expect(forbidden.properties.message).toMatch(/Workspace ID.*IAM/);
	});
});

describe('each mode against the emulator, through the transport', () => {
	it.each([
		['access keys', () => accessKeyCredentials(emulator), 'sigv4', TEST_ACCESS_KEY_ID],
		['temporary keys + session token', () => sessionTokenCredentials(emulator), 'sigv4', TEST_TEMP_ACCESS_KEY_ID],
		['short-term API key', () => apiKeyCredentials(emulator), 'bearer', undefined],
	])('%s', async (_name, data, auth, principal) => {
		const page = await clientFromCredential(data()).request({ method: 'GET', path: '/v1/models', query: { limit: 1 } });
		expect(page.data).toHaveLength(1);
		expect(emulator.received[0].auth).toBe(auth);
		if (principal) expect(emulator.received[0].principal).toBe(principal);
	});

	it('refuses the host identity unless the n8n host opted in, and says how to opt in', () => {
		let error: any;
		try {
			connectionConfigFrom(accessKeyCredentials(emulator, { authentication: 'defaultChain' }), {}, {});
		} catch (e) {
			error = e;
		}
		expect(error.message).toBe('This n8n host does not allow workflows to use its own AWS identity.');
		expect(error.hint).toContain(`${HOST_CREDENTIALS_ENABLED_ENV}=true`);
		expect(credentialProvidersLoaded()).toBe(false);
	});

	it('limits host sources to those the admin allowed', () => {
		const env = { [HOST_CREDENTIALS_ENABLED_ENV]: 'true', [HOST_CREDENTIALS_SOURCES_ENV]: 'environment,instanceMetadata' };
		const config = connectionConfigFrom(accessKeyCredentials(emulator, { authentication: 'defaultChain' }), {}, env);
		expect(config.auth).toEqual({ type: 'defaultChain', sources: ['environment', 'instanceMetadata'] });
		expect(() => connectionConfigFrom(accessKeyCredentials(emulator, { authentication: 'defaultChain' }), {}, { ...env, [HOST_CREDENTIALS_SOURCES_ENV]: 'none' })).toThrow(/allows no AWS identity source/);
		expect(() => connectionConfigFrom(accessKeyCredentials(emulator, { authentication: 'defaultChain' }), {}, { ...env, [HOST_CREDENTIALS_SOURCES_ENV]: 'environment,magic' })).toThrow(/unknown sources: magic/);
	});

	it('uses the host identity from the environment when allowed, loading the AWS providers only then', async () => {
		const saved = { ...process.env };
		try {
			Object.assign(process.env, {
				[HOST_CREDENTIALS_ENABLED_ENV]: 'true',
				[HOST_CREDENTIALS_SOURCES_ENV]: 'environment',
				AWS_ACCESS_KEY_ID: TEST_TEMP_ACCESS_KEY_ID,
				AWS_SECRET_ACCESS_KEY: TEST_TEMP_SECRET_ACCESS_KEY,
				AWS_SESSION_TOKEN: TEST_SESSION_TOKEN,
			});
			expect(credentialProvidersLoaded()).toBe(false);
			const client = clientFromCredential(accessKeyCredentials(emulator, { authentication: 'defaultChain', accessKeyId: '', secretAccessKey: '' }));
			await client.request({ method: 'GET', path: '/v1/models', query: { limit: 1 } });
			expect(credentialProvidersLoaded()).toBe(true);
			expect(emulator.received[0].principal).toBe(TEST_TEMP_ACCESS_KEY_ID);
			expect(emulator.received[0].headers['x-amz-security-token']).toBe(TEST_SESSION_TOKEN);
		} finally {
			process.env = saved;
		}
	});

	it('reports missing host credentials as a clear connection error', async () => {
		const saved = { ...process.env };
		try {
			process.env = { ...saved, [HOST_CREDENTIALS_ENABLED_ENV]: 'true', [HOST_CREDENTIALS_SOURCES_ENV]: 'environment' };
			delete process.env.AWS_ACCESS_KEY_ID;
			delete process.env.AWS_SECRET_ACCESS_KEY;
			const client = clientFromCredential(accessKeyCredentials(emulator, { authentication: 'defaultChain' }), { maxRetries: 0 });
			let error: any;
			try {
				await client.request({ method: 'GET', path: '/v1/models' });
			} catch (e) {
				error = e;
			}
			recordForLeakScan('host chain error', error);
			expect(error.message).toMatch(/^Could not get this n8n host's AWS identity: /);
			expect(error.hint).toMatch(/AWS identity/);
			expect(emulator.received).toHaveLength(0);
		} finally {
			process.env = saved;
		}
	});

	it('validates the region before it reaches a host name', () => {
		expect(() => clientFromCredential(accessKeyCredentials(emulator, { region: 'us-east-1.evil.example/', baseUrl: '' }))).toThrow('Region "us-east-1.evil.example/" is not an AWS region name.');
		expect(() => clientFromCredential(accessKeyCredentials(emulator, { baseUrl: 'javascript:alert(1)' }))).toThrow('Base URL must start with http:// or https://');
		expect(() => clientFromCredential(accessKeyCredentials(emulator, { workspaceId: '' }))).toThrow('Workspace ID is required');
	});

	it('validates the assume-role fields', () => {
		const base = accessKeyCredentials(emulator, { authentication: 'assumeRole' });
		expect(() => connectionConfigFrom({ ...base, roleArn: 'arn:aws:iam::123:role/x' })).toThrow('is not an IAM role ARN');
		expect(() => connectionConfigFrom({ ...base, roleArn: 'arn:aws:iam::123456789012:role/n8n', durationSeconds: 60 })).toThrow('Session Duration');
		expect(() => connectionConfigFrom({ ...base, roleArn: 'arn:aws:iam::123456789012:role/n8n', masterCredentials: 'host' }, {}, {})).toThrow('does not allow workflows to use its own AWS identity');
	});
});

describe('authenticate (the HTTP Request node path)', () => {
	it('signs a JSON POST on any gateway path, with exactly the bytes that are sent', async () => {
		const data = accessKeyCredentials(emulator);
		const signed = await credential.authenticate(data, {
			method: 'POST',
			baseURL: emulator.url,
			url: '/v1/messages/count_tokens',
			body: { model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'count me ✓' }] },
			qs: { beta: 'true' },
			json: true,
		} as IHttpRequestOptions);
		recordForLeakScan('authenticate output', signed);
		expect(signed.headers!['anthropic-workspace-id']).toBeDefined();
		const result = await send(signed);
		expect(result.status).toBe(200);
		expect(result.body.input_tokens).toBeGreaterThan(0);
		expect(emulator.received[0].query).toEqual({ beta: 'true' });
	});

	it('adds the Bearer key in API key mode, and refuses to send it to another host', async () => {
		const data = apiKeyCredentials(emulator);
		const signed = await credential.authenticate(data, { method: 'GET', url: `${emulator.url}/v1/models` } as IHttpRequestOptions);
		expect((await send(signed)).status).toBe(200);
		await expect(credential.authenticate(data, { method: 'GET', url: 'https://attacker.example/v1/models' } as IHttpRequestOptions)).rejects.toThrow(/Refusing to authorize a request to https:\/\/attacker.example/);
	});

	it('gives the 403 the test button explains when the workspace is wrong', async () => {
		const signed = await credential.authenticate(accessKeyCredentials(emulator, { workspaceId: 'wrkspc_wrong' }), { method: 'GET', url: '/v1/models', baseURL: emulator.url, qs: { limit: 1 } } as IHttpRequestOptions);
		const result = await send(signed);
		expect(result.status).toBe(403);
		expect(result.body.error.type).toBe('permission_error');
	});

	it('refuses a bad region before anything is sent', async () => {
		await expect(credential.authenticate(accessKeyCredentials(emulator, { region: 'us-east-1.evil.example/' }), { method: 'GET', url: '/v1/models', baseURL: emulator.url } as IHttpRequestOptions)).rejects.toThrow('is not an AWS region name');
		expect(emulator.received).toHaveLength(0);
	});

	it('never returns the secret key in the signed request', async () => {
		const signed = await credential.authenticate(accessKeyCredentials(emulator), { method: 'GET', url: '/v1/models', baseURL: emulator.url } as IHttpRequestOptions);
		expect(JSON.stringify(signed)).not.toContain(TEST_SECRET_ACCESS_KEY);
	});
});

/**
 * Assume Role mode over real HTTP: the emulator's STS (AWS query protocol, XML, SigV4 for "sts")
 * mints short-lived keys that its gateway accepts. The AWS SDK's own STS client does the call.
 */
import { clientFromCredential } from '../../nodes/shared/client';
import { clearIdentityCache } from '../../nodes/transport/identity';
import { ClaudeConnectionError } from '../../nodes/transport/errors';
import { startEmulator } from '../emulator/server';
import type { Emulator } from '../emulator/types';
import { DEFAULT_EXTERNAL_ID, DEFAULT_ROLE_ARN } from '../emulator/resources/sts';
import { accessKeyCredentials } from '../helpers/credentials';
import { HOST_CREDENTIALS_ENABLED_ENV } from '../../nodes/shared/hostCredentialPolicy';
import { recordForLeakScan } from '../setup/leakRecorder';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
	clearIdentityCache();
	emulator.clearReceived();
	emulator.state.sts.maxDurationSeconds = null;
});

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

async function failure(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (error) {
		recordForLeakScan('assume role error', error);
		return error;
	}
	throw new Error('expected a failure');
}

describe('Assume Role', () => {
	it('assumes the role, then calls the gateway with the temporary keys', async () => {
		const before = emulator.state.sts.issued.length;
		const page = await clientFromCredential(roleCredential(), {}, 'cred-1').request({ method: 'GET', path: '/v1/models', query: { limit: 1 } });
		expect(page.data).toHaveLength(1);
		const minted = emulator.state.sts.issued.slice(before);
		expect(minted).toHaveLength(1);
		expect(minted[0].assumedRoleArn).toContain('n8n-claude');
		const gatewayCall = emulator.received.find((r) => r.path === '/v1/models')!;
		expect(gatewayCall.principal).toBe(minted[0].accessKeyId);
		expect(gatewayCall.headers['x-amz-security-token']).toBe(minted[0].sessionToken);
		for (const m of minted) (globalThis as any).__addSecretForLeakScan(m.secretAccessKey), (globalThis as any).__addSecretForLeakScan(m.sessionToken);
	});

	it('reuses the assumed keys within a run and across clients of the same credential', async () => {
		const before = emulator.state.sts.issued.length;
		const data = roleCredential();
		await clientFromCredential(data, {}, 'cred-1').request({ method: 'GET', path: '/v1/models' });
		await clientFromCredential(data, {}, 'cred-1').request({ method: 'GET', path: '/v1/models' });
		const c = clientFromCredential(data, {}, 'cred-1');
		await Promise.all([c.request({ method: 'GET', path: '/v1/models' }), c.request({ method: 'GET', path: '/v1/models' })]);
		expect(emulator.state.sts.issued.length - before).toBe(1);
	});

	it('never shares assumed keys between two credentials', async () => {
		const before = emulator.state.sts.issued.length;
		await clientFromCredential(roleCredential(), {}, 'cred-A').request({ method: 'GET', path: '/v1/models' });
		await clientFromCredential(roleCredential(), {}, 'cred-B').request({ method: 'GET', path: '/v1/models' });
		expect(emulator.state.sts.issued.length - before).toBe(2);
	});

	it('refreshes keys that expired instead of reusing them', async () => {
		const data = roleCredential();
		const client = clientFromCredential(data, {}, 'cred-exp');
		await client.request({ method: 'GET', path: '/v1/models' });
		const before = emulator.state.sts.issued.length;
		emulator.state.sts.expireAll();
		await client.request({ method: 'GET', path: '/v1/models' });
		expect(emulator.state.sts.issued.length - before).toBe(1);
		const last = emulator.received.filter((r) => r.path === '/v1/models').at(-1)!;
		expect(last.principal).toBe(emulator.state.sts.issued.at(-1)!.accessKeyId);
	});

	it('refreshes shortly before the stated expiry', async () => {
		emulator.state.sts.maxDurationSeconds = 60; // inside the 5-minute refresh margin
		const client = clientFromCredential(roleCredential(), {}, 'cred-short');
		const before = emulator.state.sts.issued.length;
		await client.request({ method: 'GET', path: '/v1/models' });
		await client.request({ method: 'GET', path: '/v1/models' });
		expect(emulator.state.sts.issued.length - before).toBe(2);
	});

	it('a wrong external ID says the role could not be assumed, and the gateway was never called', async () => {
		const error = await failure(clientFromCredential(roleCredential({ externalId: 'wrong-id' }), { maxRetries: 2 }, 'cred-x').request({ method: 'GET', path: '/v1/models' }));
		expect(error).toBeInstanceOf(ClaudeConnectionError);
		expect(error.message).toMatch(/^Assuming the IAM role arn:aws:iam::123456789012:role\/n8n-claude failed \(before calling the gateway\): AccessDenied: /);
		expect(error.hint).toMatch(/trust policy.*External ID/);
		expect(emulator.received.filter((r) => r.path.startsWith('/v1/'))).toHaveLength(0);
		// not retried: AccessDenied will not change
		expect(error.retries).toBe(0);
	});

	it('an unknown role and bad master keys say so', async () => {
		const unknown = await failure(clientFromCredential(roleCredential({ roleArn: 'arn:aws:iam::123456789012:role/nope' }), {}, 'cred-y').request({ method: 'GET', path: '/v1/models' }));
		expect(unknown.message).toMatch(/AccessDenied/);
		const badMaster = await failure(clientFromCredential(roleCredential({ accessKeyId: 'AKIAUNKNOWNEXAMPLE01' }), {}, 'cred-z').request({ method: 'GET', path: '/v1/models' }));
		expect(badMaster.message).toMatch(/InvalidClientTokenId/);
		expect(badMaster.hint).toMatch(/master credentials/);
	});

	it('refuses host master credentials unless the n8n host opted in', () => {
		const saved = process.env[HOST_CREDENTIALS_ENABLED_ENV];
		delete process.env[HOST_CREDENTIALS_ENABLED_ENV];
		try {
			expect(() => clientFromCredential(roleCredential({ masterCredentials: 'host' }))).toThrow('This n8n host does not allow workflows to use its own AWS identity.');
		} finally {
			if (saved !== undefined) process.env[HOST_CREDENTIALS_ENABLED_ENV] = saved;
		}
	});
});

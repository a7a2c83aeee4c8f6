/**
 * Credentials that expire mid-run are refreshed, not reused: temporary keys minted by STS (Assume Role)
 * and the host's environment credentials (default chain) are revoked while a run is going, the gateway
 * answers 403 "expired", the transport gets fresh ones once and sends the item again; no item is lost
 * or doubled, and nothing after the refresh is signed with the expired key. Static session-token keys
 * cannot be refreshed: their items fail clearly, each after one request.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { HOST_CREDENTIALS_ENABLED_ENV, HOST_CREDENTIALS_SOURCES_ENV } from '../../nodes/shared/hostCredentialPolicy';
import { TEST_TEMP_ACCESS_KEY_ID } from '../emulator/fixtures';
import { DEFAULT_EXTERNAL_ID, DEFAULT_ROLE_ARN, type StsState } from '../emulator/resources/sts';
import type { Emulator, ReceivedRequest } from '../emulator/types';
import { accessKeyCredentials, sessionTokenCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { addSecretForLeakScan, hits, scanSignatures, useEmulator } from './helpers/suite';

const suite = useEmulator();
const ITEMS = 30;
const CONCURRENCY = 3;
const sts = () => suite.emulator.state.sts as StsState;
const input = Array.from({ length: ITEMS }, (_, i) => ({ text: `Expiry check ${i}` }));

/** Runs Send Message over ITEMS items and calls `expire` once `after` requests have reached the gateway. */
async function runWithExpiry(credentials: ICredentialDataDecryptedObject, after: number, expire: () => void) {
	const emulator = suite.emulator;
	emulator.setLatency(5);
	let expiredAt: number | undefined;
	const watcher = setInterval(() => {
		if (expiredAt === undefined && hits(emulator, 'POST', '/v1/messages').length >= after) {
			expire();
			expiredAt = Date.now();
		}
	}, 1);
	try {
		const result = await runNode({
			node: ClaudeAws,
			parameters: { resource: 'message', operation: 'send', prompt: '={{ $json.text }}', options: { concurrency: CONCURRENCY } },
			credentials: { claudePlatformAwsApi: credentials },
			credentialTypes: [ClaudePlatformAwsApi],
			input,
			continueOnFail: true,
		});
		scanSignatures(emulator);
		return { result, expiredAt, requests: hits(emulator, 'POST', '/v1/messages') };
	} finally {
		clearInterval(watcher);
	}
}

function expectEveryItemAnsweredOnce(requests: ReceivedRequest[], json: Array<Record<string, unknown>>) {
	expect(json).toEqual(input.map(({ text }) => expect.objectContaining({ text: `Echo: ${text}` })));
	// A streamed answer's status is recorded when the emulator finishes writing it, which can be after the node is done.
	const served = requests.filter((r) => r.status !== 403).map((r) => r.json.messages[0].content);
	expect(served.sort()).toEqual(input.map(({ text }) => text).sort());
}

describe('credential expiry mid-run', () => {
	it('Assume Role: keys revoked mid-run are refreshed from STS, each refused item is sent again once, the expired key is not reused', async () => {
		const credentials = accessKeyCredentials(suite.emulator, {
			authentication: 'assumeRole',
			masterCredentials: 'accessKeys',
			roleArn: DEFAULT_ROLE_ARN,
			externalId: DEFAULT_EXTERNAL_ID,
			durationSeconds: 900,
			stsEndpoint: `${suite.emulator.url}/sts`,
		});
		const mintedBefore = sts().issued.length;
		const { result, requests } = await runWithExpiry(credentials, 10, () => sts().expireAll());
		expect(result.error).toBeUndefined();
		expectEveryItemAnsweredOnce(requests, result.json);

		const minted = sts().issued.slice(mintedBefore);
		const first = minted[0].accessKeyId;
		const refused = requests.filter((r) => r.status === 403);
		console.log(`[credential expiry] assume role: ${refused.length} requests refused as expired, ${minted.length - 1} STS refreshes`);
		// Only requests already signed with the first keys when they were revoked were refused, each was sent again.
		expect(refused.length).toBeGreaterThanOrEqual(1);
		expect(refused.length).toBeLessThanOrEqual(CONCURRENCY);
		expect(refused.every((r) => r.principal === first && r.errorType === 'permission_error')).toBe(true);
		expect(minted.length - 1).toBeGreaterThanOrEqual(1);
		expect(minted.length - 1).toBeLessThanOrEqual(refused.length);
		// Not reused: after the first refused request, nothing is signed with the expired key but requests already in flight.
		const firstRefusal = requests.indexOf(refused[0]);
		const laterWithOldKey = requests.slice(firstRefusal).filter((r) => r.principal === first && r.status !== 403);
		expect(laterWithOldKey).toEqual([]);
		expect(requests.filter((r) => r.status !== 403 && r.principal !== first).length).toBeGreaterThan(0);
	});

	it('default chain from the environment: rotated keys are picked up after the gateway says the old ones expired', async () => {
		const emulator = suite.emulator;
		const keyA = { id: 'ASIAENVEXAMPLE000001', secret: 'EXAMPLEenvSecretKey/A/0000000000000000EXAMPLE', token: 'FwoGZXIvYXdzEXAMPLEenvSessionTokenA0000EXAMPLE' };
		const keyB = { id: 'ASIAENVEXAMPLE000002', secret: 'EXAMPLEenvSecretKey/B/0000000000000000EXAMPLE', token: 'FwoGZXIvYXdzEXAMPLEenvSessionTokenB0000EXAMPLE' };
		for (const key of [keyA, keyB]) {
			addSecretForLeakScan(key.secret);
			addSecretForLeakScan(key.token);
			emulator.identities.accessKeys.set(key.id, { secretAccessKey: key.secret, sessionToken: key.token, expiresAt: Date.now() + 3_600_000 });
		}
		const saved = { ...process.env };
		const useKey = (key: typeof keyA) => {
			process.env.AWS_ACCESS_KEY_ID = key.id;
			process.env.AWS_SECRET_ACCESS_KEY = key.secret;
			process.env.AWS_SESSION_TOKEN = key.token;
		};
		process.env[HOST_CREDENTIALS_ENABLED_ENV] = 'true';
		process.env[HOST_CREDENTIALS_SOURCES_ENV] = 'environment';
		useKey(keyA);
		try {
			const { result, requests } = await runWithExpiry(accessKeyCredentials(emulator, { authentication: 'defaultChain' }), 10, () => {
				// The host's credential agent rotates the keys and the old ones are revoked.
				emulator.identities.accessKeys.get(keyA.id)!.expiresAt = Date.now() - 1000;
				useKey(keyB);
			});
			expect(result.error).toBeUndefined();
			expectEveryItemAnsweredOnce(requests, result.json);
			const refused = requests.filter((r) => r.status === 403);
			expect(refused.length).toBeGreaterThanOrEqual(1);
			expect(refused.length).toBeLessThanOrEqual(CONCURRENCY);
			expect(refused.every((r) => r.principal === keyA.id)).toBe(true);
			const firstRefusal = requests.indexOf(refused[0]);
			expect(requests.slice(firstRefusal).filter((r) => r.principal === keyA.id && r.status !== 403)).toEqual([]);
			expect(requests.filter((r) => r.principal === keyB.id).every((r) => r.status !== 403)).toBe(true);
			expect(requests.filter((r) => r.principal === keyB.id).length).toBeGreaterThan(0);
		} finally {
			for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
			Object.assign(process.env, saved);
		}
	});

	it('static session-token keys cannot be refreshed: once they expire, each item fails clearly after one request', async () => {
		const emulator = suite.emulator;
		const key = emulator.identities.accessKeys.get(TEST_TEMP_ACCESS_KEY_ID)!;
		const savedExpiry = key.expiresAt;
		try {
			const { result, requests } = await runWithExpiry(sessionTokenCredentials(emulator), 10, () => {
				key.expiresAt = Date.now() - 1000;
			});
			expect(result.error).toBeUndefined();
			const failed = result.json.filter((json) => json.error);
			const answered = result.json.filter((json) => !json.error);
			expect(failed.length + answered.length).toBe(ITEMS);
			expect(failed.length).toBeGreaterThan(0);
			expect(failed[0]).toEqual({
				error: expect.stringMatching(/^403 permission_error: The security token included in the request is expired \(item \d+\)$/),
				errorDescription: expect.stringMatching(/^The request signature was refused: check the access key, secret and session token, and that this host's clock is correct\. POST \/v1\/messages answered 403 permission_error\. Request ID: req_/),
			});
			// One request per failed item: no retry loop on a key that cannot get better.
			expect(requests.filter((r) => r.status === 403)).toHaveLength(failed.length);
			expect(requests).toHaveLength(ITEMS);
		} finally {
			key.expiresAt = savedExpiry;
		}
	});
});

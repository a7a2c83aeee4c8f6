/**
 * The suite-wide secret-leak scan (test/setup/leakScan.ts) can fail, and request signatures count as
 * secrets: a planted secret or signature is reported, while the real outputs, errors and logs of runs
 * that used those secrets (and failed with signature errors) are clean.
 */
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { ALL_TEST_SECRETS, TEST_SECRET_ACCESS_KEY, TEST_SESSION_TOKEN } from '../emulator/fixtures';
import { runNode } from '../helpers/runNode';
import { sessionTokenCredentials } from '../helpers/credentials';
import { addedLeakScanSecrets, findLeaks, leakRecords, recordForLeakScan } from '../setup/leakRecorder';
import { credentialsFor, scanSignatures, signatureOf, useEmulator, WRONG_SECRET_ACCESS_KEY } from './helpers/suite';
import { startGateway } from './helpers/gateway';

const suite = useEmulator();
const scanSecrets = () => [...ALL_TEST_SECRETS, ...addedLeakScanSecrets()];

function send(credentials: ReturnType<typeof credentialsFor>) {
	return runNode({
		node: ClaudeAws,
		parameters: { resource: 'message', operation: 'send', prompt: 'Leak check' },
		credentials: { claudePlatformAwsApi: credentials },
		credentialTypes: [ClaudePlatformAwsApi],
	});
}

describe('the leak scan', () => {
	it('reports a secret in a record, wherever it sits, and names the place without repeating the secret', () => {
		const records = [
			{ where: 'clean', text: '{"text":"Echo: hello"}' },
			{ where: 'error description', text: JSON.stringify({ description: `signed with ${TEST_SECRET_ACCESS_KEY}` }) },
			{ where: 'console.log', text: JSON.stringify([`token=${TEST_SESSION_TOKEN}`]) },
		];
		const hits = findLeaks(records, ALL_TEST_SECRETS);
		expect(hits).toEqual([
			{ where: 'error description', secretStart: TEST_SECRET_ACCESS_KEY.slice(0, 4) },
			{ where: 'console.log', secretStart: TEST_SESSION_TOKEN.slice(0, 4) },
		]);
		expect(JSON.stringify(hits)).not.toContain(TEST_SECRET_ACCESS_KEY);
		expect(findLeaks(records.slice(0, 1), ALL_TEST_SECRETS)).toEqual([]);
	});

	it('counts request signatures: one seen on the wire is found in a record, also inside a longer hex run', async () => {
		const result = await send(credentialsFor(suite.emulator));
		expect(result.error).toBeUndefined();
		const signature = signatureOf(suite.emulator.received[0])!;
		expect(signature).toMatch(/^[0-9a-f]{64}$/);
		expect(scanSignatures(suite.emulator)).toBe(1);
		expect(addedLeakScanSecrets()).toContain(signature);

		expect(findLeaks([{ where: 'planted', text: `Authorization: AWS4-HMAC-SHA256 Signature=${signature}` }], scanSecrets())).toEqual([
			{ where: 'planted', secretStart: signature.slice(0, 4) },
		]);
		expect(findLeaks([{ where: 'planted', text: `ab${signature}cd` }], scanSecrets())).toHaveLength(1);
		// Another hex digest of the same shape is not a hit.
		expect(findLeaks([{ where: 'other', text: 'f'.repeat(64) }], scanSecrets())).toEqual([]);
	});

	it('scans what the harness recorded: the real records are clean, a planted one is reported', async () => {
		// Runs that fail on the signature: their errors are recorded, and must not show the secret or signature.
		const wrong = await send(credentialsFor(suite.emulator, 'wrongSecret'));
		expect(wrong.error?.message).toMatch(/^403 permission_error: The request signature we calculated does not match/);
		const temporary = await send(sessionTokenCredentials(suite.emulator, { sessionToken: `${TEST_SESSION_TOKEN}x` }));
		expect(temporary.error?.message).toMatch(/^403 permission_error: The security token included in the request is invalid/);
		scanSignatures(suite.emulator);
		expect(addedLeakScanSecrets()).toContain(WRONG_SECRET_ACCESS_KEY);
		(globalThis as any).__addSecretForLeakScan(`${TEST_SESSION_TOKEN}x`);

		const records = leakRecords();
		expect(records.length).toBeGreaterThan(0);
		expect(records.some((record) => record.text.includes('The request signature we calculated does not match'))).toBe(true);
		expect(findLeaks(records, scanSecrets())).toEqual([]);

		recordForLeakScan('planted for this test', { error: `key ${WRONG_SECRET_ACCESS_KEY}` });
		try {
			expect(findLeaks(records, scanSecrets())).toEqual([{ where: 'planted for this test', secretStart: WRONG_SECRET_ACCESS_KEY.slice(0, 4) }]);
		} finally {
			records.pop();
		}
	});

	it('scans runs against a gateway that echoes the request back: the echo is recorded, its secrets are not', async () => {
		const gateway = await startGateway((request, res) => {
			const echo = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`).join('\n');
			res.writeHead(400, { 'content-type': 'application/json', 'request-id': 'req_echo' });
			res.end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `You sent:\n${echo}\nquery-style: token=${encodeURIComponent(String(request.headers['x-amz-security-token']))}` } }));
		});
		try {
			const before = leakRecords().length;
			const result = await send(sessionTokenCredentials({ url: gateway.url }));
			expect(result.error?.message).toMatch(/^400 invalid_request_error: You sent:/);
			for (const request of gateway.requests) {
				const signature = /Signature=([0-9a-f]{64})/.exec(String(request.headers.authorization))?.[1];
				(globalThis as any).__addSecretForLeakScan(signature);
			}
			const records = leakRecords().slice(before);
			const text = records.map((record) => record.text).join('\n');
			expect(text).toContain('You sent:');
			expect(text).toContain('x-amz-security-token: [redacted]');
			const forms = (globalThis as any).__leakScanSecretForms as (secrets: string[]) => string[];
			expect(findLeaks(records, forms(scanSecrets()))).toEqual([]);
			// The scan knows escaped forms: a URL-encoded secret is a hit too.
			expect(findLeaks([{ where: 'planted', text: `key=${encodeURIComponent(TEST_SECRET_ACCESS_KEY)}` }], forms(scanSecrets()))).toEqual([
				{ where: 'planted', secretStart: encodeURIComponent(TEST_SECRET_ACCESS_KEY).slice(0, 4) },
			]);
		} finally {
			await gateway.close();
		}
	});
});

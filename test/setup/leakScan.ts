/**
 * Secret-leak scan for the whole jest suite: every node output, error (message and description) and
 * console line recorded during a test file is searched for the secret values the tests use (and any a
 * test adds at run time: minted keys, request signatures). Zero hits are required; a hit fails the test
 * file with the place it was found. A file that sets `globalThis.__leakScanSummary = true` gets a
 * one-line count of what was scanned.
 */
import { ALL_TEST_SECRETS } from '../emulator/fixtures';
import { addedLeakScanSecrets, addLeakScanSecret, findLeaks, leakRecords, recordForLeakScan } from './leakRecorder';

/** Tests that mint secrets at run time (assumed-role keys, signatures) add them here. */
(globalThis as any).__addSecretForLeakScan = addLeakScanSecret;

const originalLog = console.log.bind(console);
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[level].bind(console);
	console[level] = (...args: unknown[]) => {
		recordForLeakScan(`console.${level}`, args);
		original(...args);
	};
}

afterAll(() => {
	const secrets = [...ALL_TEST_SECRETS, ...addedLeakScanSecrets()];
	const records = leakRecords();
	const hits = findLeaks(records, secrets);
	if ((globalThis as any).__leakScanSummary) {
		const signatures = new Set(addedLeakScanSecrets().filter((s) => /^[0-9a-f]{64}$/.test(s))).size;
		const bytes = records.reduce((sum, record) => sum + record.text.length, 0);
		originalLog(`[leak scan] ${records.length} records (${(bytes / 1e6).toFixed(1)} MB) scanned for ${new Set(secrets).size} secrets (${signatures} request signatures): ${hits.length} hits`);
	}
	records.length = 0;
	expect(hits.map((hit) => `${hit.where}: contains a secret (${hit.secretStart}…)`)).toEqual([]);
});

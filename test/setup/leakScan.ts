/**
 * Secret-leak scan for the whole jest suite: every node output, error (message and description) and
 * console line recorded during a test file is searched for the secret values the tests use (and any a
 * test adds at run time: minted keys, request signatures), also URL- or JSON-escaped. Zero hits are
 * required; a hit fails the test file with the place it was found. A file that sets `globalThis.__leakScanSummary = true` gets a
 * one-line count of what was scanned; with LEAK_SCAN_REPORT set (npm test sets it), every file adds its
 * counts to that JSON Lines file, and scripts/summarize-tests.js prints the whole run's in one line.
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ALL_TEST_SECRETS } from '../emulator/fixtures';
import { addedLeakScanSecrets, addLeakScanSecret, findLeaks, leakRecords, recordForLeakScan } from './leakRecorder';

/** Tests that mint secrets at run time (assumed-role keys, signatures) add them here. */
(globalThis as any).__addSecretForLeakScan = addLeakScanSecret;

/**
 * A secret echoed back by a gateway may come escaped: URL-encoded (a query or form echo), JSON-escaped
 * (inside a JSON string, "/" as "\/" too). Each of those forms is a leak as much as the value itself.
 */
export function secretForms(secrets: string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(JSON.stringify(secret).slice(1, -1));
		forms.add(secret.replace(/\//g, '\\/'));
	}
	return [...forms];
}
(globalThis as any).__leakScanSecretForms = secretForms;

const originalLog = console.log.bind(console);
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[level].bind(console);
	console[level] = (...args: unknown[]) => {
		recordForLeakScan(`console.${level}`, args);
		original(...args);
	};
}

afterAll(() => {
	const secrets = secretForms([...ALL_TEST_SECRETS, ...addedLeakScanSecrets()]);
	const records = leakRecords();
	const hits = findLeaks(records, secrets);
	const counts = {
		file: relative(process.cwd(), expect.getState().testPath ?? ''),
		records: records.length,
		bytes: records.reduce((sum, record) => sum + record.text.length, 0),
		secrets: new Set(secrets).size,
		signatures: new Set(addedLeakScanSecrets().filter((s) => /^[0-9a-f]{64}$/.test(s))).size,
		hits: hits.length,
	};
	if ((globalThis as any).__leakScanSummary) {
		originalLog(`[leak scan] ${counts.records} records (${(counts.bytes / 1e6).toFixed(1)} MB) scanned for ${counts.secrets} secrets (${counts.signatures} request signatures): ${counts.hits} hits`);
	}
	if (process.env.LEAK_SCAN_REPORT) appendFileSync(process.env.LEAK_SCAN_REPORT, `${JSON.stringify(counts)}\n`);
	records.length = 0;
	expect(hits.map((hit) => `${hit.where}: contains a secret (${hit.secretStart}…)`)).toEqual([]);
});

/**
 * Secret-leak scan for the whole jest suite: every node output, error (message and description) and
 * console line recorded during a test file is searched for the secret values the tests use.
 * Zero hits are required; a hit fails the test file with the place it was found.
 */
import { ALL_TEST_SECRETS } from '../emulator/fixtures';
import { leakRecords, recordForLeakScan } from './leakRecorder';

const extraSecrets: string[] = [];
/** Tests that mint secrets at run time (assumed-role keys, signatures) add them here. */
(globalThis as any).__addSecretForLeakScan = (value: string) => {
	if (value && value.length >= 8) extraSecrets.push(value);
};

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[level].bind(console);
	console[level] = (...args: unknown[]) => {
		recordForLeakScan(`console.${level}`, args);
		original(...args);
	};
}

afterAll(() => {
	const secrets = [...ALL_TEST_SECRETS, ...extraSecrets];
	const hits: string[] = [];
	for (const record of leakRecords()) {
		for (const secret of secrets) {
			if (record.text.includes(secret)) hits.push(`${record.where}: contains a secret (${secret.slice(0, 4)}…)`);
		}
	}
	leakRecords().length = 0;
	expect(hits).toEqual([]);
});

/**
 * Everything a harness run makes visible to a user (node output, errors as n8n records and as
 * thrown, webhook responses, credential test messages, static data that n8n stores unencrypted)
 * goes to the suite's secret-leak scan (test/setup/leakScan.ts), so a node that echoes a secret
 * fails its own test file without each test having to look.
 */
import { recordForLeakScan } from '../setup/leakRecorder';

export function recordVisible(where: string, value: unknown): void {
	if (value === undefined) return;
	recordForLeakScan(`harness: ${where}`, value);
}

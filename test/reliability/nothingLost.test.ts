/**
 * Nothing lost, nothing doubled: 10,000 items through Send Message with a seeded 5% of transient faults
 * (reproducible: the emulator draws them from a hash of each request, whatever order they arrive in),
 * concurrency 16 and Continue On Fail; and a 10,000-request batch round trip whose results download
 * meets faults. Every output item is paired to its input and carries that input's own answer.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { ClaudeAwsBatches } from '../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node';
import type { BatchesState } from '../emulator/resources/batches';
import type { Fault } from '../emulator/types';
import { accessKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { hits, scanSignatures, useEmulator } from './helpers/suite';

const ITEMS = 10_000;
const SEED = 20261125;
const suite = useEmulator({ batchProcessingMs: 100 });

/** Short, so each streamed answer is a few events: the run measures the nodes, not the emulator's pacing. */
const inputText = (i: number) => `Item ${i}`;
const input = Array.from({ length: ITEMS }, (_, i) => ({ text: inputText(i) }));

/**
 * 5% in all, as transient faults the transport retries (the gateway's usual bad day). Status answers carry
 * a short retry-after-ms, as the API's do, so the run is not mostly back-off sleep.
 */
const wait = { 'retry-after-ms': '20' };
const TRANSIENT: Array<{ share: number; fault: Fault }> = [
	{ share: 0.015, fault: { type: 'status', status: 503, headers: wait } },
	{ share: 0.01, fault: { type: 'status', status: 500, headers: wait } },
	{ share: 0.01, fault: { type: 'status', status: 529, headers: wait } },
	{ share: 0.01, fault: { type: 'status', status: 429, headers: wait } },
	{ share: 0.005, fault: { type: 'reset' } },
];

function expectPairedAndWhole(items: INodeExecutionData[], answerOf: (json: INodeExecutionData['json']) => unknown): void {
	expect(items).toHaveLength(ITEMS);
	const seen = new Set<number>();
	const wrong: string[] = [];
	items.forEach((item, position) => {
		const paired = (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem) as { item: number } | undefined;
		const index = paired?.item ?? -1;
		if (seen.has(index)) wrong.push(`item ${index} twice`);
		seen.add(index);
		if (index !== position) wrong.push(`position ${position} paired to ${index}`);
		if (answerOf(item.json) !== `Echo: ${inputText(index)}`) wrong.push(`item ${index}: ${JSON.stringify(item.json).slice(0, 200)}`);
	});
	expect(wrong.slice(0, 5)).toEqual([]);
	expect(seen.size).toBe(ITEMS);
}

test('10,000 items through Send Message with 5% transient faults: 10,000 outputs, each paired to its input, none lost or doubled', async () => {
	const emulator = suite.emulator;
	TRANSIENT.forEach(({ share, fault }, k) => emulator.faults.inject({ method: 'POST', path: '/v1/messages', probability: share, seed: SEED + k, fault }));
	const started = Date.now();
	const cpuBefore = process.cpuUsage();
	const result = await runNode({
		node: ClaudeAws,
		parameters: { resource: 'message', operation: 'send', prompt: '={{ $json.text }}', maxTokens: 64, options: { concurrency: 16, maxRetries: 4 } },
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		input,
		continueOnFail: true,
	});
	const elapsed = Date.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	expect(result.error).toBeUndefined();
	expectPairedAndWhole(result.items[0], (json) => json.text);

	// On the wire: each input's text was answered exactly once; the faulted attempts are about 5%.
	const requests = hits(emulator, 'POST', '/v1/messages');
	const faulted = requests.filter((r) => r.fault);
	const served = new Map<string, number>();
	for (const r of requests) if (!r.fault) served.set(r.json.messages[0].content, (served.get(r.json.messages[0].content) ?? 0) + 1);
	expect(served.size).toBe(ITEMS);
	expect([...served.values()].every((n) => n === 1)).toBe(true);
	expect(faulted.length / ITEMS).toBeGreaterThan(0.03);
	expect(faulted.length / ITEMS).toBeLessThan(0.07);
	scanSignatures(emulator);
	console.log(`[nothing lost] Send Message: ${ITEMS} items, ${faulted.length} faulted attempts retried, 0 lost, 0 doubled, ${elapsed} ms (${Math.round((cpu.user + cpu.system) / 1000)} ms CPU, emulator included)`);
}, 120_000);

test('a 10,000-request batch round trip (create, wait, results) with faults on the results download: 10,000 results, each paired to its item', async () => {
	const emulator = suite.emulator;
	const batches = emulator.state.batches as BatchesState;
	const before = batches.batches.size;
	// The create is refused once as rate-limited (not processed, so safe to send again), the status polls
	// meet a seeded 5% of 503s, and the results download fails twice (503, then a reset) before it is served.
	emulator.faults.inject({ method: 'POST', path: '/v1/messages/batches', fault: { type: 'status', status: 429, headers: wait } });
	emulator.faults.inject({ method: 'GET', path: /^\/v1\/messages\/batches\/[^/]+$/, probability: 0.05, seed: SEED, fault: { type: 'status', status: 503, headers: wait } });
	emulator.faults.inject({ method: 'GET', path: /\/results$/, fault: { type: 'status', status: 503 } });
	emulator.faults.inject({ method: 'GET', path: /\/results$/, fault: { type: 'reset' } });

	const started = Date.now();
	const result = await runNode({
		node: ClaudeAwsBatches,
		parameters: {
			resource: 'batch',
			operation: 'create',
			prompt: '={{ $json.text }}',
			maxTokens: 64,
			options: { waitUntilEnded: true, outputResults: true, pollIntervalSeconds: 0.05, maxWaitMinutes: 1, maxRetries: 2 },
		},
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		input,
		continueOnFail: true,
	});
	const elapsed = Date.now() - started;
	expect(result.error).toBeUndefined();
	expectPairedAndWhole(result.items[0], (json) => json.text);
	expect(result.items[0].every((item) => item.json.result_type === 'succeeded')).toBe(true);

	// One batch of 10,000 requests, created once although its first attempt was refused.
	expect(batches.batches.size - before).toBe(1);
	expect(hits(emulator, 'POST', '/v1/messages/batches').map((r) => r.status)).toEqual([429, 200]);
	expect([...batches.batches.values()].at(-1)!.requests).toHaveLength(ITEMS);
	// The download: a 503, a reset, then the whole file.
	expect(hits(emulator, 'GET', /\/results$/).map((r) => r.fault ?? r.status)).toEqual(['status', 'reset', 200]);
	scanSignatures(emulator);
	console.log(`[nothing lost] batch round trip: ${ITEMS} requests, 1 batch, results downloaded on the 3rd attempt, 0 lost, 0 doubled, ${elapsed} ms`);
}, 120_000);

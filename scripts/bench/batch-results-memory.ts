/**
 * Benchmark (not a test) of the Batches node and the Batch Trigger:
 *
 * 1. Memory: Get Results of an ended 100,000-request batch through the node, run by n8n-core's real
 *    engine. The emulator runs in a child process (its memory does not count). This process's RSS is
 *    sampled every 50 ms; the report compares the peak growth with the size of the output items
 *    themselves (their JSON) and of the JSONL download: items must be held (n8n returns them as an
 *    array), the file must not be.
 * 2. Latency: time from a batch reaching `ended` (its ended_at) to the trigger emitting it, with the
 *    trigger polled every --interval ms the way n8n does (PollTriggerExecutor), state carried in static
 *    data between polls. Reported as "poll interval + X": X is the time one poll takes.
 *
 *   node -r ts-node/register/transpile-only --expose-gc scripts/bench/batch-results-memory.ts [--lines 100000] [--interval 1000] [--trials 8]
 *
 * Prints one JSON object on stdout; progress goes to stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { IDataObject } from 'n8n-workflow';

const EMULATOR_CHILD_FLAG = '--emulator-child';
const SAMPLE_MS = 50;
const MODEL = 'claude-sonnet-5-5';

function numberArg(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
}

const progress = (message: string) => process.stderr.write(`  ${message}\n`);
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Child process: the emulator, plus a tiny command channel on stdin/stdout (one JSON line each way):
 * {"create": n, "processingMs": m} creates a batch of n requests and answers {"id", "created_at"}.
 */
async function emulatorChild(): Promise<void> {
	const { startEmulator } = await import('../../test/emulator/server');
	const { clientFromCredential } = await import('../../nodes/shared/client');
	const { accessKeyCredentials } = await import('../../test/helpers/credentials');
	const emulator = await startEmulator({ quiet: true, batchProcessingMs: 50 });
	const client = clientFromCredential(accessKeyCredentials(emulator));
	const state = emulator.state.batches as { processingMs?: number };
	process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
	const lines = createInterface({ input: process.stdin });
	lines.on('line', async (line) => {
		const command = JSON.parse(line) as { create: number; processingMs: number; prompt: string };
		state.processingMs = command.processingMs;
		const requests = Array.from({ length: command.create }, (_, i) => ({
			custom_id: `item-${i}`,
			params: { model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: `${command.prompt} ${i}` }] },
		}));
		const batch = await client.request<{ id: string; created_at: string }>({ method: 'POST', path: '/v1/messages/batches', body: { requests }, idempotent: false });
		process.stdout.write(`${JSON.stringify({ id: batch.id, created_at: batch.created_at })}\n`);
	});
	lines.once('close', async () => {
		await emulator.close();
		process.exit(0);
	});
}

interface Child {
	url: string;
	createBatch(requests: number, processingMs: number, prompt?: string): Promise<{ id: string; created_at: string }>;
	stop(): void;
}

async function startChild(): Promise<Child> {
	const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, EMULATOR_CHILD_FLAG], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: child.stdout! });
	const next = async () => JSON.parse(((await once(lines, 'line')) as [string])[0]);
	const { url } = await next();
	return {
		url,
		async createBatch(requests, processingMs, prompt = 'Summarize document') {
			child.stdin!.write(`${JSON.stringify({ create: requests, processingMs, prompt })}\n`);
			return next();
		},
		stop: () => child.stdin!.end(),
	};
}

/** JS heap plus Buffers/ArrayBuffers: what the process itself allocated, without the allocator's slack. */
const allocated = () => {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
};

async function measure<T>(work: () => Promise<T>): Promise<{ result: T; baseline: number; peakGrowth: number; heapBaseline: number; heapPeakGrowth: number; seconds: number }> {
	(globalThis as { gc?: () => void }).gc?.();
	const baseline = process.memoryUsage.rss();
	const heapBaseline = allocated();
	let peak = baseline;
	let heapPeak = heapBaseline;
	const sample = () => {
		peak = Math.max(peak, process.memoryUsage.rss());
		heapPeak = Math.max(heapPeak, allocated());
	};
	const timer = setInterval(sample, SAMPLE_MS);
	const started = performance.now();
	try {
		const result = await work();
		sample();
		return { result, baseline, peakGrowth: peak - baseline, heapBaseline, heapPeakGrowth: heapPeak - heapBaseline, seconds: Math.round((performance.now() - started) / 100) / 10 };
	} finally {
		clearInterval(timer);
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
	const lineCount = numberArg('lines', 100_000);
	const interval = numberArg('interval', 1_000);
	const trials = numberArg('trials', 8);
	const child = await startChild();
	try {
		// The test harness copies every output into the jest suite's secret-leak scan as one JSON string;
		// that is test machinery, not the node, and would double the measured memory. Off here.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		(require('../../test/setup/leakRecorder') as { recordForLeakScan: unknown }).recordForLeakScan = () => undefined;
		const { runNode, runPoll, cleanupEngine } = await import('../../test/helpers/runNode');
		// By file name: "X.node" alone would resolve to the codex file X.node.json first.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { ClaudeAwsBatches } = require(path.join(__dirname, '../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node.ts')) as typeof import('../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { ClaudeAwsBatchTrigger } = require(path.join(__dirname, '../../nodes/ClaudeAwsBatchTrigger/ClaudeAwsBatchTrigger.node.ts')) as typeof import('../../nodes/ClaudeAwsBatchTrigger/ClaudeAwsBatchTrigger.node');
		const { ClaudePlatformAwsApi } = await import('../../credentials/ClaudePlatformAwsApi.credentials');
		const { accessKeyCredentials } = await import('../../test/helpers/credentials');
		const { clientFromCredential } = await import('../../nodes/shared/client');
		const credentials = { claudePlatformAwsApi: accessKeyCredentials({ url: child.url }) };
		const getResults = (id: string) =>
			runNode({
				node: ClaudeAwsBatches,
				parameters: { resource: 'batch', operation: 'getResults', batchId: { __rl: true, mode: 'id', value: id } } as never,
				credentials,
				credentialTypes: [ClaudePlatformAwsApi],
			});

		// 1. Memory.
		progress('warm-up: a 100-line batch through the engine');
		const warm = await child.createBatch(100, 10);
		await sleep(50);
		const warmRun = await getResults(warm.id);
		if (warmRun.error) throw warmRun.error;

		progress(`creating an ended batch of ${lineCount} requests in the emulator process`);
		const big = await child.createBatch(lineCount, 10);
		await sleep(50);
		progress('Get Results through the node (measured)');
		const run = await measure(async () => {
			const result = await getResults(big.id);
			if (result.error) throw result.error;
			return result;
		});
		const outputs = run.result.json;
		if (outputs.length !== lineCount) throw new Error(`expected ${lineCount} items, got ${outputs.length}`);
		if (new Set(outputs.map((o) => o.custom_id)).size !== lineCount) throw new Error('duplicate custom_ids in the output');
		// Size of the JSONL file, counted by streaming it here after the measurement (before, it would inflate the baseline).
		const client = clientFromCredential(credentials.claudePlatformAwsApi);
		const batch = await client.request<{ results_url: string }>({ method: 'GET', path: `/v1/messages/batches/${big.id}` });
		let fileBytes = 0;
		const downloadStarted = performance.now();
		for await (const chunk of (await client.stream({ method: 'GET', path: batch.results_url })).body) fileBytes += (chunk as Buffer).length;
		const rawDownloadSeconds = Math.round((performance.now() - downloadStarted) / 100) / 10;

		let outputJsonBytes = 0;
		for (const item of outputs) outputJsonBytes += Buffer.byteLength(JSON.stringify(item));

		// 2. Trigger latency.
		progress(`trigger: ${trials} batches ending at random moments, polled every ${interval} ms`);
		const pollOnce = (staticData: IDataObject) =>
			runPoll({ node: ClaudeAwsBatchTrigger, parameters: {}, credentials, credentialTypes: [ClaudePlatformAwsApi], staticData });
		let staticData = (await pollOnce({})).staticData;
		const latencies: number[] = [];
		const pollDurations: number[] = [];
		const emittingPollDurations: number[] = [];
		for (let t = 0; t < trials; t++) {
			const created = await child.createBatch(10, Math.round(200 + Math.random() * interval));
			let emitted = false;
			while (!emitted) {
				await sleep(interval);
				const started = performance.now();
				const result = await pollOnce(staticData);
				const finished = Date.now();
				const took = performance.now() - started;
				pollDurations.push(took);
				if (result.error) throw result.error;
				staticData = result.staticData;
				const hit = result.json.find((j) => j.id === created.id);
				if (hit) {
					emitted = true;
					emittingPollDurations.push(took);
					latencies.push(finished - Date.parse(String(hit.ended_at)));
				}
			}
		}
		const round1 = (n: number) => Math.round(n * 10) / 10;
		const x = Math.max(...emittingPollDurations);
		const report = {
			bench: 'batch-results-memory',
			rows: [
				{ metric: `Get Results, ${lineCount} lines: peak RSS growth`, value: mib(run.peakGrowth), unit: 'MiB' },
				{ metric: 'peak heap + buffers growth', value: mib(run.heapPeakGrowth), unit: 'MiB' },
				{ metric: 'output items as JSON', value: mib(outputJsonBytes), unit: 'MiB' },
				{ metric: 'peak growth / output JSON', value: round1(run.peakGrowth / outputJsonBytes), unit: '×' },
				{ metric: 'JSONL file size (never held whole)', value: mib(fileBytes), unit: 'MiB' },
				{ metric: 'Get Results time', value: run.seconds, unit: 's', note: `the bare download of the file (no parsing, no n8n) takes ${rawDownloadSeconds} s` },
				{ metric: 'ended ⇒ trigger emitted (max)', value: Math.round(Math.max(...latencies)), unit: 'ms', note: `poll interval ${interval} ms + ${Math.round(x)} ms` },
				{ metric: 'X = one poll that emits (median / max)', value: `${round1(median(emittingPollDurations))} / ${round1(x)}`, unit: 'ms' },
			],
			details: {
				memory: {
					lines: lineCount,
					baselineRssMiB: mib(run.baseline),
					peakRssGrowthMiB: mib(run.peakGrowth),
					peakHeapAndBuffersGrowthMiB: mib(run.heapPeakGrowth),
					outputItemsJsonMiB: mib(outputJsonBytes),
					jsonlFileMiB: mib(fileBytes),
					growthPerOutputJson: round1(run.peakGrowth / outputJsonBytes),
					seconds: run.seconds,
					rawDownloadSeconds,
					sampleEveryMs: SAMPLE_MS,
				},
				trigger: {
					pollIntervalMs: interval,
					trials,
					latencyMs: { min: Math.round(Math.min(...latencies)), median: Math.round(median(latencies)), max: Math.round(Math.max(...latencies)) },
					emittingPollMs: { median: round1(median(emittingPollDurations)), max: round1(x) },
					anyPollMs: { median: round1(median(pollDurations)), max: round1(Math.max(...pollDurations)) },
					worstCase: `poll interval + ${Math.round(x)} ms`,
				},
			},
		};
		process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
		cleanupEngine();
	} finally {
		child.stop();
	}
}

if (process.argv.includes(EMULATOR_CHILD_FLAG)) {
	emulatorChild().catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

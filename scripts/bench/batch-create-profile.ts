/**
 * Diagnostic (not in `npm run bench`): where Batches > Create From Items spends its time and memory, inside
 * n8n-core's WorkflowExecute (test/helpers/runNode), emulator in this process. Wraps planBatches and
 * batches.create to take the time and the heap (after a forced GC) around each, and samples RSS/heap every
 * 50 ms. Run: node --expose-gc -r ts-node/register/transpile-only scripts/bench/batch-create-profile.ts --items 50000
 */
import { numberArg } from './lib/args';
import { round } from './lib/report';

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

(async () => {
	const items = numberArg('items', 50_000);
	const plan = require('../../nodes/ClaudeAwsBatches/helpers/planBatches');
	const api = require('../../nodes/api/batches');
	const { startEmulator } = await import('../../test/emulator/server');
	const { runNode } = await import('../../test/helpers/runNode');
	const { ClaudeAwsBatches } = require('../../nodes/ClaudeAwsBatches/ClaudeAwsBatches.node.ts');
	const { ClaudePlatformAwsApi } = require('../../credentials/ClaudePlatformAwsApi.credentials');
	const { accessKeyCredentials } = await import('../../test/helpers/credentials');
	const emulator = await startEmulator({ quiet: true });
	const marks: Record<string, number> = {};
	const heap = () => {
		gc();
		return process.memoryUsage().heapUsed;
	};
	const original = plan.planBatches;
	plan.planBatches = async (...args: unknown[]) => {
		marks.heapBeforePlan = heap();
		marks.buffersBeforePlan = process.memoryUsage().arrayBuffers;
		const t = Date.now();
		const out = await original(...args);
		marks.planMs = Date.now() - t;
		marks.heapAfterPlan = heap();
		// The planned bodies are Buffers (outside the JS heap): api/batchBody.ts.
		marks.buffersAfterPlan = process.memoryUsage().arrayBuffers;
		marks.bodyBytes = out.reduce((s: number, b: { bytes: number }) => s + b.bytes, 0);
		return out;
	};
	const create = api.batches.create;
	api.batches.create = async (...args: unknown[]) => {
		const t = Date.now();
		const rssBefore = process.memoryUsage().rss;
		const out = await create(...args);
		marks.createMs = Date.now() - t;
		marks.createRssBefore = rssBefore;
		return out;
	};
	let peakRss = 0;
	let peakHeap = 0;
	let peakRssInCreate = 0;
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
		if (marks.planMs !== undefined && marks.createMs === undefined) peakRssInCreate = Math.max(peakRssInCreate, m.rss);
	}, 50);
	const input = Array.from({ length: items }, (_, i) => ({ prompt: `Summarise document ${i}: Answer in one short sentence, plain text, no lists, and keep it under twenty words.`.slice(0, 100) }));
	// Warm-up (loads n8n-core, compiles).
	await runNode({ node: ClaudeAwsBatches, parameters: { resource: 'batch', operation: 'create', prompt: '={{ $json.prompt }}' }, credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) }, credentialTypes: [ClaudePlatformAwsApi], input: input.slice(0, 3) });
	gc();
	const start = process.memoryUsage();
	peakRss = start.rss;
	peakHeap = start.heapUsed;
	const t = Date.now();
	const result = await runNode({ node: ClaudeAwsBatches, parameters: { resource: 'batch', operation: 'create', prompt: '={{ $json.prompt }}' }, credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) }, credentialTypes: [ClaudePlatformAwsApi], input });
	const totalMs = Date.now() - t;
	clearInterval(timer);
	if (result.error) throw result.error;
	console.log(
		JSON.stringify({
			items,
			totalS: round(totalMs / 1000),
			planS: round(marks.planMs / 1000),
			planMsPerItem: round(marks.planMs / items, 3),
			createS: round(marks.createMs / 1000),
			bodyMiB: round(marks.bodyBytes / MiB, 1),
			heapRetainedByPlanMiB: round((marks.heapAfterPlan - marks.heapBeforePlan) / MiB, 1),
			plannedBodyBuffersMiB: round((marks.buffersAfterPlan - marks.buffersBeforePlan) / MiB, 1),
			peakRssGrowthMiB: round((peakRss - start.rss) / MiB, 1),
			peakHeapGrowthMiB: round((peakHeap - start.heapUsed) / MiB, 1),
			rssGrowthDuringCreateMiB: round((peakRssInCreate - marks.createRssBefore) / MiB, 1),
		}),
	);
	await emulator.close();
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

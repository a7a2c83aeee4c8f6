/**
 * Batches > Create From Items with 100,000 items inside a real n8n 2.40.7: Manual Trigger → Code node making
 * the items (a ~100-byte prompt each) → Claude on AWS Batches, Create From Items, default settings (no wait).
 * Started by real-n8n-batch.sh (one n8n, one emulator). While the workflow runs, the n8n main process's VmRSS
 * is sampled every 50 ms from /proc/<pid>/status (and its VmHWM, reset through clear_refs before the run,
 * catches a peak between samples). The goal (issue 20): peak RSS growth ≤ the items' own JSON size + 64 MiB.
 *
 * A second workflow, the same Code node without the Batches node, shows what n8n itself takes for 100,000
 * items (making them in the task runner, taking them into the main process, saving the run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { N8nApi } from '../../test/e2e/helpers/n8nApi';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from '../../test/e2e/importFiles';
import { numberArg } from './lib/args';
import { emit, progress, round, type BenchRow } from './lib/report';

const MiB = 1024 * 1024;
const SAMPLE_MS = 50;
const api = new N8nApi();
const pid = Number(process.env.E2E_N8N_PID);

/** The same text the Code node makes: ~100 bytes per prompt. */
const PROMPT_CODE = `const filler = ' Answer in one short sentence, plain text, no lists, and keep it under twenty words.';
return Array.from({ length: ITEMS }, (_, i) => ({ json: { prompt: ('Summarise document ' + i + ':' + filler).slice(0, 100) } }));`;

function promptsJson(items: number): number {
	const filler = ' Answer in one short sentence, plain text, no lists, and keep it under twenty words.';
	const json = JSON.stringify(Array.from({ length: items }, (_, i) => ({ prompt: `Summarise document ${i}:${filler}`.slice(0, 100) })));
	return Buffer.byteLength(json);
}

function status(): { rss: number; hwm: number } {
	const text = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
	return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0, same user); false where that is not allowed. */
function resetPeak(): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

async function workflow(name: string, items: number, withBatch: boolean): Promise<string> {
	const nodes: Array<Record<string, unknown>> = [
		{ name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{ name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: PROMPT_CODE.replace('ITEMS', String(items)) } },
	];
	if (withBatch) {
		nodes.push({
			name: 'Batch',
			type: 'n8n-nodes-claude-aws.claudeAwsBatches',
			typeVersion: 1,
			parameters: { resource: 'batch', operation: 'create', prompt: '={{ $json.prompt }}' },
			credentials: { claudePlatformAwsApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		});
	}
	const connections: Record<string, unknown> = { Run: { main: [[{ node: 'Items', type: 'main', index: 0 }]] } };
	if (withBatch) connections.Items = { main: [[{ node: 'Batch', type: 'main', index: 0 }]] };
	const created = await api.rest<{ id: string }>('POST', '/workflows', {
		name,
		nodes: nodes.map((node, index) => ({ id: `bench-batch-${name}-${index}`, position: [index * 220, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	});
	return created.id;
}

interface Measured {
	items: number;
	executionMs: number;
	/** The Batches node: n8n's startTime and executionTime. */
	batchStart?: number;
	batchMs?: number;
	codeMs: number;
	rssBeforeMiB: number;
	peakRssMiB: number;
	peakGrowthMiB: number;
	/** Peak RSS during the Batches node's own run, above the RSS when it started. */
	batchPeakGrowthMiB?: number;
	hwmGrowthMiB?: number;
	samples: number;
	status: string;
	outputItems?: number;
	batchRequests?: number;
}

async function measure(id: string, items: number, withBatch: boolean): Promise<Measured> {
	await fetch(`${api.env.emulatorUrl}/_emulator/received`, { method: 'DELETE' });
	// Let the heap from the previous run settle, then take the baseline.
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const before = status();
	const hwmReset = resetPeak();
	const samples: Array<{ at: number; rss: number; hwm: number }> = [{ at: Date.now(), rss: before.rss, hwm: before.rss }];
	const timer = setInterval(() => {
		try {
			samples.push({ at: Date.now(), ...status() });
		} catch {
			// the process went away: the run fails below
		}
	}, SAMPLE_MS);
	let execution;
	try {
		execution = await api.runWorkflow(id, 'Run', 20 * 60_000);
	} finally {
		clearInterval(timer);
	}
	const raw = JSON.parse(execution.raw).data;
	const started = Date.parse(raw.startedAt);
	const stopped = Date.parse(raw.stoppedAt);
	const during = samples.filter((s) => s.at >= started - SAMPLE_MS && s.at <= stopped);
	const peak = Math.max(...during.map((s) => s.rss), before.rss);
	const code = execution.runData.Items?.[0] as { executionTime?: number } | undefined;
	const batch = execution.runData.Batch?.[0] as { startTime?: number; executionTime?: number; error?: { message?: string }; data?: { main?: Array<Array<{ json: Record<string, any> }>> } } | undefined;
	if (withBatch && (!batch || batch.error)) throw new Error(`Batches node failed: ${batch?.error?.message ?? 'did not run'} (${execution.status})`);
	const measured: Measured = {
		items,
		executionMs: stopped - started,
		codeMs: Number(code?.executionTime),
		rssBeforeMiB: round(before.rss / MiB, 1),
		peakRssMiB: round(peak / MiB, 1),
		peakGrowthMiB: round((peak - before.rss) / MiB, 1),
		// VmHWM of the last sample before the execution stopped: the GET of the saved run that follows is n8n's work too, not the run's.
		hwmGrowthMiB: hwmReset ? round((Math.max(...during.map((s) => s.hwm)) - before.rss) / MiB, 1) : undefined,
		samples: during.length,
		status: execution.status,
	};
	if (batch?.startTime !== undefined && batch.executionTime !== undefined) {
		const from = batch.startTime;
		const to = from + batch.executionTime;
		const inNode = samples.filter((s) => s.at >= from && s.at <= to + SAMPLE_MS);
		const atStart = [...samples].reverse().find((s) => s.at <= from) ?? samples[0];
		measured.batchStart = from;
		measured.batchMs = batch.executionTime;
		if (inNode.length) measured.batchPeakGrowthMiB = round((Math.max(...inNode.map((s) => s.rss)) - atStart.rss) / MiB, 1);
		const out = batch.data?.main?.[0] ?? [];
		measured.outputItems = out.length;
		measured.batchRequests = out.reduce((sum, item) => sum + Number(item.json.split?.requests ?? 0), 0);
	}
	progress(`real n8n batch: ${withBatch ? 'Create From Items' : 'Code node only'}, ${items} items: execution ${round(measured.executionMs / 1000)} s, peak RSS growth ${measured.peakGrowthMiB} MiB (VmHWM ${measured.hwmGrowthMiB ?? 'n/a'} MiB), ${measured.samples} samples`);
	return measured;
}

async function createBodies(): Promise<number[]> {
	const response = await fetch(`${api.env.emulatorUrl}/_emulator/received`);
	const { data } = (await response.json()) as { data: Array<{ path: string; method?: string; bodyBytes?: number }> };
	return data.filter((r) => r.path === '/v1/messages/batches').map((r) => r.bodyBytes ?? 0);
}

(async () => {
	if (!Number.isInteger(pid) || pid <= 0) throw new Error('E2E_N8N_PID is not set: run through real-n8n-batch.sh');
	const items = numberArg('items', 100_000);
	await api.login();
	const warm = await workflow('bench batch: warm-up', 3, true);
	await measure(warm, 3, true);
	const itemsBytes = promptsJson(items);
	const create = await measure(await workflow(`bench batch: create ${items}`, items, true), items, true);
	const bodies = await createBodies();
	// A fifth of the items (after the full run, so that one starts from n8n's fresh heap): does the time per item depend on the count?
	const small = Math.round(items / 5);
	const fifth = await measure(await workflow(`bench batch: create ${small}`, small, true), small, true);
	const control = await measure(await workflow(`bench batch: code only ${items}`, items, false), items, false);

	const itemsMiB = round(itemsBytes / MiB, 1);
	const bound = round(itemsBytes / MiB + 64, 1);
	const growth = Math.max(create.peakGrowthMiB, create.hwmGrowthMiB ?? 0);
	const rows: BenchRow[] = [
		{ metric: `Create From Items, ${items.toLocaleString('en-US')} items: execution time`, value: round(create.executionMs / 1000), unit: 's', note: `Batches node ${round((create.batchMs ?? NaN) / 1000)} s, Code node ${round(create.codeMs / 1000)} s; ${create.outputItems} batch(es), ${create.batchRequests} requests` },
		{ metric: 'creation body sent (as the emulator received it)', value: round(bodies.reduce((a, b) => a + b, 0) / MiB, 1), unit: 'MiB', note: `${bodies.length} request(s)` },
		{ metric: "items' own size (JSON of the items)", value: itemsMiB, unit: 'MiB', note: `${round(itemsBytes / items)} bytes per item` },
		{ metric: 'n8n main process: peak RSS growth during the execution', value: create.peakGrowthMiB, unit: 'MiB', note: `from ${create.rssBeforeMiB} MiB; VmHWM growth ${create.hwmGrowthMiB ?? 'n/a'} MiB; ${create.samples} samples, every ${SAMPLE_MS} ms` },
		{ metric: 'of which during the Batches node (peak above its start)', value: create.batchPeakGrowthMiB ?? NaN, unit: 'MiB' },
		{ metric: `same Code node, no Batches node: peak RSS growth (n8n's own share)`, value: control.peakGrowthMiB, unit: 'MiB', note: `execution ${round(control.executionMs / 1000)} s; VmHWM growth ${control.hwmGrowthMiB ?? 'n/a'} MiB` },
		{ metric: `Create From Items, ${small.toLocaleString('en-US')} items: execution time, peak RSS growth`, value: round(fifth.executionMs / 1000), unit: 's', note: `Batches node ${round((fifth.batchMs ?? NaN) / 1000)} s (${round((fifth.batchMs ?? NaN) / small, 2)} ms per item against ${round((create.batchMs ?? NaN) / items, 2)} at ${items.toLocaleString('en-US')}); peak RSS growth ${fifth.peakGrowthMiB} MiB, VmHWM ${fifth.hwmGrowthMiB ?? 'n/a'} MiB` },
		{ metric: "peak RSS growth vs the items' size + 64 MiB", value: growth, unit: 'MiB', goal: `≤ ${bound} MiB`, pass: growth <= bound },
	];
	emit({
		bench: 'Inside a real n8n 2.40.7: Batches > Create From Items, 100,000 items',
		rows,
		details: { sampleMs: SAMPLE_MS, itemsBytes, createBodyBytes: bodies, create, fifth, codeOnly: control },
		notes: [
			'One n8n process (n8n start, the packed package as a community package), one emulator in its own process; Manual Trigger → Code (the items) → Batches, Create From Items, defaults (no wait). RSS is the n8n main process\'s VmRSS from /proc, sampled every 50 ms, against the RSS 2 s before the run; the growth judged is the larger of the sampled peak and VmHWM (reset before the run).',
		],
	});
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

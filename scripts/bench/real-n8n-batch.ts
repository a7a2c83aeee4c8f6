/**
 * Batches > Create From Items with 100,000 items inside a real n8n 2.40.7: Manual Trigger → Code node making
 * the items (a ~100-byte prompt each) → Claude on AWS Batches, Create From Items, default settings (no wait).
 * Started by real-n8n-batch.sh (one n8n, one emulator). While the workflow runs, the n8n main process's VmRSS
 * is sampled every 50 ms from /proc/<pid>/status (and its VmHWM, reset through clear_refs before the run,
 * catches a peak between samples). The goal (issue 20): peak RSS growth ≤ the items' own JSON size + 64 MiB.
 *
 * A second workflow, the same Code node without the Batches node, shows what n8n itself takes for 100,000
 * items (making them in the task runner, taking them into the main process, saving the run).
 *
 * `--variant` (real-n8n-batch.sh runs each in a fresh n8n, since a run reuses the heap pages an earlier one
 * grew): `expression` (the prompt `{{ $json.prompt }}`, plus the 20,000-item and Code-only runs above),
 * `constant` (the same node and items, the prompt a fixed text: n8n resolves no expression per item, so the
 * growth is our node's own) and `set` (n8n's Edit Fields (Set) node resolving the same `{{ $json.prompt }}` on
 * the same items, no request: what n8n's expression costs alone). Each writes its figures to `--out <file>`;
 * `--combine <dir>` reads the three and prints the rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { N8nApi } from '../../test/e2e/helpers/n8nApi';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from '../../test/e2e/importFiles';
import { numberArg } from './lib/args';
import { emit, progress, round, type BenchRow } from './lib/report';

const MiB = 1024 * 1024;
const SAMPLE_MS = 50;
const api = new N8nApi();
const pid = Number(process.env.E2E_N8N_PID);

/** The same text the Code node makes: ~100 bytes per prompt. */
/** The `constant` variant's prompt: a fixed text of the same ~100 bytes, no expression. */
const CONSTANT_PROMPT = 'Summarise this document in one short sentence, plain text, no lists, and keep it under twenty words.';

type Variant = 'expression' | 'constant' | 'set' | 'code';
/** What follows the Code node: nothing (n8n's own share), our Batches node, or n8n's Edit Fields node. */
type Second = 'none' | 'batch' | 'batchConstant' | 'set';

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

function secondNode(second: Second): Record<string, unknown> | undefined {
	if (second === 'none') return undefined;
	if (second === 'set') {
		return {
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'manual', assignments: { assignments: [{ id: 'prompt', name: 'prompt', value: '={{ $json.prompt }}', type: 'string' }] }, options: {} },
		};
	}
	return {
		name: 'Batch',
		type: 'n8n-nodes-claude-aws.claudeAwsBatches',
		typeVersion: 1,
		parameters: { resource: 'batch', operation: 'create', prompt: second === 'batch' ? '={{ $json.prompt }}' : CONSTANT_PROMPT },
		credentials: { claudePlatformAwsApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
	};
}

async function workflow(name: string, items: number, second: Second): Promise<string> {
	const nodes: Array<Record<string, unknown>> = [
		{ name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{ name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: PROMPT_CODE.replace('ITEMS', String(items)) } },
	];
	const next = secondNode(second);
	if (next) nodes.push(next);
	const connections: Record<string, unknown> = { Run: { main: [[{ node: 'Items', type: 'main', index: 0 }]] } };
	if (next) connections.Items = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
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
	/** The node after the Code node (Batches or Edit Fields): n8n's startTime and executionTime. */
	batchStart?: number;
	batchMs?: number;
	codeMs: number;
	rssBeforeMiB: number;
	peakRssMiB: number;
	peakGrowthMiB: number;
	/** Peak RSS during the second node's own run, above the RSS when it started. */
	batchPeakGrowthMiB?: number;
	hwmGrowthMiB?: number;
	samples: number;
	status: string;
	outputItems?: number;
	batchRequests?: number;
	/** 1-minute load average before and after the run (RSS is hardly load-sensitive; time is). */
	load: [number, number];
}

const isNetworkError = (error: unknown) => error instanceof TypeError && /fetch failed|terminated|other side closed/.test(error.message);

/**
 * Starts the run (that call answers at once with the execution's ID) and polls the saved execution every
 * 250 ms like api.runWorkflow, but a poll that fails on the connection is asked again, not fatal: an earlier
 * Edit Fields run here ended with ECONNRESET (likely a keep-alive socket n8n closed while its main thread was
 * busy for seconds in one node; not confirmed), and a GET of the saved execution is safe to repeat.
 */
async function runAndWait(id: string, timeoutMs: number) {
	const started = await api.rest<{ executionId?: string }>('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: 'Run' } });
	if (!started.executionId) throw new Error(`workflow ${id} did not start: ${JSON.stringify(started)}`);
	const deadline = Date.now() + timeoutMs;
	for (let resets = 0; ; resets++) {
		try {
			return await api.waitForExecution(started.executionId, deadline - Date.now(), 250);
		} catch (error) {
			if (!isNetworkError(error) || resets >= 20 || Date.now() > deadline) throw error;
			progress(`poll of execution ${started.executionId} failed on the connection (${String((error as Error & { cause?: unknown }).cause ?? error)}), asking again`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

async function measure(id: string, items: number, second: Second): Promise<Measured> {
	const loadBefore = round(loadavg()[0]);
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
		execution = await runAndWait(id, 20 * 60_000);
	} finally {
		clearInterval(timer);
	}
	const raw = JSON.parse(execution.raw).data;
	const started = Date.parse(raw.startedAt);
	const stopped = Date.parse(raw.stoppedAt);
	const during = samples.filter((s) => s.at >= started - SAMPLE_MS && s.at <= stopped);
	const peak = Math.max(...during.map((s) => s.rss), before.rss);
	const code = execution.runData.Items?.[0] as { executionTime?: number } | undefined;
	const node = second === 'set' ? 'Set' : 'Batch';
	const batch = execution.runData[node]?.[0] as { startTime?: number; executionTime?: number; error?: { message?: string }; data?: { main?: Array<Array<{ json: Record<string, any> }>> } } | undefined;
	if (second !== 'none' && (!batch || batch.error)) throw new Error(`${node} node failed: ${batch?.error?.message ?? 'did not run'} (${execution.status})`);
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
		load: [loadBefore, round(loadavg()[0])],
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
	const label = { none: 'Code node only', batch: 'Create From Items', batchConstant: 'Create From Items, constant prompt', set: 'Edit Fields' }[second];
	progress(`real n8n batch: ${label}, ${items} items: execution ${round(measured.executionMs / 1000)} s, peak RSS growth ${measured.peakGrowthMiB} MiB (VmHWM ${measured.hwmGrowthMiB ?? 'n/a'} MiB), ${measured.samples} samples, load ${measured.load.join(' -> ')}`);
	return measured;
}

async function createBodies(): Promise<number[]> {
	const response = await fetch(`${api.env.emulatorUrl}/_emulator/received`);
	const { data } = (await response.json()) as { data: Array<{ path: string; method?: string; bodyBytes?: number }> };
	return data.filter((r) => r.path === '/v1/messages/batches').map((r) => r.bodyBytes ?? 0);
}

function stringArg(name: string): string | undefined {
	const args = process.argv.slice(2);
	const index = args.indexOf(`--${name}`);
	return index >= 0 ? args[index + 1] : undefined;
}

interface ExpressionRun {
	variant: 'expression';
	create: Measured;
	bodies: number[];
	fifth: Measured;
	codeOnly: Measured;
}
interface OtherRun {
	variant: 'constant' | 'set' | 'code';
	create: Measured;
	bodies: number[];
}

/** One variant in the n8n real-n8n-batch.sh started for it; its figures go to `--out`. */
async function runVariant(variant: Variant, items: number, out: string): Promise<void> {
	await api.login();
	const second: Second = variant === 'set' ? 'set' : variant === 'constant' ? 'batchConstant' : variant === 'code' ? 'none' : 'batch';
	await measure(await workflow(`bench batch: warm-up ${variant}`, 3, second), 3, second);
	const create = await measure(await workflow(`bench batch: ${variant} ${items}`, items, second), items, second);
	const bodies = await createBodies();
	let result: ExpressionRun | OtherRun = { variant: variant as 'constant' | 'set' | 'code', create, bodies };
	if (variant === 'expression') {
		// A fifth of the items (after the full run, so that one starts from n8n's fresh heap): does the time per item depend on the count?
		const small = Math.round(items / 5);
		const fifth = await measure(await workflow(`bench batch: create ${small}`, small, 'batch'), small, 'batch');
		const codeOnly = await measure(await workflow(`bench batch: code only ${items}`, items, 'none'), items, 'none');
		result = { variant, create, bodies, fifth, codeOnly };
	}
	writeFileSync(out, JSON.stringify(result));
}

const growthOf = (m: Measured) => Math.max(m.peakGrowthMiB, m.hwmGrowthMiB ?? 0);
const loadOf = (m: Measured) => `load ${m.load[0]} -> ${m.load[1]}`;

function combine(dir: string, items: number): void {
	const read = <T>(variant: Variant): T => JSON.parse(readFileSync(path.join(dir, `${variant}.json`), 'utf8')) as T;
	const { create, bodies, fifth, codeOnly: control } = read<ExpressionRun>('expression');
	const constant = read<OtherRun>('constant');
	const set = read<OtherRun>('set').create;
	// In a fresh n8n: the control above runs in the n8n the expression run had already grown, so it reuses those pages.
	const code = read<OtherRun>('code').create;
	const itemsBytes = promptsJson(items);
	const small = fifth.items;
	const itemsMiB = round(itemsBytes / MiB, 1);
	const bound = round(itemsBytes / MiB + 64, 1);
	const growth = growthOf(create);
	const ours = growthOf(constant.create);
	const rows: BenchRow[] = [
		{ metric: `Create From Items, ${items.toLocaleString('en-US')} items: execution time`, value: round(create.executionMs / 1000), unit: 's', note: `Batches node ${round((create.batchMs ?? NaN) / 1000)} s, Code node ${round(create.codeMs / 1000)} s; ${create.outputItems} batch(es), ${create.batchRequests} requests; ${loadOf(create)}` },
		{ metric: 'creation body sent (as the emulator received it)', value: round(bodies.reduce((a, b) => a + b, 0) / MiB, 1), unit: 'MiB', note: `${bodies.length} request(s)` },
		{ metric: "items' own size (JSON of the items)", value: itemsMiB, unit: 'MiB', note: `${round(itemsBytes / items)} bytes per item` },
		{ metric: 'n8n main process: peak RSS growth during the execution', value: create.peakGrowthMiB, unit: 'MiB', note: `from ${create.rssBeforeMiB} MiB; VmHWM growth ${create.hwmGrowthMiB ?? 'n/a'} MiB; ${create.samples} samples, every ${SAMPLE_MS} ms; ${loadOf(create)}` },
		{ metric: 'of which during the Batches node (peak above its start)', value: create.batchPeakGrowthMiB ?? NaN, unit: 'MiB' },
		{ metric: `same Code node, no Batches node: peak RSS growth (n8n's own share)`, value: control.peakGrowthMiB, unit: 'MiB', note: `execution ${round(control.executionMs / 1000)} s; VmHWM growth ${control.hwmGrowthMiB ?? 'n/a'} MiB; ${loadOf(control)}` },
		{ metric: `Create From Items, ${small.toLocaleString('en-US')} items: execution time, peak RSS growth`, value: round(fifth.executionMs / 1000), unit: 's', note: `Batches node ${round((fifth.batchMs ?? NaN) / 1000)} s (${round((fifth.batchMs ?? NaN) / small, 2)} ms per item against ${round((create.batchMs ?? NaN) / items, 2)} at ${items.toLocaleString('en-US')}); peak RSS growth ${fifth.peakGrowthMiB} MiB, VmHWM ${fifth.hwmGrowthMiB ?? 'n/a'} MiB; ${loadOf(fifth)}` },
		{ metric: "peak RSS growth vs the items' size + 64 MiB", value: growth, unit: 'MiB', goal: `≤ ${bound} MiB`, pass: growth <= bound },
		{ metric: `fresh n8n, the same Create From Items and items, prompt a fixed text (no expression per item): peak RSS growth (our node's own)`, value: ours, unit: 'MiB', goal: `≤ ${bound} MiB`, pass: ours <= bound, note: `sampled ${constant.create.peakGrowthMiB} MiB, VmHWM ${constant.create.hwmGrowthMiB ?? 'n/a'} MiB, during the Batches node ${constant.create.batchPeakGrowthMiB ?? 'n/a'} MiB; execution ${round(constant.create.executionMs / 1000)} s (Batches node ${round((constant.create.batchMs ?? NaN) / 1000)} s, ${round((constant.create.batchMs ?? NaN) / items, 2)} ms per item); body ${round(constant.bodies.reduce((a, b) => a + b, 0) / MiB, 1)} MiB in ${constant.bodies.length} request(s); ${loadOf(constant.create)}` },
		{ metric: `fresh n8n, the same Code node alone (no Batches node): peak RSS growth (n8n holding the items)`, value: growthOf(code), unit: 'MiB', note: `sampled ${code.peakGrowthMiB} MiB, VmHWM ${code.hwmGrowthMiB ?? 'n/a'} MiB; execution ${round(code.executionMs / 1000)} s; ${loadOf(code)}` },
		{ metric: `fresh n8n, fixed prompt: peak RSS growth above the fresh Code-node-only run (what our node adds to n8n holding the items)`, value: round(ours - growthOf(code), 1), unit: 'MiB', goal: '≤ 64 MiB', pass: ours - growthOf(code) <= 64, note: `${ours} MiB − ${growthOf(code)} MiB; during the Batches node alone ${constant.create.batchPeakGrowthMiB ?? 'n/a'} MiB above its start` },
		{ metric: `fresh n8n, n8n's Edit Fields (Set) node resolving the same {{ $json.prompt }} on the same items, no request: peak RSS growth (n8n's expression alone)`, value: growthOf(set), unit: 'MiB', note: `sampled ${set.peakGrowthMiB} MiB, VmHWM ${set.hwmGrowthMiB ?? 'n/a'} MiB, during the Set node ${set.batchPeakGrowthMiB ?? 'n/a'} MiB; execution ${round(set.executionMs / 1000)} s (Set node ${round((set.batchMs ?? NaN) / 1000)} s, ${round((set.batchMs ?? NaN) / items, 2)} ms per item; ${set.outputItems} items out); ${loadOf(set)}` },
	];
	emit({
		bench: 'Inside a real n8n 2.40.7: Batches > Create From Items, 100,000 items',
		rows,
		details: { sampleMs: SAMPLE_MS, itemsBytes, createBodyBytes: bodies, create, fifth, codeOnly: control, codeOnlyFresh: code, constantPrompt: constant, editFields: set },
		notes: [
			'One n8n process (n8n start, the packed package as a community package), one emulator in its own process; Manual Trigger → Code (the items) → Batches, Create From Items, defaults (no wait). RSS is the n8n main process\'s VmRSS from /proc, sampled every 50 ms, against the RSS 2 s before the run; the growth judged is the larger of the sampled peak and VmHWM (reset before the run).',
			'Four fresh n8n processes, one after the other, each with a 3-item warm-up first: the prompt {{ $json.prompt }} (then 20,000 items and the Code node alone in the same n8n), the prompt a fixed text, n8n\'s Edit Fields node in place of ours, and the Code node alone. Load is the 1-minute average before -> after each run.',
		],
	});
}

(async () => {
	const items = numberArg('items', 100_000);
	const dir = stringArg('combine');
	if (dir) {
		combine(dir, items);
	} else {
		if (!Number.isInteger(pid) || pid <= 0) throw new Error('E2E_N8N_PID is not set: run through real-n8n-batch.sh');
		const variant = (stringArg('variant') ?? 'expression') as Variant;
		if (!['expression', 'constant', 'set', 'code'].includes(variant)) throw new Error(`--variant must be expression, constant, set or code, got '${variant}'`);
		const out = stringArg('out');
		if (!out) throw new Error('--out <file> is required with --variant');
		await runVariant(variant, items, out);
	}
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

/**
 * Only the "1,000 items at default settings" part of the real-n8n benchmark, repeated: our Messages node with
 * defaults on 1,000 items at 200 ms emulator latency inside one real n8n, `--repeat` times (default 3), each run
 * with the 1-minute load average before and after it and the CPU the n8n main process used per item (from
 * /proc), then n8n's Edit Fields node evaluating the same prompt expression on the same items (n8n's own part
 * of the per-item work, apart from ours). With `--profile <file>` (real-n8n-defaults.sh starts n8n with --inspect for it), one more run is
 * profiled over the inspector and split into n8n's parameter reads, each part of ours, and the rest; that run
 * is not one of the timed ones. Started by real-n8n-defaults.sh; prints one JSON row set on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { numberArg } from './lib/args';
import { inspectorOf, profileWhile, splitProfile, type ProfileSplit } from './lib/cpuProfile';
import { api, benchCredentials, DEFAULT_CONCURRENCY, LATENCY_MS, runOnce, type Run } from './lib/realN8nRuns';
import { emit, median, progress, round, type BenchRow } from './lib/report';

function stringArg(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

(async () => {
	const items = numberArg('items', 1000);
	const repeat = Math.max(1, numberArg('repeat', 3));
	const profileFile = stringArg('profile');
	await api.login();
	const creds = await benchCredentials();
	// Warm-up: n8n loads the node type and the JIT compiles the per-item path.
	await runOnce('warm-up ours', 'ours', 3, creds);
	await runOnce('warm-up ours 100', 'ours', 100, creds);
	const runs: Run[] = [];
	for (let i = 1; i <= repeat; i++) runs.push(await runOnce(`ours ${items} (run ${i} of ${repeat})`, 'ours', items, creds));
	// n8n's own part of the per-item work: its Edit Fields node evaluating the same prompt expression on the same items.
	await runOnce('warm-up Edit Fields', 'editFields', 3, creds);
	const editFields = await runOnce(`Edit Fields ${items}`, 'editFields', items, creds);

	let split: ProfileSplit | undefined;
	if (profileFile) {
		const url = await inspectorOf(readFileSync(process.env.E2E_N8N_LOG ?? '/dev/null', 'utf8'), Number(process.env.E2E_N8N_PID));
		if (!url) throw new Error('no inspector of the n8n main process: run through real-n8n-defaults.sh with --profile');
		const { result, profile } = await profileWhile(url, () => runOnce(`ours ${items} (profiled, not timed)`, 'ours', items, creds));
		writeFileSync(profileFile, JSON.stringify(profile));
		split = splitProfile(profile);
		progress(`profile: ${profileFile}; busy ${round(split.busyMs)} ms of ${round(split.spanMs)} ms; node ${round(result.nodeMs)} ms`);
		for (const { part, ms } of split.parts) progress(`  ${round(ms / items, 3)} ms per item  ${part}`);
	}

	const ideal = (LATENCY_MS * items) / DEFAULT_CONCURRENCY;
	const ratios = runs.map((r) => r.nodeMs / ideal);
	const rows: BenchRow[] = runs.map((r, i) => ({
		metric: `${items} items, our node at defaults, run ${i + 1}: node time / ideal (${round(ideal / 1000, 3)} s)`,
		value: round(ratios[i]),
		unit: '×',
		note: `${round(r.nodeMs / 1000)} s, ${r.failures} failures; n8n main process CPU ${r.n8nCpuMs !== undefined ? `${round(r.n8nCpuMs / items, 2)} ms per item` : 'n/a'}; load ${r.load?.join(' → ')}`,
	}));
	const worst = Math.max(...ratios);
	rows.push({
		metric: `${items} items at defaults: median node time / ideal of ${runs.length} runs`,
		value: round(median(ratios)),
		unit: '×',
		goal: '≤ 1.5×',
		pass: median(ratios) <= 1.5 && runs.every((r) => r.failures === 0),
		note: `range ${round(Math.min(...ratios))}–${round(worst)}×`,
	});
	rows.push({ metric: `${items} items: what n8n adds per item (execution − node time) / items, median`, value: round(median(runs.map((r) => (r.executionMs - r.nodeMs) / items)), 2), unit: 'ms', note: 'Code node making the items, saving the run' });
	rows.push({
		metric: `${items} items: n8n's Edit Fields node evaluating the same {{ $json.question }} per item: node time per item`,
		value: round(editFields.nodeMs / items, 2),
		unit: 'ms',
		note: `${round(editFields.nodeMs / 1000)} s, ${editFields.failures} failures; n8n main process CPU ${editFields.n8nCpuMs !== undefined ? `${round(editFields.n8nCpuMs / items, 2)} ms per item` : 'n/a'} (trigger to saved); load ${editFields.load?.join(' → ')}`,
	});
	const cpu = runs.filter((r) => r.n8nCpuMs !== undefined).map((r) => r.n8nCpuMs! / items);
	if (cpu.length) rows.push({ metric: `${items} items: n8n main process CPU per item (whole execution), median`, value: round(median(cpu), 2), unit: 'ms', note: 'user + system from /proc/<pid>/stat, trigger to saved' });
	if (split) {
		for (const { part, ms } of split.parts.filter((p) => p.part !== 'idle')) rows.push({ metric: `profiled run, CPU per item: ${part}`, value: round(ms / items, 3), unit: 'ms' });
	}
	emit({
		bench: `Inside a real n8n 2.40.7: ${items} items at default settings, ${runs.length} runs`,
		rows,
		details: { latencyMs: LATENCY_MS, runs, editFields, profile: split && { file: profileFile, spanMs: split.spanMs, busyMs: split.busyMs, parts: split.parts } },
		notes: [
			`One n8n process, one emulator in its own process with ${LATENCY_MS} ms latency, Manual Trigger → Code (the items) → our Messages node at defaults; node time is n8n's executionTime. Ideal: latency × items / ${DEFAULT_CONCURRENCY}.`,
			'Load is the 1-minute load average before → after each run, on a machine shared with other sessions.',
		],
	});
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

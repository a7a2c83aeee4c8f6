#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark of the package, one after the other on this machine, each in its own
 * Node process (ts-node, transpile only). Prints one table and writes bench/results.json with the machine
 * it ran on. Timing goals are ratios measured in the same run, so a slower machine moves both sides.
 *
 * Also writes bench/results.md: the same table in Markdown, for docs/performance.md. A run with --only writes
 * bench/results.partial.{json,md} instead.
 *
 * Each script prints one JSON object on stdout (progress on stderr): { bench, rows: [{ metric, value, unit,
 * goal, pass, note }], details, notes } (see scripts/bench/lib/report.ts). Other JSON is shown flattened.
 * A script that does not exist (yet) is listed as "not available".
 *
 * real-n8n.sh starts a real n8n (test/e2e/lib.sh) and the emulator, then runs real-n8n.ts against them.
 *
 * Flags: --only <name,...> (script names or parts of them; real-n8n-defaults only by its full name), --full (items throughput: concurrency 1 on all
 * 1,000 items, ≈ 3.5 more minutes), --no-build (keep dist/ as it is for the package load benchmark), --merge (with
 * --only: also put the figures of the benchmarks that ran into bench/results.json and .md, keeping the others).
 */
'use strict';
const { spawn, execSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BENCH_DIR = path.join(__dirname, 'bench');

const args = process.argv.slice(2);
const full = args.includes('--full');
const noBuild = args.includes('--no-build');
const merge = args.includes('--merge');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean) : undefined;
// A partial run (--only) never replaces the figures of the last full run.
const RESULTS_BASE = path.join(ROOT, 'bench', only ? 'results.partial' : 'results');
const RESULTS = `${RESULTS_BASE}.json`;
const RESULTS_MD = `${RESULTS_BASE}.md`;

/** In run order: latency-sensitive ones first, the long memory ones after, the quick checks last. */
const BENCHES = [
	{ name: 'overhead', title: 'Request overhead vs the official SDK', timeoutS: 300 },
	{ name: 'items-throughput', title: 'Items throughput inside n8n', timeoutS: full ? 900 : 600, extraArgs: full ? ['--full'] : [] },
	{ name: 'files-memory', title: 'Files: 1 GiB upload and download memory', timeoutS: 900, nodeArgs: ['--expose-gc'] },
	{ name: 'batch-results-memory', title: 'Batches: 100,000-line results memory', timeoutS: 900, nodeArgs: ['--expose-gc'] },
	{ name: 'session-latency', title: 'Sessions latency', timeoutS: 600 },
	{ name: 'package-load', title: 'Package load cost', timeoutS: 300, needsBuild: true },
	{ name: 'retry-cost', title: 'Retry cost (429, retry-after: 1)', timeoutS: 120 },
	{ name: 'signing', title: 'SigV4 signing: SHA-256 implementation', timeoutS: 300 },
	// A real n8n 2.40.7 (test/e2e's harness, installed once into ~/.cache): n8n's own nodes beside ours, and rate limits.
	{ name: 'real-n8n', title: 'Inside a real n8n', timeoutS: 1800, needsBuild: true },
	// The same harness: Batches > Create From Items with 100,000 items, the n8n main process's peak RSS sampled from /proc.
	// Four fresh n8n processes (expression prompt, fixed prompt, Edit Fields alone, the Code node alone): about 9 minutes.
	{ name: 'real-n8n-batch', title: 'Inside a real n8n: Create From Items, 100,000 items', timeoutS: 1800, needsBuild: true },
	// Only the 1,000-items-at-defaults part of real-n8n, three times in one n8n (about 2 minutes). Runs only when
	// named in full (--only real-n8n-defaults): a full run already has that figure in real-n8n.
	{ name: 'real-n8n-defaults', title: 'Inside a real n8n: 1,000 items at defaults, repeated', timeoutS: 900, needsBuild: true, onRequest: true },
];

function machine() {
	const cpuinfo = safe(() => readFileSync('/proc/cpuinfo', 'utf8'), '');
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
	return {
		cpuModel: model.trim(),
		nproc: Number(safe(() => execSync('nproc', { encoding: 'utf8' }).trim(), String(os.availableParallelism?.() ?? os.cpus().length))),
		memory: safe(() => {
			// free -h: "Mem: total used free shared buff/cache available"
			const [, total, , , , , available] = execSync('free -h', { encoding: 'utf8' }).split('\n')[1].trim().split(/\s+/);
			return `${total} total, ${available} available`;
		}, `${Math.round(os.totalmem() / 2 ** 30)} GiB total`),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
		commit: safe(() => execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim(), 'unknown'),
		dirtyWorkTree: safe(() => execSync('git status --porcelain --untracked-files=no', { cwd: ROOT, encoding: 'utf8' }).trim().length > 0, null),
	};
}

function safe(fn, fallback) {
	try {
		return fn();
	} catch {
		return fallback;
	}
}

function scriptFor(name) {
	for (const ext of ['.sh', '.ts', '.js']) {
		const file = path.join(BENCH_DIR, name + ext);
		if (existsSync(file)) return file;
	}
	return undefined;
}

function run(bench, file) {
	return new Promise((resolve) => {
		const nodeArgs = [...(bench.nodeArgs ?? []), '-r', 'ts-node/register/transpile-only', file, ...(bench.extraArgs ?? [])];
		const started = Date.now();
		// A shell script brings up what its benchmark needs (a real n8n) and runs the .ts beside it.
		const [command, commandArgs] = file.endsWith('.sh') ? ['bash', [file, ...(bench.extraArgs ?? [])]] : [process.execPath, nodeArgs];
		const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: file.endsWith('.sh') });
		let stdout = '';
		let stderrTail = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => {
			process.stderr.write(chunk);
			stderrTail = (stderrTail + chunk).slice(-4000);
		});
		const timer = setTimeout(() => {
			stderrTail += `\n(killed after ${bench.timeoutS} s)`;
			// The shell script's own group: n8n and the emulator it started go with it.
			if (file.endsWith('.sh')) safe(() => process.kill(-child.pid, 'SIGTERM'));
			child.kill('SIGKILL');
		}, bench.timeoutS * 1000);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const durationS = Math.round((Date.now() - started) / 100) / 10;
			const result = parseResult(stdout);
			if (code === 0 && result) resolve({ status: 'ok', durationS, result });
			else resolve({ status: 'failed', durationS, exit: code ?? signal, result, error: stderrTail.trim().split('\n').slice(-12).join('\n') || stdout.slice(-2000) });
		});
	});
}

/** The last JSON value on stdout: a whole-output document (pretty-printed) or the last JSON line. */
function parseResult(stdout) {
	const text = stdout.trim();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		// fall through
	}
	const lines = text.split('\n');
	for (let i = lines.length - 1; i >= 0; i--) {
		const line = lines[i].trim();
		if (!line.startsWith('{') && !line.startsWith('[')) continue;
		try {
			return JSON.parse(line);
		} catch {
			// A pretty-printed block: try from this line to the end.
			try {
				return JSON.parse(lines.slice(i).join('\n'));
			} catch {
				// keep looking
			}
		}
	}
	return undefined;
}

/** Rows for the table: the script's own rows (plus goal rows the issue sets), or known/other JSON flattened. */
function rowsOf(name, result) {
	if (name === 'files-memory' && result?.upload && result?.download) {
		const goal = result.goalMiB ?? 64;
		return ['upload', 'download'].flatMap((op) => {
			const m = result[op];
			return [
				{ metric: `${result.fileMiB} MiB ${op}: peak RSS above the RSS before the upload`, value: m.peakRssAboveUploadStartMiB, unit: 'MiB', goal: `≤ ${goal} MiB`, pass: m.peakRssAboveUploadStartMiB <= goal },
				{ metric: `${result.fileMiB} MiB ${op}: peak RSS growth during the ${op}`, value: m.peakRssGrowthMiB, unit: 'MiB', note: `${m.seconds} s, ${m.mibPerSecond} MiB/s` },
			];
		}).concat(result.roundTripIdentical === undefined ? [] : [{ metric: 'downloaded file identical to the uploaded one', value: result.roundTripIdentical ? 'yes' : 'NO', pass: result.roundTripIdentical }]);
	}
	if (name === 'batch-results-memory' && Array.isArray(result?.rows) && result.details?.memory) {
		const m = result.details.memory;
		const bound = Math.round((m.outputItemsJsonMiB + 64) * 10) / 10;
		return [
			...result.rows,
			{ metric: `peak RSS growth vs output items' size + 64 MiB`, value: m.peakRssGrowthMiB, unit: 'MiB', goal: `≤ ${bound} MiB`, pass: m.peakRssGrowthMiB <= bound },
		];
	}
	if (result && Array.isArray(result.rows)) return result.rows;
	if (name === 'signing' && Array.isArray(result?.results)) {
		return result.results.map((r) => ({
			metric: `${r.sha256}, ${r.bodyBytes.toLocaleString('en-US')} B body: CPU per signature`,
			value: r.cpuMicrosPerRequest,
			unit: 'µs',
		}));
	}
	const rows = [];
	const walk = (value, at) => {
		if (rows.length >= 40) return;
		if (value !== null && typeof value === 'object') {
			for (const [key, inner] of Object.entries(value)) walk(inner, at ? `${at}.${key}` : key);
		} else rows.push({ metric: at, value: typeof value === 'number' ? Math.round(value * 1000) / 1000 : String(value) });
	};
	walk(result, '');
	return rows;
}

function formatValue(row) {
	const value = typeof row.value === 'number' ? row.value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(row.value);
	if (!row.unit) return value;
	return row.unit === '×' ? `${value}×` : `${value} ${row.unit}`;
}

function table(sections) {
	const lines = [];
	const widths = [0, 0, 0];
	const all = sections.flatMap((s) => s.rows);
	for (const row of all) {
		widths[0] = Math.max(widths[0], row.metric.length);
		widths[1] = Math.max(widths[1], formatValue(row).length);
		widths[2] = Math.max(widths[2], (row.goal ?? '').length);
	}
	widths[0] = Math.min(widths[0], 80);
	for (const section of sections) {
		lines.push('', `## ${section.title}${section.durationS !== undefined ? `  (${section.durationS} s)` : ''}`);
		if (section.message) lines.push(`   ${section.message}`);
		for (const row of section.rows) {
			const mark = row.pass === undefined ? ' ' : row.pass ? '✓' : '✗';
			const cells = [row.metric.padEnd(widths[0]), formatValue(row).padStart(widths[1]), (row.goal ?? '').padEnd(widths[2])];
			lines.push(`${mark}  ${cells.join('  ')}${row.note ? `  ${row.note}` : ''}`.trimEnd());
		}
		for (const note of section.notes ?? []) lines.push(`   note: ${note}`);
	}
	return lines.join('\n');
}

function markdown(sections, info) {
	const escape = (text) => String(text).replace(/\|/g, '\\|');
	const lines = [
		`Machine: ${info.cpuModel}, ${info.nproc} CPUs (nproc), memory ${info.memory} (free -h), ${info.os}, Node ${info.node}; load average ${info.loadAverageAtStart.join(' / ')} at start. Commit ${info.commit}${info.dirtyWorkTree ? ' + uncommitted changes' : ''}, ${new Date().toISOString().slice(0, 10)}.`,
	];
	for (const section of sections) {
		lines.push('', `### ${section.title}`, '');
		if (section.message) lines.push(`${section.message}`, '');
		if (section.rows.length) {
			lines.push('| | Measure | Value | Goal | Note |', '|---|---|---:|---|---|');
			for (const row of section.rows) {
				const mark = row.pass === undefined ? '' : row.pass ? '✓' : '✗';
				lines.push(`| ${mark} | ${escape(row.metric)} | ${escape(formatValue(row))} | ${escape(row.goal ?? '')} | ${escape(row.note ?? '')} |`);
			}
		}
		for (const note of section.notes ?? []) lines.push('', `- ${note}`);
	}
	return `${lines.join('\n')}\n`;
}

function sectionsOf(outcomes) {
	return outcomes.map((o) => {
		if (o.status === 'not available') return { title: o.title, rows: [], message: `not available: scripts/bench/${o.name}.ts does not exist yet` };
		const rows = o.result ? rowsOf(o.name, o.result) : [];
		const message = o.status === 'failed' ? `FAILED (exit ${o.exit}): ${o.error.split('\n').slice(-3).join(' | ')}` : undefined;
		return { title: o.result?.bench && o.result.bench !== o.name ? o.result.bench : o.title, durationS: o.durationS, rows, notes: o.result?.notes, message };
	});
}

/**
 * --only ... --merge: the benchmarks that ran replace their own entries in bench/results.json and .md (the
 * others keep the figures of their last run); each entry says when and on which commit it ran.
 */
function mergeIntoFullResults(outcomes, info) {
	const file = path.join(ROOT, 'bench', 'results.json');
	const document = safe(() => JSON.parse(readFileSync(file, 'utf8')), { benches: [] });
	const stamp = { ranAt: new Date().toISOString(), machine: info, commit: info.commit, dirtyWorkTree: info.dirtyWorkTree, loadAverageAtStart: info.loadAverageAtStart };
	for (const outcome of outcomes) {
		const entry = { ...outcome, ...stamp };
		const index = document.benches.findIndex((b) => b.name === outcome.name);
		if (index >= 0) document.benches[index] = entry;
		else document.benches.push(entry);
	}
	document.mergedAt = stamp.ranAt;
	const sections = sectionsOf(document.benches);
	document.goalsMissed = sections.flatMap((s) => s.rows.filter((r) => r.pass === false).map((r) => `${s.title}: ${r.metric}`));
	writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
	writeFileSync(path.join(ROOT, 'bench', 'results.md'), markdown(sections, document.machine ? { ...document.machine, commit: `${document.machine.commit} (${outcomes.map((o) => o.name).join(', ')}: commit ${info.commit}, ${stamp.ranAt.slice(0, 10)}, on ${info.cpuModel}, ${info.nproc} CPUs, load ${info.loadAverageAtStart.join(' / ')})` } : info));
	console.log(`Merged ${outcomes.map((o) => o.name).join(', ')} into bench/results.json and bench/results.md`);
}

async function main() {
	const info = machine();
	console.log(`n8n-nodes-claude-aws benchmarks — ${info.cpuModel}, ${info.nproc} CPUs, memory ${info.memory}, Node ${info.node}, load ${info.loadAverageAtStart.join(' ')}, commit ${info.commit}${info.dirtyWorkTree ? ' (+ uncommitted changes)' : ''}`);
	const selected = BENCHES.filter((b) => (b.onRequest ? only?.includes(b.name) : !only || only.some((o) => b.name.includes(o))));

	let build;
	if (!noBuild && selected.some((b) => b.needsBuild)) {
		process.stderr.write('building dist/ (npm run build) for the package load benchmark...\n');
		try {
			execSync('npm run build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
			build = 'ok';
		} catch (error) {
			build = `failed, dist/ as it was: ${String(error.stderr ?? error.message).trim().split('\n').slice(-3).join(' ')}`;
			process.stderr.write(`build ${build}\n`);
		}
	}

	const outcomes = [];
	for (const bench of selected) {
		const file = scriptFor(bench.name);
		if (!file) {
			outcomes.push({ name: bench.name, title: bench.title, status: 'not available' });
			process.stderr.write(`${bench.name}: not available (no scripts/bench/${bench.name}.ts yet)\n`);
			continue;
		}
		process.stderr.write(`${bench.name}: running ${path.relative(ROOT, file)}...\n`);
		outcomes.push({ name: bench.name, title: bench.title, script: path.relative(ROOT, file), ...(await run(bench, file)) });
	}

	const sections = sectionsOf(outcomes);
	console.log(table(sections));
	const missed = sections.flatMap((s) => s.rows.filter((r) => r.pass === false).map((r) => `${s.title}: ${r.metric}`));
	const failed = outcomes.filter((o) => o.status === 'failed').map((o) => o.name);
	const unavailable = outcomes.filter((o) => o.status === 'not available').map((o) => o.name);
	console.log('');
	console.log(`Goals missed: ${missed.length ? missed.join('; ') : 'none'}`);
	if (failed.length) console.log(`Benchmarks that failed to run: ${failed.join(', ')}`);
	if (unavailable.length) console.log(`Not available: ${unavailable.join(', ')}`);

	mkdirSync(path.dirname(RESULTS), { recursive: true });
	const document = { generatedAt: new Date().toISOString(), machine: { ...info, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) }, build, options: { full, only }, goalsMissed: missed, benches: outcomes };
	writeFileSync(RESULTS, `${JSON.stringify(document, null, 2)}\n`);
	writeFileSync(RESULTS_MD, markdown(sections, info));
	console.log(`Written: ${path.relative(ROOT, RESULTS)}, ${path.relative(ROOT, RESULTS_MD)}`);
	if (merge && only) mergeIntoFullResults(outcomes.filter((o) => o.status === 'ok'), info);
	process.exitCode = failed.length ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

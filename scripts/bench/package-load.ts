/**
 * Package load cost: in fresh Node processes, the time to require the built credential and every node
 * of the package (as n8n does on start: require, then instantiate), next to requiring n8n-workflow alone.
 * Also checks that the AWS credential providers are not loaded by it. Needs `npm run build` first.
 * Run: node -r ts-node/register/transpile-only scripts/bench/package-load.ts [--runs 9]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { numberArg } from './lib/args';
import { emit, median, progress, round } from './lib/report';

const ROOT = path.resolve(__dirname, '..', '..');

interface Sample {
	workflowMs: number;
	packageMs: number;
	workflowCpuMs: number;
	packageCpuMs: number;
	perFileMs: Record<string, number>;
	providersInRequireCache: boolean;
	credentialProvidersLoaded: boolean | null;
	packagesLoaded: Record<string, number>;
}

// Runs in the fresh process (plain node, compiled JavaScript only).
const PROBE = `
const files = JSON.parse(process.argv[1]);
const onlyWorkflow = process.argv[2] === 'baseline';
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const cpuMs = (c) => { const u = process.cpuUsage(c); return (u.user + u.system) / 1000; };
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
require('n8n-workflow');
const workflowMs = ms(t0);
const workflowCpuMs = cpuMs(c0);
const perFileMs = {};
if (!onlyWorkflow) {
	for (const file of files) {
		const c = process.cpuUsage();
		const exported = require(file);
		for (const value of Object.values(exported)) if (typeof value === 'function' && value.prototype) new value();
		perFileMs[file] = cpuMs(c);
	}
}
const packageMs = ms(t0) - workflowMs;
const packageCpuMs = cpuMs(c0) - workflowCpuMs;
const loaded = Object.keys(require.cache);
const packagesLoaded = {};
for (const file of loaded) {
	const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\/(?!.*node_modules)/.exec(file);
	const name = m ? m[1] : '(package files)';
	packagesLoaded[name] = (packagesLoaded[name] || 0) + 1;
}
let credentialProvidersLoaded = null;
try { credentialProvidersLoaded = require('./dist/nodes/transport/identity.js').credentialProvidersLoaded(); } catch {}
process.stdout.write(JSON.stringify({
	workflowMs, packageMs, workflowCpuMs, packageCpuMs, perFileMs,
	providersInRequireCache: loaded.some((f) => f.includes('@aws-sdk/credential-providers')),
	credentialProvidersLoaded, packagesLoaded,
}));
`;

function probe(files: string[], mode: 'baseline' | 'package'): Sample {
	const out = execFileSync(process.execPath, ['-e', PROBE, JSON.stringify(files), mode], { cwd: ROOT, encoding: 'utf8' });
	return JSON.parse(out) as Sample;
}

(() => {
	const runs = numberArg('runs', 9);
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const declared: string[] = [...pkg.n8n.credentials, ...pkg.n8n.nodes];
	const files = declared.filter((file) => existsSync(path.join(ROOT, file))).map((file) => `./${file}`);
	const missing = declared.filter((file) => !existsSync(path.join(ROOT, file)));

	// One of each first, so the disk cache is warm for both.
	probe(files, 'baseline');
	probe(files, 'package');
	const baseline: Sample[] = [];
	const full: Sample[] = [];
	for (let i = 0; i < runs; i++) {
		baseline.push(probe(files, 'baseline'));
		full.push(probe(files, 'package'));
	}
	progress(`package load: ${runs} fresh processes each`);

	const workflowAlone = median(baseline.map((s) => s.workflowMs));
	const workflowAloneCpu = median(baseline.map((s) => s.workflowCpuMs));
	const added = median(full.map((s) => s.packageMs));
	const addedCpu = median(full.map((s) => s.packageCpuMs));
	const perFile = Object.fromEntries(files.map((f) => [f.replace('./dist/', ''), round(median(full.map((s) => s.perFileMs[f])), 1)]));
	const last = full[full.length - 1];
	const notLoaded = full.every((s) => !s.providersInRequireCache && s.credentialProvidersLoaded !== true);
	const ownPackages = Object.fromEntries(
		Object.entries(last.packagesLoaded).filter(([name]) => !(name in baseline[baseline.length - 1].packagesLoaded) || name === '(package files)'),
	);

	emit({
		bench: 'Package load cost (fresh Node process)',
		rows: [
			{ metric: 'require n8n-workflow alone: CPU', value: round(workflowAloneCpu, 1), unit: 'ms', note: `wall ${round(workflowAlone, 1)} ms` },
			{
				metric: `added by the credential + ${files.length - 1} nodes (require + new): CPU`,
				value: round(addedCpu, 1),
				unit: 'ms',
				goal: '≤ 50 ms',
				pass: addedCpu <= 50,
				note: `wall ${round(added, 1)} ms`,
			},
			{ metric: '@aws-sdk/credential-providers loaded', value: notLoaded ? 'no' : 'YES', goal: 'no', pass: notLoaded },
		],
		details: { runs, files, missing, perFileMs: perFile, modulesLoadedBeyondN8nWorkflow: ownPackages, node: process.version },
		notes: [
			'Medians of fresh processes. The goal is judged on CPU time: on a busy machine wall time also counts waiting for a CPU.',
			'Per file (details.perFileMs, CPU): in load order, so shared modules count against the first file that needs them.',
			...(missing.length ? [`Not built, so not measured: ${missing.join(', ')}`] : []),
		],
	});
})();

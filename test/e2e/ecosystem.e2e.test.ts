/**
 * n8n's ecosystem checks on what we ship: the community-node lint rules (eslint-plugin-n8n-nodes-base via
 * eslint.config.js) and @n8n/scan-community-package's analysis on the source and on the packed tarball.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const REPO = join(__dirname, '..', '..');
/** Jest sets NODE_ENV=test, which makes eslint-plugin-n8n-nodes-base believe it is running its own tests. */
const CHILD_ENV = { ...process.env, NODE_ENV: 'production' };

test("n8n's community-node lint rules pass on nodes, credentials and package.json", () => {
	// ESLint runs in its own process: it loads eslint.config.js with a dynamic import jest's VM does not allow.
	const run = spawnSync(process.execPath, [join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'nodes', 'credentials', 'package.json'], {
		cwd: REPO,
		env: CHILD_ENV,
		encoding: 'utf8',
		timeout: 120000,
		maxBuffer: 64 * 1024 * 1024,
	});
	if (!run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
	const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ severity: number; line: number; ruleId: string; message: string }> }>;
	const errors = results.flatMap((result) =>
		result.messages
			.filter((message) => message.severity === 2)
			.map((message) => `${relative(REPO, result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`),
	);
	expect(results.length).toBeGreaterThan(10);
	expect(errors).toEqual([]);
});

describe('@n8n/scan-community-package (its analysis, run offline: the CLI needs the package on the registry)', () => {
	let scan: { source: ScanResult; tarball: ScanResult };

	beforeAll(() => {
		const scannerDir = process.env.E2E_SCANNER_DIR;
		const tarball = process.env.E2E_TARBALL;
		if (!scannerDir || !tarball) throw new Error('E2E_SCANNER_DIR / E2E_TARBALL not set: run through test/e2e/run.sh');
		const unpacked = mkdtempSync(join(tmpdir(), 'claude-aws-scan-'));
		try {
			const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
			if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
			const run = spawnSync(process.execPath, [join(__dirname, 'scan.mjs'), scannerDir, REPO, unpacked], { env: CHILD_ENV, encoding: 'utf8', timeout: 120000 });
			if (run.status !== 0) throw new Error(`scanner failed: ${run.stderr}`);
			scan = JSON.parse(run.stdout);
		} finally {
			rmSync(unpacked, { recursive: true, force: true });
		}
	});

	test('the source (nodes, credentials, package.json): only the documented exceptions remain', () => {
		expectOnlyDocumentedExceptions(scan.source);
	});

	test('the packed tarball (compiled JS, published package.json): only the documented exceptions remain', () => {
		expectOnlyDocumentedExceptions(scan.tarball);
	});
});

/**
 * The scanner checks n8n Cloud's *verified* package rules. This package is built for self-hosted n8n and
 * departs from four of them on purpose; every finding must fall under one of these reasons, anything
 * else fails the test. Counts are printed so the closing note can report them.
 */
const DOCUMENTED_EXCEPTIONS: Array<{ rule: string; path: RegExp; reason: string }> = [
	{
		rule: 'no-runtime-dependencies',
		path: /package\.json$/,
		reason: 'SigV4 needs @smithy/signature-v4 (+ @smithy/hash-node) and the host/assume-role modes need @aws-sdk/credential-providers (README: Dependencies)',
	},
	{
		rule: 'no-restricted-imports',
		path: /nodes\/(transport|api|shared|ClaudeAwsFiles|ClaudeAwsSessions)\//,
		reason:
			'streaming uploads/downloads (Files, skills, container uploads), SSE and JSONL need node:http/https/stream/string_decoder; signing needs the Smithy signer (loaded lazily); the wire layers (transport, api) are n8n-free by design',
	},
	{
		rule: 'no-restricted-globals',
		path: /nodes\/(transport\/|ClaudeAwsBatches\/helpers\/(waitUntilEnded|planBatches)\.|ClaudeAwsSessions\/helpers\/turn\.)/,
		reason: 'the shared back-off, pacing, wait limits and event-loop breathing need cancellable timers; the transport does not depend on n8n-workflow',
	},
	{
		rule: 'no-restricted-globals',
		path: /nodes\/(shared\/(connectionConfig|hostCredentialPolicy)|api\/batchLimits)\./,
		reason: "reads n8n's own N8N_AWS_SYSTEM_CREDENTIALS_* opt-in variables (and test-only batch split limits)",
	},
	{
		rule: 'require-node-api-error',
		path: /nodes\/(transport|api|shared|ClaudeAws\w*)\//,
		reason: "the transport's and API layer's error classes keep status, type, request id and hint; every one is turned into NodeApiError/NodeOperationError for its item in one place (nodes/shared/errors.ts)",
	},
];

function expectOnlyDocumentedExceptions(result: ScanResult): void {
	const findings: Array<{ file: string; rule: string }> = [];
	let file = '';
	for (const line of (result.details ?? '').split('\n')) {
		if (line.startsWith('/')) file = line.trim();
		const match = /\s(error|warning)\s.*\s@n8n\/community-nodes\/([\w-]+)\s*$/.exec(line);
		if (match) findings.push({ file, rule: match[2] });
	}
	if (!result.passed) expect(findings.length).toBeGreaterThan(0);
	const undocumented = findings.filter((f) => !DOCUMENTED_EXCEPTIONS.some((e) => e.rule === f.rule && e.path.test(f.file)));
	const byRule: Record<string, number> = {};
	for (const f of findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
	console.info(`[scan] ${findings.length} findings, all documented exceptions: ${JSON.stringify(byRule)}`);
	expect(undocumented.map((f) => `${f.file}: ${f.rule}`)).toEqual([]);
}

interface ScanResult {
	passed: boolean;
	message: string | null;
	details: string | null;
}

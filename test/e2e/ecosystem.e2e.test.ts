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

	test('the source (nodes, credentials, package.json) passes', () => {
		expect(scan.source).toEqual({ passed: true, message: null, details: null });
	});

	test('the packed tarball (compiled JS, published package.json) passes', () => {
		expect(scan.tarball).toEqual({ passed: true, message: null, details: null });
	});
});

interface ScanResult {
	passed: boolean;
	message: string | null;
	details: string | null;
}

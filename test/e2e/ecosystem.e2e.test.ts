/**
 * n8n's ecosystem checks on what we ship: the community-node lint rules (eslint-plugin-n8n-nodes-base via
 * eslint.config.js) and @n8n/scan-community-package's analysis on the source and on the packed tarball.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';

const REPO = join(__dirname, '..', '..');

test("n8n's community-node lint rules pass on nodes, credentials and package.json", async () => {
	const eslint = new ESLint({ cwd: REPO });
	const results = await eslint.lintFiles(['nodes', 'credentials', 'package.json']);
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
			const run = spawnSync(process.execPath, [join(__dirname, 'scan.mjs'), scannerDir, REPO, unpacked], { encoding: 'utf8', timeout: 120000 });
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

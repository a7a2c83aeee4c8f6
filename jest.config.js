/**
 * Three jest projects, all on the machine's Node (`npx jest` runs them all; `--selectProjects NAME` one):
 * - unit: no network (a guard makes any socket fail the test);
 * - integration: tests that start the local gateway emulator (or another server) and talk to it over real HTTP;
 * - reliability: test/reliability/** (fault matrix, bad inputs, leak scan), emulator included.
 * Which file is `integration` is read from the code, not from a list: a test file is one when it, or a
 * file it imports (relative imports, followed), starts a server. So a new test lands in the right project
 * by itself, and tests stay where they are.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false }];
const STARTS_SERVER = /\b(?:startEmulator|createServer)\s*\(|\.listen\s*\(/;
// Value imports only: `import type` never loads the module.
const RELATIVE_IMPORT =
	/(?:^|\n)\s*(?:import|export)(?!\s+type\b)[^'";]*?from\s*['"](\.[^'"]+)['"]|\bimport\s*['"](\.[^'"]+)['"]|\b(?:require|import)\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolveImport(from, spec) {
	const base = path.resolve(path.dirname(from), spec);
	return [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')].find(
		(candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
	);
}

const reachesServer = new Map();
function startsServer(file, visiting = new Set()) {
	if (reachesServer.has(file)) return reachesServer.get(file);
	if (visiting.has(file)) return false;
	visiting.add(file);
	const source = fs.readFileSync(file, 'utf8');
	let found = STARTS_SERVER.test(source);
	for (const match of found ? [] : source.matchAll(RELATIVE_IMPORT)) {
		const target = resolveImport(file, match[1] || match[2] || match[3]);
		if (target && !target.includes(`${path.sep}node_modules${path.sep}`) && startsServer(target, visiting)) {
			found = true;
			break;
		}
	}
	reachesServer.set(file, found);
	return found;
}

function testFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return ['e2e', 'browser', 'node_modules'].includes(entry.name) && dir === path.join(ROOT, 'test') ? [] : testFiles(full);
		return entry.name.endsWith('.test.ts') ? [full] : [];
	});
}

const RELIABILITY = path.join(ROOT, 'test', 'reliability') + path.sep;
const all = testFiles(path.join(ROOT, 'test'));
const reliability = all.filter((file) => file.startsWith(RELIABILITY));
const integration = all.filter((file) => !file.startsWith(RELIABILITY) && startsServer(file));
const unit = all.filter((file) => !reliability.includes(file) && !integration.includes(file));

const project = (displayName, files, setup = []) => ({
	displayName,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	// Exact paths as globs; a project without files must match nothing rather than everything.
	testMatch: files.length ? files.map((file) => file.split(path.sep).join('/')) : ['<rootDir>/test/__none__'],
	setupFilesAfterEnv: [...setup, '<rootDir>/test/setup/leakScan.ts'],
});

module.exports = {
	projects: [
		project('unit', unit, ['<rootDir>/test/setup/noNetwork.ts']),
		project('integration', integration),
		project('reliability', reliability),
	],
	testTimeout: 30000,
};

/** What `npm pack` ships is exactly what a user needs: the built package, README, LICENSE, package.json. Needs `npm run build` first. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..');
const pkg = require('../package.json') as { main?: string; n8n: { nodes: string[]; credentials: string[] } };
/** npm always packs package.json, README, LICENSE and the `main` file. */
const TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', ...(pkg.main ? [pkg.main.replace(/^\.\//, '')] : [])];

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
	return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path).sort();
}

describe('npm pack contents', () => {
	let files: string[];
	beforeAll(() => {
		files = packedFiles();
	}, 60000);

	test('only dist/, README.md, LICENSE, package.json and its main file', () => {
		const unexpected = files.filter((file) => !TOP_LEVEL.includes(file) && !file.startsWith('dist/'));
		expect(unexpected).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
	});

	test('no sources, tests, source maps or type declarations inside dist/', () => {
		const dev = files.filter((file) => /\.(ts|map|tsbuildinfo)$/.test(file) || /(^|\/)(test|tests|__tests__)\//.test(file) || /\.test\.js$/.test(file));
		expect(dev).toEqual([]);
	});

	test("every node and credential file package.json's n8n block lists is in the package (n8n drops the whole package otherwise)", () => {
		const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(listed.filter((file) => !files.includes(file))).toEqual([]);
	});

	test('every node ships its codex file and the icons it points at', () => {
		const missing: string[] = [];
		for (const node of pkg.n8n.nodes) {
			const codex = node.replace(/\.js$/, '.json');
			if (!files.includes(codex)) missing.push(codex);
		}
		for (const icon of ['dist/icons/claude-aws.svg', 'dist/icons/claude-aws.dark.svg']) if (!files.includes(icon)) missing.push(icon);
		expect(missing).toEqual([]);
	});
});

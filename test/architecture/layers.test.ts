/**
 * The layer rule (transport <- api <- shared <- node folders; no node folder imports another) is an
 * ESLint rule, so `npm run lint` fails on a violation; these tests prove the rule bites, that the tree
 * keeps it, and that the SDK the API layer takes its wire types from is never needed at run time.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

type LintResult = { filePath: string; messages: Array<{ ruleId: string | null; line: number; message: string }> };

/** ESLint in a child process: its flat config is loaded with a dynamic import that jest's VM refuses. */
function lint(args: string[]): LintResult[] {
	try {
		return JSON.parse(execFileSync(process.execPath, [eslintBin, '--format', 'json', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
	} catch (error) {
		// Exit code 1 means "problems found": the report is still on stdout.
		const stdout = (error as { stdout?: string }).stdout;
		if (stdout) return JSON.parse(stdout);
		throw error;
	}
}

// The project's own flat config, applied in-process to code that is never written to the tree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Linter } = require('eslint');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(root, 'eslint.config.js'));
const linter = new Linter({ configType: 'flat', cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
	const messages: Array<{ ruleId: string | null; message: string }> = linter.verify(code, config, join(root, filePath));
	return messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

describe('layers', () => {
	it.each([
		['nodes/transport/x.ts', "import { route } from '../api/path';"],
		['nodes/transport/x.ts', "import type { INode } from 'n8n-workflow';"],
		['nodes/api/x.ts', "import { parameterError } from '../shared/errors';"],
		['nodes/api/messages/x.ts', "import { parameterError } from '../../shared/errors';"],
		['nodes/api/x.ts', "import { NodeOperationError } from 'n8n-workflow';"],
		['nodes/shared/x.ts', "import { readFileId } from '../ClaudeAwsFiles/helpers/fileId';"],
		['nodes/LmChatClaudeAws/model/x.ts', "import { runToolLoop } from '../../ClaudeAws/actions/message/toolLoop';"],
		['nodes/ClaudeAwsBatchTrigger/x.ts', "import { readBatchId } from '../ClaudeAwsBatches/helpers/batchLocator';"],
	])('%s may not say %s', async (file, code) => {
		expect(await restricted(file, code)).toHaveLength(1);
	});

	it.each([
		['nodes/api/x.ts', "import type { ClaudeAwsClient } from '../transport/client';"],
		['nodes/shared/x.ts', "import { files } from '../api/files';"],
		['nodes/ClaudeAwsFiles/actions/file/x.ts', "import { readFileId } from '../../helpers/fileId';"],
		['nodes/ClaudeAwsBatches/x.ts', "import { createRouter } from '../shared/router';"],
	])('%s may say %s', async (file, code) => {
		expect(await restricted(file, code)).toEqual([]);
	});

	it('no file of the package breaks the rule', async () => {
		const results = lint(['nodes']);
		const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${relative(root, r.filePath)}:${m.line} ${m.message}`));
		expect(broken).toEqual([]);
	});

	it('no file in nodes/ is over 250 lines', () => {
		const long = tsFiles(join(root, 'nodes'))
			.map((file) => ({ file: relative(root, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
			.filter(({ lines }) => lines > 250);
		expect(long).toEqual([]);
	});

	it('the API layer takes SDK wire types with `import type` only', () => {
		const offenders = tsFiles(join(root, 'nodes'))
			.filter((file) => /^import (?!type )[^;]*from '@anthropic-ai\//m.test(readFileSync(file, 'utf8')))
			.map((file) => relative(root, file));
		expect(offenders).toEqual([]);
	});

	it('every node loads without @anthropic-ai/sdk installed (type imports are erased)', () => {
		// Resolution of the SDK fails in the child; every node and the credential must still load.
		const script = `
			require('ts-node/register/transpile-only');
			const Module = require('module');
			const resolve = Module._resolveFilename;
			Module._resolveFilename = function (request, ...rest) {
				if (/^@anthropic-ai\\//.test(request)) throw new Error('SDK required at run time: ' + request);
				return resolve.call(this, request, ...rest);
			};
			const pkg = require('./package.json');
			for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) require('./' + file.slice('dist/'.length, -'.js'.length) + '.ts');
			process.stdout.write('ok');
		`;
		expect(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })).toBe('ok');
	});
});

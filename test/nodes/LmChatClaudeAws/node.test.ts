/** The node as n8n lists and loads it: an AiLanguageModel sub-node under Language Models, cheap to load. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { NodeConnectionTypes, NodeHelpers, type IDataObject, type INodeProperties } from 'n8n-workflow';
import { LmChatClaudeAws } from '../../../nodes/LmChatClaudeAws/LmChatClaudeAws.node';
import codex from '../../../nodes/LmChatClaudeAws/LmChatClaudeAws.node.json';
import packageJson from '../../../package.json';

const root = path.resolve(__dirname, '../../..');

describe('LmChatClaudeAws description', () => {
	const { description } = new LmChatClaudeAws();

	it('is a chat model sub-node on the shared credential', () => {
		expect(description.name).toBe('lmChatClaudeAws');
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual([NodeConnectionTypes.AiLanguageModel]);
		expect(description.credentials).toEqual([{ name: 'claudePlatformAwsApi', required: true }]);
		expect(packageJson.n8n.nodes).toContain('dist/nodes/LmChatClaudeAws/LmChatClaudeAws.node.js');
	});

	it('is listed where n8n lists its own chat models', () => {
		for (const source of [description.codex, codex]) {
			expect(source?.categories).toEqual(['AI']);
			expect(source?.subcategories).toEqual({ AI: ['Language Models', 'Root Nodes'], 'Language Models': ['Chat Models (Recommended)'] });
		}
		expect(codex.node).toBe('n8n-nodes-claude-aws.lmChatClaudeAws');
	});

	it('offers the model list from /v1/models with a current Sonnet as default, and the options', () => {
		const model = description.properties.find((p) => p.name === 'model');
		expect(model).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: 'claude-sonnet-5-5' } });
		expect(model?.modes?.[0]).toMatchObject({ typeOptions: { searchListMethod: 'searchModels' } });
		expect(Object.keys(new LmChatClaudeAws().methods.listSearch)).toEqual(['searchModels']);
		const options = description.properties.find((p) => p.name === 'options')?.options?.map((o) => (o as { name: string }).name);
		expect(options?.sort()).toEqual(['effort', 'inferenceGeo', 'maxRetries', 'maxTokens', 'promptCaching', 'speed', 'temperature', 'thinking', 'thinkingBudget', 'timeoutSeconds', 'topP']);
	});

	it('keeps Temperature and Top P only for saved workflows: marked ignored, never offered to add (17.17)', () => {
		const entries = (description.properties.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[];
		for (const name of ['temperature', 'topP']) {
			const entry = entries.find((o) => o.name === name)!;
			expect(entry.displayName).toMatch(/\(Ignored\)$/);
			expect(entry.description).toMatch(/^Ignored and not sent/);
			const shown = (options: IDataObject) => NodeHelpers.displayParameterPath({ parameters: { options } } as never, entry, 'parameters.options', null, null);
			expect(shown({})).toBe(false);
			expect(shown({ [name]: 0 })).toBe(true);
		}
	});

	it('declares @n8n/ai-node-sdk as an optional peer dependency, not a dependency', () => {
		expect(packageJson.peerDependencies).toMatchObject({ '@n8n/ai-node-sdk': '*' });
		expect(packageJson.peerDependenciesMeta).toEqual({ '@n8n/ai-node-sdk': { optional: true } });
		expect(Object.keys(packageJson.dependencies)).not.toContain('@n8n/ai-node-sdk');
	});
});

describe('loading', () => {
	it('does not load @n8n/ai-node-sdk (or LangChain) until the model is supplied', () => {
		const script = `
			require('./nodes/LmChatClaudeAws/LmChatClaudeAws.node.ts');
			const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/](@n8n[\\\\/]ai-|@langchain)/.test(k));
			process.stdout.write(JSON.stringify(loaded.length));
		`;
		const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: root, encoding: 'utf8' });
		expect(JSON.parse(out)).toBe(0);
	});
});

/**
 * n8n's lint rules for community nodes (eslint-plugin-n8n-nodes-base), as a flat config: `nodes` for node
 * files, `credentials` for credential files, `community` for package.json. The rules turned off are exactly
 * the ones n8n itself turns off for community packages in `n8n-node lint` (@n8n/node-cli) and in
 * @n8n/scan-community-package, each with n8n's reason.
 */
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const tsParser = require('@typescript-eslint/parser');

const fs = require('node:fs');
const path = require('node:path');

const plugins = { 'n8n-nodes-base': n8nNodesBase };

/**
 * The layers, imported in one direction only: transport <- api <- shared <- node folders, and no node
 * folder imports another. Checked on the import strings, so `npm run lint` (and CI) fails on a
 * violation. docs/ARCHITECTURE.md explains the rule.
 */
const NODE_FOLDERS = fs
	.readdirSync(path.join(__dirname, 'nodes'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && !['transport', 'api', 'shared'].includes(entry.name))
	.map((entry) => entry.name);
const n8nPackages = { regex: '^(n8n-workflow|n8n-core|@n8n/)', message: 'This layer knows nothing of n8n: n8n glue lives in nodes/shared or a node folder.' };
const up = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });
const layerRule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const layers = [
	{
		files: ['nodes/transport/**/*.ts'],
		rules: layerRule([n8nPackages, up(['api', 'shared', ...NODE_FOLDERS], 'nodes/transport is the bottom layer: it imports nothing of the package above it.')]),
	},
	{
		files: ['nodes/api/**/*.ts'],
		rules: layerRule([n8nPackages, up(['shared', ...NODE_FOLDERS], 'nodes/api imports only nodes/transport (and SDK types).')]),
	},
	{
		files: ['nodes/shared/**/*.ts'],
		rules: layerRule([up(NODE_FOLDERS, 'nodes/shared is below every node folder: move what both need into nodes/shared or nodes/api.')]),
	},
	...NODE_FOLDERS.map((folder) => ({
		files: [`nodes/${folder}/**/*.ts`],
		rules: layerRule([
			up(
				NODE_FOLDERS.filter((other) => other !== folder),
				'A node folder imports nothing from another node folder: move what both need into nodes/shared or nodes/api.',
			),
		]),
	})),
];
const languageOptions = { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' };

module.exports = [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'bench/**', 'scripts/**', 'coverage/**'] },
	{
		files: ['package.json'],
		plugins,
		// The TypeScript parser reads a .json file as one object expression, which the community rules walk.
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins,
		languageOptions,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// n8n: "Not valid for community nodes" (the rule wants an n8n docs slug; ours is a full URL to this package's docs).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins,
		languageOptions,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// n8n: "Inputs and outputs can be enum instead of string 'main'" (NodeConnectionTypes.Main).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// n8n: "Sometimes the 3rd party API does have a maximum limit, so maxValue is valid".
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	...layers.map((layer) => ({ ...layer, languageOptions })),
];

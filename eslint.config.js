/**
 * n8n's lint rules for community nodes (eslint-plugin-n8n-nodes-base), as a flat config: `nodes` for node
 * files, `credentials` for credential files, `community` for package.json. The rules turned off are exactly
 * the ones n8n itself turns off for community packages in `n8n-node lint` (@n8n/node-cli) and in
 * @n8n/scan-community-package, each with n8n's reason.
 */
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const tsParser = require('@typescript-eslint/parser');

const plugins = { 'n8n-nodes-base': n8nNodesBase };
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
];

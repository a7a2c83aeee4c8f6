/**
 * Model fields both the Claude on AWS node (Messages) and the chat model sub-node show, so a setting
 * looks and reads the same in both. Parameter names and defaults are what saved workflows hold: never
 * change them here without a migration. Where the nodes word a field differently, the wording is a
 * parameter. modelParams.ts turns the values into API params.
 */
import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

/** A saved parameter name and the label its field shows (and its errors name it by). */
export interface Named {
	readonly name: string;
	readonly label: string;
}

/** The field's `displayName` and `name`, from one entry of a names table. */
export function named(parameter: Named): { displayName: string; name: string } {
	return { displayName: parameter.label, name: parameter.name };
}

/**
 * The shared model fields' saved names and labels; modelParams.ts reads the values by these names and
 * names them in its errors by these labels. Saved names never change.
 */
export const MODEL_PARAMETERS = {
	model: { name: 'model', label: 'Model' },
	maxTokens: { name: 'maxTokens', label: 'Max Tokens' },
	effort: { name: 'effort', label: 'Effort' },
	promptCaching: { name: 'promptCaching', label: 'Prompt Caching' },
	thinking: { name: 'thinking', label: 'Thinking' },
	thinkingBudget: { name: 'thinkingBudget', label: 'Thinking Budget (Tokens)' },
	thinkingDisplay: { name: 'thinkingDisplay', label: 'Thinking Display' },
	inferenceGeo: { name: 'inferenceGeo', label: 'Inference Region' },
	speed: { name: 'speed', label: 'Speed' },
} as const satisfies Record<string, Named>;

const M = MODEL_PARAMETERS;

/** The newest Sonnet of the SDK's Model type (1.14.0). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export const DEFAULT_MAX_TOKENS = 4096;

export const DEFAULT_THINKING_BUDGET = 2048;

export const DEFAULT_MODEL_DESCRIPTION = 'The Claude model to use: a bare model ID such as claude-sonnet-5-5 (not an Amazon Bedrock ID)';

/** A model picker (list from GET /v1/models, or a typed ID); `name` is the parameter name the node saves. */
export function modelLocator(name: string = M.model.name, description = DEFAULT_MODEL_DESCRIPTION): INodeProperties {
	return {
		displayName: M.model.label,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: DEFAULT_MODEL },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModels', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. claude-sonnet-5-5',
			},
		],
	};
}

export function maxTokensField(description: string): INodeProperties {
	return {
		...named(M.maxTokens),
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: DEFAULT_MAX_TOKENS,
		description,
	};
}

// In order of effort, which reads better than alphabetical where a node shows the list as is.
const EFFORT_LEVELS: INodePropertyOptions[] = [
	{ name: 'Low', value: 'low' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'High', value: 'high' },
	{ name: 'Extra High', value: 'xhigh' },
	{ name: 'Max', value: 'max' },
];

export function effortOption(description: string, order: 'effort' | 'alphabetical'): INodeProperties {
	const levels = order === 'effort' ? [...EFFORT_LEVELS] : [...EFFORT_LEVELS].sort((a, b) => a.name.localeCompare(b.name));
	return { ...named(M.effort), type: 'options', default: 'high', options: levels, description };
}

export function promptCachingOption(description: string): INodeProperties {
	return {
		...named(M.promptCaching),
		type: 'options',
		default: 'disabled',
		options: [
			{ name: 'Disabled', value: 'disabled' },
			{ name: '5 Minutes', value: '5m' },
			{ name: '1 Hour', value: '1h' },
		],
		description,
	};
}

export const thinkingOption: INodeProperties = {
	...named(M.thinking),
	type: 'options',
	default: 'adaptive',
	options: [
		{ name: 'Adaptive', value: 'adaptive', description: 'Claude decides when and how much to think' },
		{ name: 'Budget', value: 'enabled', description: 'Extended thinking with a fixed token budget' },
		{ name: 'Disabled', value: 'disabled' },
	],
	description: 'Whether and how Claude thinks before answering; which modes a model accepts depends on the model',
};

export const thinkingBudgetOption: INodeProperties = {
	...named(M.thinkingBudget),
	type: 'number',
	typeOptions: { minValue: 1024, numberPrecision: 0 },
	default: DEFAULT_THINKING_BUDGET,
	description: 'Tokens Claude may spend thinking when Thinking is Budget: at least 1024 and less than Max Tokens',
};

export const thinkingDisplayOption: INodeProperties = {
	...named(M.thinkingDisplay),
	type: 'options',
	default: 'summarized',
	options: [
		{ name: 'Summarized', value: 'summarized' },
		{ name: 'Omitted', value: 'omitted', description: 'Thinking text is left out (a signature is kept)' },
	],
	description: 'Whether the thinking text comes back in the answer',
};

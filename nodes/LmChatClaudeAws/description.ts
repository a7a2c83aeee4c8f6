/** The chat model sub-node's parameters: the model, and the options an AI Agent or chain runs it with. */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_MODEL } from '../ClaudeAws/actions/message/promptFields';
import { requestTuningOptions } from '../shared/descriptions';

export const DEFAULT_MAX_TOKENS = 4096;

/** The same hint n8n's own chat models show when they hang off nothing. */
const connectionHint: INodeProperties = {
	displayName: "This node must be connected to an AI chain or agent. <a data-action='openSelectiveNodeCreator' data-action-parameter-creatorview='AI'>Insert one</a>",
	name: 'notice',
	type: 'notice',
	default: '',
	typeOptions: { containerClass: 'ndv-connection-hint-notice' },
};

const modelLocator: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: DEFAULT_MODEL },
	required: true,
	description: 'The Claude model to use: a bare model ID such as claude-sonnet-5-5 (not an Amazon Bedrock ID)',
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

const modelOptions: INodeProperties[] = [
	{
		displayName: 'Effort',
		name: 'effort',
		type: 'options',
		default: 'high',
		// Kept in order of effort, which reads better than alphabetical here.
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
		options: [
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'High', value: 'high' },
			{ name: 'Extra High', value: 'xhigh' },
			{ name: 'Max', value: 'max' },
		],
		description: 'How much effort Claude puts into each answer; higher is more thorough and slower. Not supported by every model.',
	},
	{
		displayName: 'Max Tokens',
		name: 'maxTokens',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: DEFAULT_MAX_TOKENS,
		description: 'The most tokens Claude may generate per answer, thinking included',
	},
	{
		displayName: 'Prompt Caching',
		name: 'promptCaching',
		type: 'options',
		default: 'disabled',
		options: [
			{ name: 'Disabled', value: 'disabled' },
			{ name: '5 Minutes', value: '5m' },
			{ name: '1 Hour', value: '1h' },
		],
		description: 'Whether to cache the system prompt, tools and conversation so the next calls of the agent reuse them, and for how long',
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 1,
		description: 'Randomness of the answer, from 0 (focused) to 1 (creative). Cannot be combined with thinking; not supported by every model.',
	},
	{
		displayName: 'Thinking',
		name: 'thinking',
		type: 'options',
		default: 'adaptive',
		options: [
			{ name: 'Adaptive', value: 'adaptive', description: 'Claude decides when and how much to think' },
			{ name: 'Budget', value: 'enabled', description: 'Extended thinking with a fixed token budget' },
			{ name: 'Disabled', value: 'disabled' },
		],
		description: 'Whether and how Claude thinks before answering; which modes a model accepts depends on the model',
	},
	{
		displayName: 'Thinking Budget (Tokens)',
		name: 'thinkingBudget',
		type: 'number',
		typeOptions: { minValue: 1024, numberPrecision: 0 },
		default: 2048,
		description: 'Tokens Claude may spend thinking when Thinking is Budget: at least 1024 and less than Max Tokens',
	},
	{
		displayName: 'Top P',
		name: 'topP',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 1,
		description: 'Nucleus sampling: only the most likely tokens adding up to this probability are considered. Change this or Temperature, not both.',
	},
	// An agent calls the model one answer at a time, so the per-item concurrency option has nothing to do here.
	...requestTuningOptions.filter((option) => option.name !== 'concurrency'),
];

export const properties: INodeProperties[] = [
	connectionHint,
	modelLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...modelOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** The chat model sub-node's parameters: the model, and the options an AI Agent or chain runs it with. */
import type { INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../shared/descriptions';
import { effortOption, maxTokensField, modelLocator, promptCachingOption, thinkingBudgetOption, thinkingOption } from '../shared/modelOptions';

/** The same hint n8n's own chat models show when they hang off nothing. */
const connectionHint: INodeProperties = {
	displayName: "This node must be connected to an AI chain or agent. <a data-action='openSelectiveNodeCreator' data-action-parameter-creatorview='AI'>Insert one</a>",
	name: 'notice',
	type: 'notice',
	default: '',
	typeOptions: { containerClass: 'ndv-connection-hint-notice' },
};

const model = modelLocator('model');

const modelOptions: INodeProperties[] = [
	effortOption('How much effort Claude puts into each answer; higher is more thorough and slower. Not supported by every model.', 'effort'),
	maxTokensField('The most tokens Claude may generate per answer, thinking included'),
	promptCachingOption('Whether to cache the system prompt, tools and conversation so the next calls of the agent reuse them, and for how long'),
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 1,
		description: 'Randomness of the answer, from 0 (focused) to 1 (creative). Cannot be combined with thinking; not supported by every model.',
	},
	thinkingOption,
	thinkingBudgetOption,
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
	model,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...modelOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

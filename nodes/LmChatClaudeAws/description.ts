/** The chat model sub-node's parameters: the model, and the options an AI Agent or chain runs it with. */
import type { INodeProperties } from 'n8n-workflow';
import { requestTuningOptions } from '../shared/descriptions';
import { effortOption, MODEL_PARAMETERS, maxTokensField, modelLocator, promptCachingOption, thinkingBudgetOption, thinkingOption } from '../shared/modelOptions';
import { inferenceGeoOption, speedOption } from '../shared/servingOptions';

/** The same hint n8n's own chat models show when they hang off nothing. */
const connectionHint: INodeProperties = {
	displayName: "This node must be connected to an AI chain or agent. <a data-action='openSelectiveNodeCreator' data-action-parameter-creatorview='AI'>Insert one</a>",
	name: 'notice',
	type: 'notice',
	default: '',
	typeOptions: { containerClass: 'ndv-connection-hint-notice' },
};

const model = modelLocator(MODEL_PARAMETERS.model.name);

/**
 * Temperature and Top P were options of this node; API version 2026-10-21 (and SDK 1.14+) has no
 * sampling settings, and the Messages node never sent them. Saved workflows that set one still open:
 * the entry stays, shown only where it is already set, marked as ignored, and nothing is sent.
 */
export const IGNORED_SAMPLING_OPTIONS = { temperature: 'Temperature', topP: 'Top P' } as const;

const ignoredSamplingOptions: INodeProperties[] = Object.entries(IGNORED_SAMPLING_OPTIONS).map(([name, label]) => ({
	displayName: `${label} (Ignored)`,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 1,
	description: "Ignored and not sent: Claude Platform on AWS (API version 2026-10-21) takes no sampling settings. Remove this option; the model's own sampling applies.",
	// Not offered for new workflows; shown only where a saved workflow has it, so it can be seen and removed.
	displayOptions: { show: { [`/options.${name}`]: [{ _cnd: { exists: true } }] } },
}));

const modelOptions: INodeProperties[] = [
	effortOption('How much effort Claude puts into each answer; higher is more thorough and slower. Not supported by every model.', 'effort'),
	maxTokensField('The most tokens Claude may generate per answer, thinking included'),
	promptCachingOption('Whether to cache the system prompt, tools and conversation so the next calls of the agent reuse them, and for how long'),
	thinkingOption,
	thinkingBudgetOption,
	inferenceGeoOption,
	speedOption,
	...ignoredSamplingOptions,
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

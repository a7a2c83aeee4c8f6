/**
 * The model, prompt, attachment, tool and option fields of a Messages request, shared by every
 * operation that builds one (Send Message, Count Tokens, and the Batches node's "Create Batch from
 * Items"), so the same inputs look and read the same everywhere. buildRequest.ts reads them, by the
 * names in parameters.ts.
 *
 * Stable signature (other nodes import it):
 *   promptFields(displayOptions: IDisplayOptions, features?: PromptFieldFeatures): INodeProperties[]
 *   DEFAULT_MODEL: string
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { maxTokensField, modelLocator } from '../modelOptions';
import { conversationFields } from './conversationFields';
import { attachmentFields, citationFields, toolFields } from './inputFields';
import { optionEntries } from './optionFields';
import { skillFields } from './skills';
import { named, PROMPT_PARAMETERS as P } from './parameters';

export { DEFAULT_MODEL } from '../modelOptions';

export interface PromptFieldFeatures {
	/** Extra entries for the Options collection (e.g. requestTuningOptions, Max Tool Iterations). */
	extraOptions?: INodeProperties[];
	/** Leave out the fields that only matter for a generated answer (max tokens, stop sequences...), for Count Tokens. */
	countTokensOnly?: boolean;
}

/** Where the fields show: the operation's display options, and those narrowed by another field's value. */
export interface FieldScope {
	displayOptions: IDisplayOptions;
	when: (extra: Record<string, unknown[]>) => IDisplayOptions;
}

export function promptFields(displayOptions: IDisplayOptions, features: PromptFieldFeatures = {}): INodeProperties[] {
	const show = displayOptions.show ?? {};
	const scope: FieldScope = {
		displayOptions,
		when: (extra) => ({ ...displayOptions, show: { ...show, ...extra } as IDisplayOptions['show'] }),
	};
	const generating = !features.countTokensOnly;
	return [
		{ ...modelLocator(P.modelId.name), displayOptions },
		...conversationFields(scope),
		...(generating ? [{ ...maxTokensField('The most tokens Claude may generate (thinking included) before it stops'), displayOptions }] : []),
		...attachmentFields(scope),
		...citationFields(scope),
		...toolFields(scope),
		...skillFields(scope),
		{
			...named(P.options),
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: optionEntries(generating, features.extraOptions),
			displayOptions,
		},
	];
}

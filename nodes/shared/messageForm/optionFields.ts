/** The entries of the form's Options collection: model options, structured output, and the generation-only ones. */
import type { INodeProperties } from 'n8n-workflow';
import { ANTHROPIC_BETAS } from '../../api/messages/betas';
import { effortOption, promptCachingOption, thinkingBudgetOption, thinkingDisplayOption, thinkingOption } from '../modelOptions';
import { inferenceGeoOption, speedOption } from '../servingOptions';
import { named, PROMPT_PARAMETERS } from './parameters';

const O = PROMPT_PARAMETERS.options;

/** `generating`: the request makes an answer (not Count Tokens), so the answer-only options apply. */
export function optionEntries(generating: boolean, extra: INodeProperties[] = []): INodeProperties[] {
	const options: INodeProperties[] = [
		effortOption('How much effort Claude puts into the answer; higher is more thorough and slower. Not supported by every model.', 'alphabetical'),
		{
			...named(O.outputSchema),
			type: 'json',
			default: '{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"],\n  "additionalProperties": false\n}',
			description: 'A JSON schema the answer must follow (structured output); with Simplify Output the parsed answer is added to the output item',
		},
		promptCachingOption('Whether to cache the system prompt, tools and conversation for reuse by later requests, and for how long'),
		thinkingOption,
		thinkingBudgetOption,
		thinkingDisplayOption,
		{
			...named(O.betas),
			type: 'multiOptions',
			default: [],
			options: ANTHROPIC_BETAS.map((beta) => ({ name: beta, value: beta })),
			description: 'Beta features to turn on for this request (the anthropic-beta header); the node adds the ones its own fields need',
		},
		{
			...named(O.otherBetas),
			type: 'string',
			default: '',
			placeholder: 'e.g. some-new-feature-2027-01-01',
			description: 'Comma-separated beta names that are not in the Betas list yet',
		},
		{
			...named(O.additionalBodyFields),
			type: 'json',
			default: '{}',
			description:
				'More fields of the Messages request body, as a JSON object, for API features this form has no field for yet (e.g. context_management). Fields the form sets (model, messages, tools...) are refused: use their fields.',
		},
	];
	if (generating) {
		options.push(
			inferenceGeoOption,
			speedOption,
			{
				...named(O.containerId),
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.container_id }}',
				description: 'The container of an earlier answer to continue in (its files and state), for code execution and skills',
			},
			{
				...named(O.metadataUserId),
				type: 'string',
				default: '',
				description: 'An opaque ID (UUID or hash) of the end user, to help detect abuse; never a name or email',
			},
			{
				...named(O.serviceTier),
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Auto', value: 'auto', description: 'Priority capacity when available' },
					{ name: 'Standard Only', value: 'standard_only' },
				],
				description: 'Whether the request may use priority capacity',
			},
			{
				...named(O.stopSequences),
				type: 'string',
				default: '',
				placeholder: 'e.g. END, ###',
				description: 'Comma-separated texts that make Claude stop when it writes one',
			},
		);
	}
	options.push(...extra);
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

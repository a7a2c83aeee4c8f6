/** The Built-in Tools collection: server tools (web search, web fetch, code execution) and their settings. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { named, PROMPT_DEFAULTS, PROMPT_PARAMETERS as P } from './parameters';

const B = P.builtInTools;

export function builtInToolsField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		...named(B),
		type: 'collection',
		placeholder: 'Add Built-in Tool',
		default: {},
		description: 'Tools that run on Anthropic\'s side: web search, web fetch and code execution',
		options: [
			{ ...named(B.codeExecution), type: 'boolean', default: true, description: 'Whether Claude may run code in a sandbox' },
			{ ...named(B.webFetch), type: 'boolean', default: true, description: 'Whether Claude may fetch web pages and PDFs by URL' },
			{
				...named(B.webFetchAllowedDomains),
				type: 'string',
				default: '',
				placeholder: 'e.g. example.com, docs.example.org',
				description: 'Comma-separated domains web fetch may read; empty for any. Cannot be used with blocked domains.',
			},
			{
				...named(B.webFetchBlockedDomains),
				type: 'string',
				default: '',
				description: 'Comma-separated domains web fetch never reads. Cannot be used with allowed domains.',
			},
			{ ...named(B.webFetchCitations), type: 'boolean', default: false, description: 'Whether Claude cites the passages of the fetched pages it used' },
			{
				...named(B.webFetchMaxContentTokens),
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 100000,
				description: 'About how many tokens of a fetched page\'s text Claude reads at most (not applied to PDFs)',
			},
			{ ...named(B.webFetchMaxUses), type: 'number', typeOptions: { minValue: 1 }, default: PROMPT_DEFAULTS.webToolMaxUses, description: 'The most fetches per request' },
			{ ...named(B.webSearch), type: 'boolean', default: true, description: 'Whether Claude may search the web' },
			{
				...named(B.webSearchAllowedDomains),
				type: 'string',
				default: '',
				placeholder: 'e.g. wikipedia.org, example.com',
				description: 'Comma-separated domains to search in; empty for any. Cannot be used with blocked domains.',
			},
			{
				...named(B.webSearchBlockedDomains),
				type: 'string',
				default: '',
				description: 'Comma-separated domains never to search in. Cannot be used with allowed domains.',
			},
			{ ...named(B.webSearchMaxUses), type: 'number', typeOptions: { minValue: 1 }, default: PROMPT_DEFAULTS.webToolMaxUses, description: 'The most searches per request' },
			// The user's approximate location (user_location), for more relevant results; one field per part.
			{ ...named(B.webSearchUserCity), type: 'string', default: '', placeholder: 'e.g. San Francisco', description: 'The city of the user, for local search results' },
			{ ...named(B.webSearchUserRegion), type: 'string', default: '', placeholder: 'e.g. California', description: 'The region (state, province) of the user, for local search results' },
			{
				...named(B.webSearchUserCountry),
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'The two-letter ISO 3166-1 country code of the user, for local search results',
			},
			{
				...named(B.webSearchUserTimezone),
				type: 'string',
				default: '',
				placeholder: 'e.g. America/Los_Angeles',
				description: 'The IANA time zone of the user, for local search results',
			},
		],
		displayOptions,
	};
}

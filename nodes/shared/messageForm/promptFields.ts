/**
 * The model, prompt, attachment, tool and option fields of a Messages request, shared by every
 * operation that builds one (Send Message, Count Tokens, and the Batches node's "Create Batch from
 * Items"), so the same inputs look and read the same everywhere. buildRequest.ts reads them.
 *
 * Stable signature (other nodes import it):
 *   promptFields(displayOptions: IDisplayOptions, features?: PromptFieldFeatures): INodeProperties[]
 *   DEFAULT_MODEL: string
 * Parameter names read by buildMessageParams(): modelId, promptType, prompt, system, messages,
 * messagesJson, maxTokens, binaryProperties, fileAttachments, toolsJson, toolChoice, toolChoiceName,
 * builtInTools, options (see OPTION_NAMES in buildRequest.ts).
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import {
	effortOption,
	maxTokensField,
	modelLocator,
	promptCachingOption,
	thinkingBudgetOption,
	thinkingDisplayOption,
	thinkingOption,
} from '../modelOptions';

export { DEFAULT_MODEL } from '../modelOptions';

export interface PromptFieldFeatures {
	/** Extra entries for the Options collection (e.g. requestTuningOptions, Max Tool Iterations). */
	extraOptions?: INodeProperties[];
	/** Leave out the fields that only matter for a generated answer (max tokens, stop sequences...), for Count Tokens. */
	countTokensOnly?: boolean;
}

export function promptFields(displayOptions: IDisplayOptions, features: PromptFieldFeatures = {}): INodeProperties[] {
	const show = displayOptions.show ?? {};
	const when = (extra: Record<string, unknown[]>): IDisplayOptions => ({ ...displayOptions, show: { ...show, ...extra } as IDisplayOptions['show'] });
	const generating = !features.countTokensOnly;

	const fields: INodeProperties[] = [
		{ ...modelLocator('modelId'), displayOptions },
		{
			displayName: 'Prompt Type',
			name: 'promptType',
			type: 'options',
			noDataExpression: true,
			default: 'simple',
			options: [
				{ name: 'Simple', value: 'simple', description: 'One user prompt, with an optional system prompt' },
				{ name: 'Message List', value: 'messages', description: 'A conversation as a list of user and assistant turns' },
				{ name: 'JSON', value: 'json', description: 'The messages array of the Messages API as JSON, for full control' },
			],
			displayOptions,
		},
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder: 'e.g. Summarize this text: {{ $json.text }}',
			description: 'The user message sent to Claude',
			displayOptions: when({ promptType: ['simple'] }),
		},
		{
			displayName: 'Messages',
			name: 'messages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Message',
			default: { values: [{ role: 'user', content: '' }] },
			description: 'The conversation so far, oldest first; the last one is usually a user message',
			options: [
				{
					displayName: 'Message',
					name: 'values',
					values: [
						{
							displayName: 'Role',
							name: 'role',
							type: 'options',
							default: 'user',
							options: [
								{ name: 'User', value: 'user' },
								{ name: 'Assistant', value: 'assistant' },
							],
						},
						{
							displayName: 'Content',
							name: 'content',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
						},
					],
				},
			],
			displayOptions: when({ promptType: ['messages'] }),
		},
		{
			displayName: 'Messages (JSON)',
			name: 'messagesJson',
			type: 'json',
			default: '[\n  { "role": "user", "content": "Hello, Claude" }\n]',
			description: 'The messages array of the Messages API: objects with a role (user, assistant) and a content string or array of content blocks',
			displayOptions: when({ promptType: ['json'] }),
		},
		{
			displayName: 'System Prompt',
			name: 'system',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: 'e.g. You are a concise assistant',
			description: 'Instructions that set how Claude behaves, sent as the system prompt',
			displayOptions,
		},
	];

	if (generating) {
		fields.push({ ...maxTokensField('The most tokens Claude may generate (thinking included) before it stops'), displayOptions });
	}

	fields.push(
		{
			displayName: 'Attachments (Binary Properties)',
			name: 'binaryProperties',
			type: 'string',
			default: '',
			placeholder: 'e.g. data, invoice',
			description:
				'Comma-separated names of binary properties of the input item to attach to the (last) user message: images (JPEG, PNG, GIF, WebP), PDFs and plain text',
			hint: 'The names of binary properties, not file names: the Read File or HTTP Request node usually puts a file in "data"',
			displayOptions,
		},
		{
			displayName: 'Attachments (Files API)',
			name: 'fileAttachments',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add File',
			default: {},
			description: 'Files uploaded with the Files API, attached by their file ID',
			options: [
				{
					displayName: 'File',
					name: 'values',
					values: [
						{
							displayName: 'File ID',
							name: 'fileId',
							type: 'string',
							default: '',
							placeholder: 'e.g. file_011CNha8iCJcU1wXNR6q4V8w',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'document',
							options: [
								{ name: 'Document (PDF or Text)', value: 'document' },
								{ name: 'Image', value: 'image' },
							],
						},
					],
				},
			],
			displayOptions,
		},
		{
			displayName: 'Tools (JSON)',
			name: 'toolsJson',
			type: 'json',
			default: '[]',
			description:
				'Client tool definitions Claude may call: an array of objects with name, description and input_schema (a JSON schema). The answer then holds tool_use blocks for the workflow to answer.',
			displayOptions,
		},
		{
			displayName: 'Tool Choice',
			name: 'toolChoice',
			type: 'options',
			default: 'auto',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Claude decides whether to use a tool' },
				{ name: 'Any Tool', value: 'any', description: 'Claude must use one of the tools' },
				{ name: 'Specific Tool', value: 'tool', description: 'Claude must use the named tool' },
				{ name: 'None', value: 'none', description: 'Claude must not use tools' },
			],
			description: 'How Claude should use the tools; only sent when there are tools',
			displayOptions,
		},
		{
			displayName: 'Tool Name',
			name: 'toolChoiceName',
			type: 'string',
			default: '',
			required: true,
			description: 'The name of the tool Claude must use',
			displayOptions: when({ toolChoice: ['tool'] }),
		},
		{
			displayName: 'Built-in Tools',
			name: 'builtInTools',
			type: 'collection',
			placeholder: 'Add Built-in Tool',
			default: {},
			description: 'Tools that run on Anthropic\'s side: web search, web fetch and code execution',
			options: [
				{ displayName: 'Code Execution', name: 'codeExecution', type: 'boolean', default: true, description: 'Whether Claude may run code in a sandbox' },
				{ displayName: 'Web Fetch', name: 'webFetch', type: 'boolean', default: true, description: 'Whether Claude may fetch web pages and PDFs by URL' },
				{
					displayName: 'Web Fetch Allowed Domains',
					name: 'webFetchAllowedDomains',
					type: 'string',
					default: '',
					placeholder: 'e.g. example.com, docs.example.org',
					description: 'Comma-separated domains web fetch may read; empty for any',
				},
				{ displayName: 'Web Fetch Max Uses', name: 'webFetchMaxUses', type: 'number', typeOptions: { minValue: 1 }, default: 5, description: 'The most fetches per request' },
				{ displayName: 'Web Search', name: 'webSearch', type: 'boolean', default: true, description: 'Whether Claude may search the web' },
				{
					displayName: 'Web Search Allowed Domains',
					name: 'webSearchAllowedDomains',
					type: 'string',
					default: '',
					placeholder: 'e.g. wikipedia.org, example.com',
					description: 'Comma-separated domains to search in; empty for any. Cannot be used with blocked domains.',
				},
				{
					displayName: 'Web Search Blocked Domains',
					name: 'webSearchBlockedDomains',
					type: 'string',
					default: '',
					description: 'Comma-separated domains never to search in. Cannot be used with allowed domains.',
				},
				{ displayName: 'Web Search Max Uses', name: 'webSearchMaxUses', type: 'number', typeOptions: { minValue: 1 }, default: 5, description: 'The most searches per request' },
			],
			displayOptions,
		},
	);

	const options: INodeProperties[] = [
		effortOption('How much effort Claude puts into the answer; higher is more thorough and slower. Not supported by every model.', 'alphabetical'),
		{
			displayName: 'Output Schema (JSON)',
			name: 'outputSchema',
			type: 'json',
			default: '{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"],\n  "additionalProperties": false\n}',
			description: 'A JSON schema the answer must follow (structured output); with Simplify Output the parsed answer is added to the output item',
		},
		promptCachingOption('Whether to cache the system prompt, tools and conversation for reuse by later requests, and for how long'),
		thinkingOption,
		thinkingBudgetOption,
		thinkingDisplayOption,
	];
	if (generating) {
		options.push(
			{
				displayName: 'Metadata User ID',
				name: 'metadataUserId',
				type: 'string',
				default: '',
				description: 'An opaque ID (UUID or hash) of the end user, to help detect abuse; never a name or email',
			},
			{
				displayName: 'Service Tier',
				name: 'serviceTier',
				type: 'options',
				default: 'auto',
				options: [
					{ name: 'Auto', value: 'auto', description: 'Priority capacity when available' },
					{ name: 'Standard Only', value: 'standard_only' },
				],
				description: 'Whether the request may use priority capacity',
			},
			{
				displayName: 'Stop Sequences',
				name: 'stopSequences',
				type: 'string',
				default: '',
				placeholder: 'e.g. END, ###',
				description: 'Comma-separated texts that make Claude stop when it writes one',
			},
		);
	}
	options.push(...(features.extraOptions ?? []));
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));

	fields.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
		displayOptions,
	});
	return fields;
}

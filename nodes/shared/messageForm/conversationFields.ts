/** The fields that say what Claude reads: the prompt (simple, as a message list, or as JSON) and the system prompt. */
import type { INodeProperties } from 'n8n-workflow';
import { named, PROMPT_DEFAULTS, PROMPT_PARAMETERS as P } from './parameters';
import type { FieldScope } from './promptFields';

export function conversationFields({ displayOptions, when }: FieldScope): INodeProperties[] {
	return [
		{
			...named(P.promptType),
			type: 'options',
			noDataExpression: true,
			default: PROMPT_DEFAULTS.promptType,
			options: [
				{ name: 'Simple', value: 'simple', description: 'One user prompt, with an optional system prompt' },
				{ name: 'Message List', value: 'messages', description: 'A conversation as a list of user and assistant turns' },
				{ name: 'JSON', value: 'json', description: 'The messages array of the Messages API as JSON, for full control' },
			],
			displayOptions,
		},
		{
			...named(P.prompt),
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder: 'e.g. Summarize this text: {{ $json.text }}',
			description: 'The user message sent to Claude',
			displayOptions: when({ [P.promptType.name]: ['simple'] }),
		},
		{
			...named(P.messages),
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Message',
			default: { [P.messages.entry.name]: [{ [P.messages.role.name]: 'user', [P.messages.content.name]: '' }] },
			description: 'The conversation so far, oldest first; the last one is usually a user message',
			options: [
				{
					...named(P.messages.entry),
					values: [
						{
							...named(P.messages.role),
							type: 'options',
							default: 'user',
							options: [
								{ name: 'User', value: 'user' },
								{ name: 'Assistant', value: 'assistant' },
							],
						},
						{
							...named(P.messages.content),
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
						},
					],
				},
			],
			displayOptions: when({ [P.promptType.name]: ['messages'] }),
		},
		{
			...named(P.messagesJson),
			type: 'json',
			default: '[\n  { "role": "user", "content": "Hello, Claude" }\n]',
			description: 'The messages array of the Messages API: objects with a role (user, assistant) and a content string or array of content blocks',
			displayOptions: when({ [P.promptType.name]: ['json'] }),
		},
		{
			...named(P.system),
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: 'e.g. You are a concise assistant',
			description: 'Instructions that set how Claude behaves, sent as the system prompt',
			displayOptions,
		},
	];
}

/** The Message resource: its operation selector and every operation's fields. */
import type { INodeProperties } from 'n8n-workflow';
import * as countTokens from './countTokens.operation';
import * as send from './send.operation';

export { countTokens, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Send Message', value: 'send', action: 'Send a message', description: 'Send a prompt (and files, tools) to Claude and get the answer' },
			{ name: 'Count Tokens', value: 'countTokens', action: 'Count the tokens of a message', description: 'Count the input tokens a message would use, without sending it' },
		],
		default: 'send',
	},
	...send.description,
	...countTokens.description,
];

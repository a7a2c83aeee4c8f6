/** The Model resource: its operation selector and every operation's fields. */
import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as list from './list.operation';

export { get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['model'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a model', description: 'Get one model by its ID' },
			{ name: 'List', value: 'list', action: 'List models', description: 'List the models the gateway serves' },
		],
		default: 'list',
	},
	...list.description,
	...get.description,
];

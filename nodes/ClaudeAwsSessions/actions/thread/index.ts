import type { INodeProperties } from 'n8n-workflow';
import * as archive from './archive.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listEvents from './listEvents.operation';

export { archive, get, list, listEvents };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['thread'] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive a thread' },
			{ name: 'Get', value: 'get', action: 'Get a thread' },
			{ name: 'List', value: 'list', action: 'List the threads of a session' },
			{ name: 'List Events', value: 'listEvents', action: 'List the events of a thread' },
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...archive.description,
	...listEvents.description,
];

import type { INodeProperties } from 'n8n-workflow';
import * as add from './add.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export { add, del as delete, get, list, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sessionResource'] } },
		options: [
			{ name: 'Add', value: 'add', action: 'Add a file to a session', description: "Mount a Files API file in a session's container" },
			{ name: 'Delete', value: 'delete', action: 'Remove a resource from a session' },
			{ name: 'Get', value: 'get', action: 'Get a session resource' },
			{ name: 'List', value: 'list', action: 'List the resources of a session' },
			{ name: 'Update', value: 'update', action: 'Replace a repository token', description: "Rotate a GitHub repository resource's authorization token" },
		],
		default: 'list',
	},
	...add.description,
	...list.description,
	...get.description,
	...update.description,
	...del.description,
];

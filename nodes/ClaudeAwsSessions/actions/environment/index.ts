import type { INodeProperties } from 'n8n-workflow';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export { archive, create, del as delete, get, list, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['environment'] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive an environment' },
			{ name: 'Create', value: 'create', action: 'Create an environment' },
			{ name: 'Delete', value: 'delete', action: 'Delete an environment' },
			{ name: 'Get', value: 'get', action: 'Get an environment' },
			{ name: 'List', value: 'list', action: 'List environments' },
			{ name: 'Update', value: 'update', action: 'Update an environment' },
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...create.description,
	...archive.description,
	...update.description,
	...del.description,
];

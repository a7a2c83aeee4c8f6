import type { INodeProperties } from 'n8n-workflow';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listVersions from './listVersions.operation';
import * as update from './update.operation';

export { archive, create, get, list, listVersions, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive an agent' },
			{ name: 'Create', value: 'create', action: 'Create an agent' },
			{ name: 'Get', value: 'get', action: 'Get an agent' },
			{ name: 'List', value: 'list', action: 'List agents' },
			{ name: 'List Versions', value: 'listVersions', action: 'List the versions of an agent' },
			{ name: 'Update', value: 'update', action: 'Update an agent', description: 'Make a new version of the agent' },
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...create.description,
	...archive.description,
	...update.description,
	...listVersions.description,
];

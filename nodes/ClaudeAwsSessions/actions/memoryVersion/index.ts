/** The audit trail of a memory store: every create, change and delete of a memory is a version. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { memoryStores } from '../../../api/memoryStores';
import { readId } from '../../../shared/idLocator';
import type { QueryValue } from '../../../transport/client';
import { MEMORY_STORE, MEMORY_VERSION } from '../../helpers/ids';
import { idOperation, listOperation } from '../../helpers/resourceOperations';

const R = 'memoryVersion';

export const list = listOperation(
	R,
	[MEMORY_STORE],
	(client, [storeId], paging, query) => memoryStores.versions.list(client, storeId, paging, query),
	[
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Memory ID', name: 'memoryId', type: 'string', default: '', description: 'Only the versions of this memory' },
				{ displayName: 'Session ID', name: 'sessionId', type: 'string', default: '', description: 'Only the versions written by this session' },
				{
					displayName: 'Operation',
					name: 'versionOperation',
					type: 'options',
					default: 'created',
					options: [
						{ name: 'Created', value: 'created' },
						{ name: 'Modified', value: 'modified' },
						{ name: 'Deleted', value: 'deleted' },
					],
				},
				{ displayName: 'Include Content', name: 'includeContent', type: 'boolean', default: false, description: "Whether to output each version's content" },
			],
		},
	],
	(context, i) => {
		const filters = context.getNodeParameter('filters', i, {}) as IDataObject;
		const query: Record<string, QueryValue> = {};
		// Filter IDs go through the one ID rule too, under the filter's own name.
		if (String(filters.memoryId ?? '').trim()) query.memory_id = readId(context, 'filters.memoryId', 'Filters > Memory ID', i, { noun: 'memory' });
		if (String(filters.sessionId ?? '').trim()) query.session_id = readId(context, 'filters.sessionId', 'Filters > Session ID', i, { noun: 'session' });
		if (filters.versionOperation) query.operation = String(filters.versionOperation);
		if (filters.includeContent === true) query.view = 'full';
		return query;
	},
);

export const get = idOperation(R, 'get', [MEMORY_STORE, MEMORY_VERSION], (client, [storeId, id]) => memoryStores.versions.retrieve(client, storeId, id, 'full'), [], 'The memory version to read, with its content');
export const redact = idOperation(
	R,
	'redact',
	[MEMORY_STORE, MEMORY_VERSION],
	(client, [storeId, id]) => memoryStores.versions.redact(client, storeId, id),
	[],
	'The memory version whose content to erase for good (who wrote it and when stay)',
);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [R] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a memory version' },
			{ name: 'List', value: 'list', action: 'List memory versions' },
			{ name: 'Redact', value: 'redact', action: 'Redact a memory version' },
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...redact.description,
];

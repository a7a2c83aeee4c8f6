/** Memories in a store: Create, List, Get, Update, Delete. A memory is named by ID; its path is data. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { memoryStores, type MemoryPatch } from '../../../api/memoryStores';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import type { QueryValue } from '../../../transport/client';
import { MEMORY, MEMORY_STORE, locator } from '../../helpers/ids';
import { idOperation, listOperation, readIds, showFor } from '../../helpers/resourceOperations';
import { memoryContent, memoryPath, pathPrefix } from './paths';

const R = 'memory';
const SHA_FIELD: INodeProperties = {
	displayName: 'Only If Content SHA-256 Is',
	name: 'expectedSha256',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.content_sha256 }}',
	description: "Apply only when the memory's content still has this SHA-256 (from an earlier Get): another writer's change then fails the item with 409 instead of being overwritten",
};

function sha256(context: IExecuteFunctions, value: unknown, label: string, i: number): string | undefined {
	const sha = String(value ?? '').trim().toLowerCase();
	if (!sha) return undefined;
	if (!/^[0-9a-f]{64}$/.test(sha)) throw parameterError(context.getNode(), label, 'is not a SHA-256 (64 hex characters)', i, "Map the memory's content_sha256.");
	return sha;
}

const createShow = showFor(R, 'create');
const updateShow = showFor(R, 'update');

export const create = {
	description: [
		locator(MEMORY_STORE, createShow, 'The memory store to write to'),
		{ displayName: 'Path', name: 'memoryPath', type: 'string', default: '', required: true, placeholder: 'e.g. /customers/acme/notes.md', description: 'Where the memory lives in the store; unique within it', displayOptions: createShow },
		{ displayName: 'Content', name: 'memoryContent', type: 'string', typeOptions: { rows: 6 }, default: '', description: 'UTF-8 text, up to 100 kB; empty makes an empty memory', displayOptions: createShow },
		tuningOnlyOptions(createShow),
	] as INodeProperties[],
	created: (result: ItemResult) => idOf(result, 'id'),
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [storeId] = readIds(this, [MEMORY_STORE], i);
		const path = memoryPath(this, this.getNodeParameter('memoryPath', i, ''), 'Path', i);
		const content = memoryContent(this, this.getNodeParameter('memoryContent', i, ''), 'Content', i);
		return (await memoryStores.memories.create(client, storeId, { path, content })) as unknown as IDataObject;
	},
};

export const list = listOperation(
	R,
	[MEMORY_STORE],
	(client, [storeId], paging, query) => memoryStores.memories.list(client, storeId, paging, query),
	[
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Path Prefix', name: 'pathPrefix', type: 'string', default: '', placeholder: 'e.g. /customers/acme/', description: 'Only memories below this folder; starts and ends with "/"' },
				{ displayName: 'Depth', name: 'depth', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'How many levels below the prefix to list; deeper memories come as one memory_prefix item per folder. 0 lists everything.' },
				{ displayName: 'Include Content', name: 'includeContent', type: 'boolean', default: false, description: "Whether to output each memory's content (pages then hold at most 20 memories)" },
			],
		},
	],
	(context, i) => {
		const filters = context.getNodeParameter('filters', i, {}) as IDataObject;
		const query: Record<string, QueryValue> = {};
		const prefix = pathPrefix(context, filters.pathPrefix, i);
		if (prefix) query.path_prefix = prefix;
		const depth = Number(filters.depth ?? 0);
		if (!Number.isInteger(depth) || depth < 0) throw parameterError(context.getNode(), 'Filters > Depth', 'must be a whole number, 0 or more', i);
		if (depth > 0) query.depth = depth;
		if (filters.includeContent === true) query.view = 'full';
		return query;
	},
);

export const get = idOperation(R, 'get', [MEMORY_STORE, MEMORY], (client, [storeId, id]) => memoryStores.memories.retrieve(client, storeId, id, 'full'), [], 'The memory to read, with its content');

const remove = idOperation(
	R,
	'delete',
	[MEMORY_STORE, MEMORY],
	(client, [storeId, id], context, i) => memoryStores.memories.delete(client, storeId, id, sha256(context, context.getNodeParameter('expectedSha256', i, ''), SHA_FIELD.displayName, i)),
	[SHA_FIELD],
	'The memory to delete',
);
export { remove as delete };

export const update = {
	description: [
		locator(MEMORY_STORE, updateShow, 'The memory store that holds the memory'),
		locator(MEMORY, updateShow, 'The memory to change'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: updateShow,
			options: [
				{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 6 }, default: '', description: 'The new content (a new memory version)' },
				{ displayName: 'Path', name: 'path', type: 'string', default: '', description: 'A new path: renames the memory, which keeps its ID' },
				SHA_FIELD,
			],
		},
		tuningOnlyOptions(updateShow),
	] as INodeProperties[],
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [storeId, id] = readIds(this, [MEMORY_STORE, MEMORY], i);
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: MemoryPatch = {};
		if (fields.content !== undefined) body.content = memoryContent(this, fields.content, 'Update Fields > Content', i);
		if (fields.path !== undefined) body.path = memoryPath(this, fields.path, 'Update Fields > Path', i);
		if (body.content === undefined && body.path === undefined) throw parameterError(this.getNode(), 'Update Fields', 'has nothing to change', i, 'Add Content or Path.');
		const sha = sha256(this, fields.expectedSha256, `Update Fields > ${SHA_FIELD.displayName}`, i);
		if (sha) body.precondition = { type: 'content_sha256', content_sha256: sha };
		return (await memoryStores.memories.update(client, storeId, id, body)) as unknown as IDataObject;
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [R] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a memory' },
			{ name: 'Delete', value: 'delete', action: 'Delete a memory' },
			{ name: 'Get', value: 'get', action: 'Get a memory' },
			{ name: 'List', value: 'list', action: 'List memories' },
			{ name: 'Update', value: 'update', action: 'Update a memory' },
		],
		default: 'list',
	},
	...create.description,
	...list.description,
	...get.description,
	...update.description,
	...remove.description,
];

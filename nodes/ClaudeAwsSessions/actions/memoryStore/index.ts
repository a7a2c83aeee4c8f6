/** Memory stores: memory that outlives a session (beta agent-memory). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { memoryStores } from '../../../api/memoryStores';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import { MEMORY_STORE, locator } from '../../helpers/ids';
import { metadataOption, metadataPatch, removeMetadataOption } from '../../helpers/metadataFields';
import { metadataFrom, requiredText } from '../../helpers/params';
import { idOperation, includeArchivedField, listOperation, readIds, readIncludeArchived, showFor } from '../../helpers/resourceOperations';

const R = 'memoryStore';

export const list = listOperation(R, [], (client, _ids, paging, query) => memoryStores.list(client, paging, query), [includeArchivedField('memory stores')], readIncludeArchived);
export const get = idOperation(R, 'get', [MEMORY_STORE], (client, [id]) => memoryStores.retrieve(client, id));
export const archive = idOperation(R, 'archive', [MEMORY_STORE], (client, [id]) => memoryStores.archive(client, id), [], 'The memory store to archive: it can still be read, no longer written');
const remove = idOperation(R, 'delete', [MEMORY_STORE], (client, [id]) => memoryStores.delete(client, id), [], 'The memory store to delete, with all of its memories');
export { remove as delete };

const createShow = showFor(R, 'create');
const updateShow = showFor(R, 'update');
const descriptionField: INodeProperties = { displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'What the store is for; agents see it' };

export const create = {
	description: [
		{ displayName: 'Name', name: 'storeName', type: 'string', default: '', required: true, placeholder: 'e.g. Customer notes', displayOptions: createShow },
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: createShow, options: [descriptionField, metadataOption] },
		tuningOnlyOptions(createShow),
	] as INodeProperties[],
	created: (result: ItemResult) => idOf(result, 'id'),
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const body: Parameters<typeof memoryStores.create>[1] = { name: requiredText(this, 'storeName', 'Name', i).trim() };
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		if (String(extra.description ?? '').trim()) body.description = String(extra.description);
		const metadata = metadataFrom(this, extra.metadata as IDataObject | undefined, 'Metadata', i);
		if (metadata) body.metadata = metadata;
		return (await memoryStores.create(client, body)) as unknown as IDataObject;
	},
};

export const update = {
	description: [
		locator(MEMORY_STORE, updateShow, 'The memory store to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: updateShow,
			options: [{ displayName: 'Name', name: 'name', type: 'string', default: '' }, descriptionField, metadataOption, removeMetadataOption],
		},
		tuningOnlyOptions(updateShow),
	] as INodeProperties[],
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [id] = readIds(this, [MEMORY_STORE], i);
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: Parameters<typeof memoryStores.update>[2] = {};
		if (fields.name !== undefined) {
			if (!String(fields.name).trim()) throw parameterError(this.getNode(), 'Update Fields > Name', 'is empty', i);
			body.name = String(fields.name).trim();
		}
		if (fields.description !== undefined) body.description = String(fields.description);
		const metadata = metadataPatch(this, fields, i);
		if (metadata) body.metadata = metadata;
		if (!Object.keys(body).length) throw parameterError(this.getNode(), 'Update Fields', 'has nothing to change', i, 'Add Name, Description or Metadata.');
		return (await memoryStores.update(client, id, body)) as unknown as IDataObject;
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
			{ name: 'Archive', value: 'archive', action: 'Archive a memory store' },
			{ name: 'Create', value: 'create', action: 'Create a memory store' },
			{ name: 'Delete', value: 'delete', action: 'Delete a memory store' },
			{ name: 'Get', value: 'get', action: 'Get a memory store' },
			{ name: 'List', value: 'list', action: 'List memory stores' },
			{ name: 'Update', value: 'update', action: 'Update a memory store' },
		],
		default: 'list',
	},
	...create.description,
	...list.description,
	...get.description,
	...update.description,
	...archive.description,
	...remove.description,
];

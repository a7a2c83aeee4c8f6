/** Vaults: where agents' credentials for MCP servers and environment variables are kept. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { vaults } from '../../../api/vaults';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import { VAULT, locator } from '../../helpers/ids';
import { metadataOption, metadataPatch, removeMetadataOption } from '../../helpers/metadataFields';
import { metadataFrom, requiredText } from '../../helpers/params';
import { idOperation, includeArchivedField, listOperation, readIds, readIncludeArchived, showFor } from '../../helpers/resourceOperations';

const R = 'vault';

export const list = listOperation(R, [], (client, _ids, paging, query) => vaults.list(client, paging, query), [includeArchivedField('vaults')], readIncludeArchived);
export const get = idOperation(R, 'get', [VAULT], (client, [id]) => vaults.retrieve(client, id));
export const archive = idOperation(R, 'archive', [VAULT], (client, [id]) => vaults.archive(client, id), [], 'The vault to archive: its credentials stop working in new sessions');
const remove = idOperation(R, 'delete', [VAULT], (client, [id]) => vaults.delete(client, id), [], 'The vault to delete, with all of its credentials');
export { remove as delete };

const createShow = showFor(R, 'create');
const updateShow = showFor(R, 'update');

export const create = {
	description: [
		{ displayName: 'Display Name', name: 'vaultName', type: 'string', default: '', required: true, placeholder: 'e.g. CRM tokens', description: 'Name of the vault, 1 to 255 characters', displayOptions: createShow },
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: createShow, options: [metadataOption] },
		tuningOnlyOptions(createShow),
	] as INodeProperties[],
	created: (result: ItemResult) => idOf(result, 'id'),
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const body: { display_name: string; metadata?: Record<string, string> } = { display_name: displayName(this, requiredText(this, 'vaultName', 'Display Name', i), i) };
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const metadata = metadataFrom(this, extra.metadata as IDataObject | undefined, 'Metadata', i);
		if (metadata) body.metadata = metadata;
		return (await vaults.create(client, body)) as unknown as IDataObject;
	},
};

export const update = {
	description: [
		locator(VAULT, updateShow, 'The vault to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: updateShow,
			options: [{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' }, metadataOption, removeMetadataOption],
		},
		tuningOnlyOptions(updateShow),
	] as INodeProperties[],
	async perItem(this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [id] = readIds(this, [VAULT], i);
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: { display_name?: string; metadata?: Record<string, string | null> } = {};
		if (fields.displayName !== undefined) body.display_name = displayName(this, String(fields.displayName), i, 'Update Fields > Display Name');
		const metadata = metadataPatch(this, fields, i);
		if (metadata) body.metadata = metadata;
		if (!Object.keys(body).length) throw parameterError(this.getNode(), 'Update Fields', 'has nothing to change', i, 'Add Display Name or Metadata.');
		return (await vaults.update(client, id, body)) as unknown as IDataObject;
	},
};

function displayName(context: IExecuteFunctions, value: string, i: number, label = 'Display Name'): string {
	const name = value.trim();
	if (!name) throw parameterError(context.getNode(), label, 'is empty', i);
	if (name.length > 255) throw parameterError(context.getNode(), label, `is ${name.length} characters; the API allows 255`, i);
	return name;
}

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [R] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive a vault' },
			{ name: 'Create', value: 'create', action: 'Create a vault' },
			{ name: 'Delete', value: 'delete', action: 'Delete a vault' },
			{ name: 'Get', value: 'get', action: 'Get a vault' },
			{ name: 'List', value: 'list', action: 'List vaults' },
			{ name: 'Update', value: 'update', action: 'Update a vault' },
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

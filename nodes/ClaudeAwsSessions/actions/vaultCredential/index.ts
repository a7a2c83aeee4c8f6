/** A vault's credentials: Create, List, Get, Update, Archive, Delete, Validate MCP OAuth. */
import type { INodeProperties } from 'n8n-workflow';
import { vaults } from '../../../api/vaults';
import { CREDENTIAL, VAULT } from '../../helpers/ids';
import { idOperation, includeArchivedField, listOperation, readIncludeArchived } from '../../helpers/resourceOperations';
import { create, update } from './write';

const R = 'vaultCredential';

export { create, update };
export const list = listOperation(R, [VAULT], (client, [vaultId], paging, query) => vaults.credentials.list(client, vaultId, paging, query), [includeArchivedField('credentials')], readIncludeArchived);
export const get = idOperation(R, 'get', [VAULT, CREDENTIAL], (client, [vaultId, id]) => vaults.credentials.retrieve(client, vaultId, id));
export const archive = idOperation(R, 'archive', [VAULT, CREDENTIAL], (client, [vaultId, id]) => vaults.credentials.archive(client, vaultId, id), [], 'The credential to archive: new sessions stop using it');
const remove = idOperation(R, 'delete', [VAULT, CREDENTIAL], (client, [vaultId, id]) => vaults.credentials.delete(client, vaultId, id), [], 'The credential to delete');
export { remove as delete };
export const validateMcpOAuth = idOperation(
	R,
	'validateMcpOAuth',
	[VAULT, CREDENTIAL],
	(client, [vaultId, id]) => vaults.credentials.validateMcpOAuth(client, vaultId, id),
	[],
	'The MCP OAuth credential to check against its MCP server (and refresh, when it can)',
);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [R] } },
		options: [
			{ name: 'Archive', value: 'archive', action: 'Archive a vault credential' },
			{ name: 'Create', value: 'create', action: 'Create a vault credential' },
			{ name: 'Delete', value: 'delete', action: 'Delete a vault credential' },
			{ name: 'Get', value: 'get', action: 'Get a vault credential' },
			{ name: 'List', value: 'list', action: 'List vault credentials' },
			{ name: 'Update', value: 'update', action: 'Update a vault credential' },
			{ name: 'Validate MCP OAuth', value: 'validateMcpOAuth', action: 'Validate the tokens of a credential' },
		],
		default: 'list',
	},
	...create.description,
	...list.description,
	...get.description,
	...update.description,
	...archive.description,
	...remove.description,
	...validateMcpOAuth.description,
];

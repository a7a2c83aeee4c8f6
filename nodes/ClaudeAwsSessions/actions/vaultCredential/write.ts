/** Create and Update of a vault credential: the secret goes in, only the credential's shape comes out. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { vaults, type CredentialAuthUpdate } from '../../../api/vaults';
import { tuningOnlyOptions } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/errors';
import type { RunContext } from '../../../shared/router';
import { idOf, type ItemResult } from '../../../shared/runPerItem';
import { CREDENTIAL, VAULT, locator } from '../../helpers/ids';
import { metadataOption, metadataPatch, removeMetadataOption } from '../../helpers/metadataFields';
import { metadataFrom } from '../../helpers/params';
import { readIds, showFor } from '../../helpers/resourceOperations';
import { AUTH_TYPES, authFields, hostList, readAuth, requiredSecret } from './auth';
import { withoutSecrets } from './secretFree';

const createShow = showFor('vaultCredential', 'create');
const updateShow = showFor('vaultCredential', 'update');

const displayNameField: INodeProperties = { displayName: 'Display Name', name: 'displayName', type: 'string', default: '', description: 'Name of the credential, up to 255 characters' };

export const create = {
	description: [
		locator(VAULT, createShow, 'The vault to store the credential in'),
		{ displayName: 'Auth Type', name: 'authType', type: 'options', noDataExpression: true, default: 'static_bearer', options: AUTH_TYPES, displayOptions: createShow },
		...authFields(createShow.show),
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: createShow, options: [displayNameField, metadataOption] },
		tuningOnlyOptions(createShow),
	] as INodeProperties[],
	created: (result: ItemResult) => idOf(result, 'id'),
	perItem: withoutSecrets(async function (this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [vaultId] = readIds(this, [VAULT], i);
		const auth = readAuth(this, i);
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const body: Parameters<typeof vaults.credentials.create>[2] = { auth };
		const name = String(extra.displayName ?? '').trim();
		if (name) body.display_name = name;
		const metadata = metadataFrom(this, extra.metadata as IDataObject | undefined, 'Metadata', i);
		if (metadata) body.metadata = metadata;
		return (await vaults.credentials.create(client, vaultId, body)) as unknown as IDataObject;
	}),
};

const updateTypes = AUTH_TYPES.map((type) => ({ ...type, description: `Change ${type.name} settings` }));

export const update = {
	description: [
		locator(VAULT, updateShow, 'The vault that holds the credential'),
		locator(CREDENTIAL, updateShow, 'The credential to update'),
		{
			displayName: 'Auth Type',
			name: 'authType',
			type: 'options',
			noDataExpression: true,
			default: 'static_bearer',
			options: updateTypes,
			description: "The credential's auth type, which cannot change",
			displayOptions: updateShow,
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: updateShow,
			options: [
				{ displayName: 'Allowed Hosts', name: 'allowedHosts', type: 'string', default: '', description: 'Environment variable only: hosts the secret may be sent to, separated by commas' },
				displayNameField,
				{ displayName: 'Expires At', name: 'expiresAt', type: 'dateTime', default: '', description: 'MCP OAuth only: when the new access token expires' },
				metadataOption,
				{ displayName: 'New Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', description: 'MCP OAuth only, for a token endpoint that uses a client secret' },
				{ displayName: 'New Refresh Token', name: 'refreshToken', type: 'string', typeOptions: { password: true }, default: '', description: 'MCP OAuth only' },
				{ displayName: 'New Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '', description: 'Replaces the token, access token or secret value' },
				removeMetadataOption,
			],
		},
		tuningOnlyOptions(updateShow),
	] as INodeProperties[],
	perItem: withoutSecrets(async function (this: IExecuteFunctions, i: number, { client }: RunContext): Promise<ItemResult> {
		const [vaultId, id] = readIds(this, [VAULT, CREDENTIAL], i);
		const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const body: Parameters<typeof vaults.credentials.update>[3] = {};
		const auth = authUpdate(this, String(this.getNodeParameter('authType', i)), fields, i);
		if (auth) body.auth = auth;
		if (fields.displayName !== undefined) {
			const name = String(fields.displayName).trim();
			if (!name) throw parameterError(this.getNode(), 'Update Fields > Display Name', 'is empty', i);
			body.display_name = name;
		}
		const metadata = metadataPatch(this, fields, i);
		if (metadata) body.metadata = metadata;
		if (!Object.keys(body).length) throw parameterError(this.getNode(), 'Update Fields', 'has nothing to change', i, 'Add a new secret, Display Name or Metadata.');
		return (await vaults.credentials.update(client, vaultId, id, body)) as unknown as IDataObject;
	}),
};

function authUpdate(context: IExecuteFunctions, type: string, fields: IDataObject, i: number): CredentialAuthUpdate | undefined {
	const has = (name: string) => fields[name] !== undefined;
	const secret = (name: string, label: string) => requiredSecret(context, name, `Update Fields > ${label}`, i, fields[name]);
	const only = (names: string[], allowed: string) => {
		const wrong = names.find(has);
		if (wrong) throw parameterError(context.getNode(), `Update Fields > ${wrong}`, `only applies to ${allowed} credentials`, i, 'Remove the field, or pick the Auth Type the credential has.');
	};
	if (type === 'static_bearer') {
		only(['refreshToken', 'clientSecret', 'expiresAt', 'allowedHosts'], 'MCP OAuth or environment variable');
		return has('secret') ? { type, token: secret('secret', 'New Secret') } : undefined;
	}
	if (type === 'mcp_oauth') {
		only(['allowedHosts'], 'environment variable');
		if (!['secret', 'refreshToken', 'clientSecret', 'expiresAt'].some(has)) return undefined;
		const auth: Extract<CredentialAuthUpdate, { type: 'mcp_oauth' }> = { type };
		if (has('secret')) auth.access_token = secret('secret', 'New Secret');
		if (has('expiresAt') && fields.expiresAt) auth.expires_at = new Date(String(fields.expiresAt)).toISOString();
		if (has('refreshToken') || has('clientSecret')) {
			auth.refresh = {};
			if (has('refreshToken')) auth.refresh.refresh_token = secret('refreshToken', 'New Refresh Token');
			// The API keeps the credential's own basic/post method whichever of the two is named here.
			if (has('clientSecret')) auth.refresh.token_endpoint_auth = { type: 'client_secret_basic', client_secret: secret('clientSecret', 'New Client Secret') };
		}
		return auth;
	}
	if (type === 'environment_variable') {
		only(['refreshToken', 'clientSecret', 'expiresAt'], 'MCP OAuth');
		if (!has('secret') && !has('allowedHosts')) return undefined;
		const auth: Extract<CredentialAuthUpdate, { type: 'environment_variable' }> = { type };
		if (has('secret')) auth.secret_value = secret('secret', 'New Secret');
		if (has('allowedHosts')) {
			const hosts = hostList(fields.allowedHosts);
			auth.networking = hosts.length ? { type: 'limited', allowed_hosts: hosts } : { type: 'unrestricted' };
		}
		return auth;
	}
	throw parameterError(context.getNode(), 'Auth Type', `"${type}" is not an auth type this node knows`, i);
}

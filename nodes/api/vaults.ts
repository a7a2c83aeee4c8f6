/**
 * beta.vaults with its credentials: the secrets agents use for MCP servers and environment variables.
 * A credential's secret goes out in a request body and never comes back: the API answers with the
 * credential's shape only (URL, type, networking), which is all a node may output.
 */
import type {
	BetaManagedAgentsDeletedVault,
	BetaManagedAgentsVault,
} from '@anthropic-ai/sdk/resources/beta/vaults/vaults';
import type {
	BetaManagedAgentsCredential,
	BetaManagedAgentsCredentialValidation,
	BetaManagedAgentsDeletedCredential,
	CredentialCreateParams,
	CredentialUpdateParams,
} from '@anthropic-ai/sdk/resources/beta/vaults/credentials';
import type { ClaudeAwsClient, QueryValue } from '../transport/client';
import { MANAGED_AGENTS_BETA } from './managedAgents';
import { route } from './path';
import { call, callAbout, defineNoun, list, type Paging } from './resource';

export type Vault = BetaManagedAgentsVault;
export type VaultCredential = BetaManagedAgentsCredential;
export type CredentialAuth = CredentialCreateParams['auth'];
export type CredentialAuthUpdate = NonNullable<CredentialUpdateParams['auth']>;

export const VAULT = defineNoun('vault', 'page', [MANAGED_AGENTS_BETA]);
export const VAULT_CREDENTIAL = defineNoun('vault credential', 'page', [MANAGED_AGENTS_BETA]);

export const vaults = {
	noun: VAULT,
	path: route`/v1/vaults`,
	/** Not idempotent: a retried create after a lost answer would make a second vault. */
	create: (client: ClaudeAwsClient, body: { display_name: string; metadata?: Record<string, string> }) =>
		call<Vault>(client, VAULT, { method: 'POST', path: route`/v1/vaults`, body, idempotent: false }, ['id']),
	retrieve: (client: ClaudeAwsClient, id: string) => callAbout<Vault>(client, VAULT, id, { method: 'GET', path: route`/v1/vaults/${id}` }, ['id']),
	list: (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue> = {}) => list<Vault>(client, VAULT, route`/v1/vaults`, paging, query),
	update: (client: ClaudeAwsClient, id: string, body: { display_name?: string; metadata?: Record<string, string | null> }) =>
		callAbout<Vault>(client, VAULT, id, { method: 'POST', path: route`/v1/vaults/${id}`, body }, ['id']),
	archive: (client: ClaudeAwsClient, id: string) => callAbout<Vault>(client, VAULT, id, { method: 'POST', path: route`/v1/vaults/${id}/archive` }, ['id']),
	delete: (client: ClaudeAwsClient, id: string) =>
		callAbout<BetaManagedAgentsDeletedVault>(client, VAULT, id, { method: 'DELETE', path: route`/v1/vaults/${id}` }, ['id']),

	credentials: {
		path: (vaultId: string) => route`/v1/vaults/${vaultId}/credentials`,
		/** Not idempotent: a retried create would store the secret twice. */
		create: (client: ClaudeAwsClient, vaultId: string, body: { auth: CredentialAuth; display_name?: string; metadata?: Record<string, string> }) =>
			callAbout<VaultCredential>(client, VAULT, vaultId, { method: 'POST', path: route`/v1/vaults/${vaultId}/credentials`, body, idempotent: false, secrets: secretsOf(body.auth) }, ['id']),
		list: (client: ClaudeAwsClient, vaultId: string, paging: Paging, query: Record<string, QueryValue> = {}) =>
			list<VaultCredential>(client, VAULT_CREDENTIAL, route`/v1/vaults/${vaultId}/credentials`, paging, query),
		retrieve: (client: ClaudeAwsClient, vaultId: string, id: string) =>
			callAbout<VaultCredential>(client, VAULT_CREDENTIAL, id, { method: 'GET', path: route`/v1/vaults/${vaultId}/credentials/${id}` }, ['id']),
		update: (client: ClaudeAwsClient, vaultId: string, id: string, body: { auth?: CredentialAuthUpdate; display_name?: string; metadata?: Record<string, string | null> }) =>
			callAbout<VaultCredential>(client, VAULT_CREDENTIAL, id, { method: 'POST', path: route`/v1/vaults/${vaultId}/credentials/${id}`, body, secrets: secretsOf(body.auth) }, ['id']),
		archive: (client: ClaudeAwsClient, vaultId: string, id: string) =>
			callAbout<VaultCredential>(client, VAULT_CREDENTIAL, id, { method: 'POST', path: route`/v1/vaults/${vaultId}/credentials/${id}/archive` }, ['id']),
		delete: (client: ClaudeAwsClient, vaultId: string, id: string) =>
			callAbout<BetaManagedAgentsDeletedCredential>(client, VAULT_CREDENTIAL, id, { method: 'DELETE', path: route`/v1/vaults/${vaultId}/credentials/${id}` }, ['id']),
		/** Asks the platform to try the stored OAuth tokens against the MCP server (and refresh them). */
		validateMcpOAuth: (client: ClaudeAwsClient, vaultId: string, id: string) =>
			callAbout<BetaManagedAgentsCredentialValidation>(
				client,
				VAULT_CREDENTIAL,
				id,
				{ method: 'POST', path: route`/v1/vaults/${vaultId}/credentials/${id}/mcp_oauth_validate` },
				['status'],
			),
	},
};

/** Every string of a credential's auth but its kind and server URL: tokens, client secrets, values. */
function secretsOf(auth: unknown): string[] {
	if (!auth || typeof auth !== 'object') return typeof auth === 'string' ? [auth] : [];
	return Object.entries(auth as Record<string, unknown>).flatMap(([key, value]) => (key === 'type' || key === 'mcp_server_url' ? [] : secretsOf(value)));
}

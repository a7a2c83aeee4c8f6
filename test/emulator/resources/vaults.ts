/**
 * Managed Agents `vaults` and their credentials (beta managed-agents): create, list, retrieve, update,
 * archive, delete, and MCP OAuth validation. Secrets are kept apart from what is served and are never
 * part of any answer or error message. Archived vaults and credentials refuse writes; deleted ones 404.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { tokenPage } from '../pagination';
import { TEST_VAULT_SECRETS } from '../fixtures';
import { MANAGED_AGENTS_BETA, badRequest, newId, notFound, nowIso, patchMetadata, queryFlag, requireObjectBody, validateMetadata } from './managedAgentsShared';

type Json = Record<string, any>;

/** A vault with one MCP credential, so examples and dropdowns have something to pick. */
export const SEED_VAULT_ID = 'vlt_01EmulatorSeedVault00000001';
export const SEED_VAULT_CREDENTIAL_ID = 'vcrd_01EmulatorSeedCredential001';
export const SEED_MCP_SERVER_URL = 'https://mcp.example.com/crm';

export class VaultStore {
	readonly vaults = new Map<string, Json>();
	readonly credentials = new Map<string, Json>();
	/** credential ID -> its secrets, as the platform would keep them (never served). */
	readonly secrets = new Map<string, Record<string, string>>();

	vault(id: string): Json {
		const vault = this.vaults.get(id);
		if (!vault) throw notFound('vault', id);
		return vault;
	}

	credential(vaultId: string, id: string): Json {
		this.vault(vaultId);
		const credential = this.credentials.get(id);
		if (!credential || credential.vault_id !== vaultId) throw notFound('credential', id);
		return credential;
	}
}

function writable(object: Json, kind: string): void {
	if (object.archived_at !== null) throw badRequest(`${kind} '${object.id}' is archived and cannot be changed.`);
}

function displayName(value: unknown, field = 'display_name'): string {
	if (typeof value !== 'string' || value.trim() === '' || value.length > 255) throw badRequest(`${field}: must be 1 to 255 characters.`);
	return value;
}

function requiredText(auth: Json, field: string): string {
	const value = auth[field];
	if (typeof value !== 'string' || value === '') throw badRequest(`auth.${field}: Field required.`);
	return value;
}

function url(auth: Json, field: string): string {
	const value = requiredText(auth, field);
	if (!/^https?:\/\/[^\s/]+/.test(value)) throw badRequest(`auth.${field}: must be an http(s) URL.`);
	return value;
}

function networking(value: any): Json {
	if (!value || value.type === 'unrestricted') return { type: 'unrestricted' };
	if (value.type === 'limited' && Array.isArray(value.allowed_hosts)) return { type: 'limited', allowed_hosts: value.allowed_hosts.map(String) };
	throw badRequest("auth.networking: must be {type: 'unrestricted'} or {type: 'limited', allowed_hosts: [...]}.");
}

/** The served auth and the secrets of a create. */
function createAuth(auth: any): { served: Json; secrets: Record<string, string> } {
	if (!auth || typeof auth !== 'object') throw badRequest('auth: Field required.');
	if (auth.type === 'static_bearer') return { served: { type: 'static_bearer', mcp_server_url: url(auth, 'mcp_server_url') }, secrets: { token: requiredText(auth, 'token') } };
	if (auth.type === 'mcp_oauth') {
		const secrets: Record<string, string> = { access_token: requiredText(auth, 'access_token') };
		const served: Json = { type: 'mcp_oauth', mcp_server_url: url(auth, 'mcp_server_url'), expires_at: auth.expires_at ?? null, refresh: null };
		if (auth.refresh) {
			const refresh = auth.refresh;
			const method = refresh.token_endpoint_auth?.type;
			if (!['none', 'client_secret_basic', 'client_secret_post'].includes(method)) throw badRequest('auth.refresh.token_endpoint_auth.type: must be none, client_secret_basic or client_secret_post.');
			secrets.refresh_token = requiredText(refresh, 'refresh_token');
			if (method !== 'none') secrets.client_secret = requiredText(refresh.token_endpoint_auth, 'client_secret');
			served.refresh = { client_id: requiredText(refresh, 'client_id'), token_endpoint: url(refresh, 'token_endpoint'), token_endpoint_auth: { type: method }, scope: refresh.scope ?? null, resource: refresh.resource ?? null };
		}
		return { served, secrets };
	}
	if (auth.type === 'environment_variable') {
		const name = requiredText(auth, 'secret_name');
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw badRequest('auth.secret_name: must be an environment variable name.');
		return {
			served: { type: 'environment_variable', secret_name: name, networking: networking(auth.networking), injection_location: { header: auth.injection_location?.header ?? true, body: auth.injection_location?.body ?? false } },
			secrets: { secret_value: requiredText(auth, 'secret_value') },
		};
	}
	throw badRequest("auth.type: must be 'mcp_oauth', 'static_bearer' or 'environment_variable'.");
}

function updateAuth(credential: Json, secrets: Record<string, string>, auth: any): void {
	if (auth === undefined || auth === null) return;
	if (auth.type !== credential.auth.type) throw badRequest(`auth.type: a credential's type cannot change (it is '${credential.auth.type}').`);
	const set = (field: string, value: unknown) => {
		if (value === undefined || value === null) return;
		if (typeof value !== 'string' || value === '') throw badRequest(`auth.${field}: must be a non-empty string.`);
		secrets[field] = value;
	};
	if (auth.type === 'static_bearer') set('token', auth.token);
	if (auth.type === 'environment_variable') {
		set('secret_value', auth.secret_value);
		if (auth.networking) credential.auth.networking = networking(auth.networking);
		if (auth.injection_location) credential.auth.injection_location = { ...credential.auth.injection_location, ...auth.injection_location };
	}
	if (auth.type === 'mcp_oauth') {
		set('access_token', auth.access_token);
		if (auth.expires_at !== undefined) credential.auth.expires_at = auth.expires_at;
		if (auth.refresh) {
			if (!credential.auth.refresh) throw badRequest('auth.refresh: this credential has no refresh settings to update.');
			set('refresh_token', auth.refresh.refresh_token);
			if (auth.refresh.scope !== undefined) credential.auth.refresh.scope = auth.refresh.scope;
			if (auth.refresh.token_endpoint_auth) {
				if (credential.auth.refresh.token_endpoint_auth.type === 'none') throw badRequest('auth.refresh.token_endpoint_auth: the credential uses no client secret.');
				set('client_secret', auth.refresh.token_endpoint_auth.client_secret);
			}
		}
	}
}

export function register(router: Router, emulator: Emulator): void {
	const store = new VaultStore();
	emulator.state.vaults = store;
	const seededAt = nowIso();
	store.vaults.set(SEED_VAULT_ID, { type: 'vault', id: SEED_VAULT_ID, display_name: 'CRM access', metadata: {}, created_at: seededAt, updated_at: seededAt, archived_at: null });
	store.credentials.set(SEED_VAULT_CREDENTIAL_ID, {
		type: 'vault_credential',
		id: SEED_VAULT_CREDENTIAL_ID,
		vault_id: SEED_VAULT_ID,
		display_name: 'CRM MCP server',
		auth: { type: 'static_bearer', mcp_server_url: SEED_MCP_SERVER_URL },
		metadata: {},
		created_at: seededAt,
		updated_at: seededAt,
		archived_at: null,
	});
	store.secrets.set(SEED_VAULT_CREDENTIAL_ID, { token: TEST_VAULT_SECRETS[0] });
	const beta = { beta: MANAGED_AGENTS_BETA };
	const list = (items: Json[], ctx: RouteContext) => ctx.send(200, tokenPage(items.filter((i) => queryFlag(ctx.query, 'include_archived') || i.archived_at === null).reverse(), ctx.query));

	router.add('POST', '/v1/vaults', (ctx) => {
		const body = requireObjectBody(ctx.json());
		const now = nowIso();
		const vault = { type: 'vault', id: newId('vlt'), display_name: displayName(body.display_name), metadata: validateMetadata(body.metadata), created_at: now, updated_at: now, archived_at: null };
		store.vaults.set(vault.id, vault);
		ctx.send(200, vault);
	}, beta);
	router.add('GET', '/v1/vaults', (ctx) => list([...store.vaults.values()], ctx), beta);
	router.add('GET', '/v1/vaults/:vault_id', (ctx) => ctx.send(200, store.vault(ctx.params.vault_id)), beta);
	router.add('POST', '/v1/vaults/:vault_id', (ctx) => {
		const vault = store.vault(ctx.params.vault_id);
		const body = requireObjectBody(ctx.json());
		writable(vault, 'vault');
		if (body.display_name !== undefined && body.display_name !== null) vault.display_name = displayName(body.display_name);
		vault.metadata = patchMetadata(vault.metadata, body.metadata);
		vault.updated_at = nowIso();
		ctx.send(200, vault);
	}, beta);
	router.add('POST', '/v1/vaults/:vault_id/archive', (ctx) => {
		const vault = store.vault(ctx.params.vault_id);
		if (vault.archived_at === null) vault.archived_at = vault.updated_at = nowIso();
		ctx.send(200, vault);
	}, beta);
	router.add('DELETE', '/v1/vaults/:vault_id', (ctx) => {
		const vault = store.vault(ctx.params.vault_id);
		store.vaults.delete(vault.id);
		for (const [id, credential] of store.credentials) if (credential.vault_id === vault.id) (store.credentials.delete(id), store.secrets.delete(id));
		ctx.send(200, { id: vault.id, type: 'vault_deleted' });
	}, beta);

	router.add('POST', '/v1/vaults/:vault_id/credentials', (ctx) => {
		const vault = store.vault(ctx.params.vault_id);
		writable(vault, 'vault');
		const body = requireObjectBody(ctx.json());
		const { served, secrets } = createAuth(body.auth);
		const now = nowIso();
		const credential: Json = { type: 'vault_credential', id: newId('vcrd'), vault_id: vault.id, auth: served, metadata: validateMetadata(body.metadata), created_at: now, updated_at: now, archived_at: null };
		if (body.display_name !== undefined && body.display_name !== null) credential.display_name = displayName(body.display_name);
		store.credentials.set(credential.id, credential);
		store.secrets.set(credential.id, secrets);
		ctx.send(200, credential);
	}, beta);
	router.add('GET', '/v1/vaults/:vault_id/credentials', (ctx) => {
		store.vault(ctx.params.vault_id);
		list([...store.credentials.values()].filter((c) => c.vault_id === ctx.params.vault_id), ctx);
	}, beta);
	router.add('GET', '/v1/vaults/:vault_id/credentials/:credential_id', (ctx) => ctx.send(200, store.credential(ctx.params.vault_id, ctx.params.credential_id)), beta);
	router.add('POST', '/v1/vaults/:vault_id/credentials/:credential_id', (ctx) => {
		const credential = store.credential(ctx.params.vault_id, ctx.params.credential_id);
		const body = requireObjectBody(ctx.json());
		writable(store.vault(ctx.params.vault_id), 'vault');
		writable(credential, 'credential');
		const secrets = { ...store.secrets.get(credential.id) };
		updateAuth(credential, secrets, body.auth);
		store.secrets.set(credential.id, secrets);
		if (body.display_name !== undefined && body.display_name !== null) credential.display_name = displayName(body.display_name);
		credential.metadata = patchMetadata(credential.metadata, body.metadata);
		credential.updated_at = nowIso();
		ctx.send(200, credential);
	}, beta);
	router.add('POST', '/v1/vaults/:vault_id/credentials/:credential_id/archive', (ctx) => {
		const credential = store.credential(ctx.params.vault_id, ctx.params.credential_id);
		if (credential.archived_at === null) credential.archived_at = credential.updated_at = nowIso();
		ctx.send(200, credential);
	}, beta);
	router.add('DELETE', '/v1/vaults/:vault_id/credentials/:credential_id', (ctx) => {
		const credential = store.credential(ctx.params.vault_id, ctx.params.credential_id);
		store.credentials.delete(credential.id);
		store.secrets.delete(credential.id);
		ctx.send(200, { id: credential.id, type: 'vault_credential_deleted' });
	}, beta);
	router.add('POST', '/v1/vaults/:vault_id/credentials/:credential_id/mcp_oauth_validate', (ctx) => {
		const credential = store.credential(ctx.params.vault_id, ctx.params.credential_id);
		if (credential.auth.type !== 'mcp_oauth') throw badRequest(`credential '${credential.id}' is not an mcp_oauth credential.`);
		const secrets = store.secrets.get(credential.id) ?? {};
		const expired = credential.auth.expires_at !== null && Date.parse(credential.auth.expires_at) <= emulator.now();
		const canRefresh = !!secrets.refresh_token;
		ctx.send(200, {
			type: 'vault_credential_validation',
			credential_id: credential.id,
			vault_id: credential.vault_id,
			has_refresh_token: canRefresh,
			// The emulator reaches no MCP server: an unexpired token counts as accepted, a refresh as succeeded.
			status: !expired || canRefresh ? 'valid' : 'invalid',
			mcp_probe: null,
			refresh: canRefresh ? { status: 'succeeded', http_response: null } : { status: 'no_refresh_token', http_response: null },
			validated_at: nowIso(),
		});
	}, beta);
}

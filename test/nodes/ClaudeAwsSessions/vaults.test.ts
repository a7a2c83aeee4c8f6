/** Vaults and vault credentials through the Agents node: what a user sees, and the secret never in it. */
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { TEST_VAULT_SECRETS } from '../../emulator/fixtures';
import { byId, runSessions, wire } from './helpers';

const [BEARER, ACCESS, REFRESH, CLIENT_SECRET, ENV_SECRET] = TEST_VAULT_SECRETS;

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

const vaultCalls = () => wire(emulator, /^\/v1\/vaults/);

async function createVault(name = 'CRM tokens'): Promise<string> {
	const result = await runSessions(emulator, { resource: 'vault', operation: 'create', vaultName: name, additionalFields: { metadata: { entries: [{ key: 'team', value: 'sales' }] } } });
	if (result.error) throw result.error;
	return result.json[0].id as string;
}

function bearerCredential(vaultId: string, extra: Record<string, unknown> = {}) {
	return runSessions(emulator, { resource: 'vaultCredential', operation: 'create', vaultId: byId(vaultId), authType: 'static_bearer', mcpServerUrl: 'https://mcp.example.com/sse', token: BEARER, ...extra });
}

/** Everything a user can see of a run: output items and the error with its description. */
function visible(result: Awaited<ReturnType<typeof runSessions>>): string {
	return JSON.stringify({ json: result.json, error: result.error && { message: result.error.message, description: (result.error as any).description } });
}

describe('Vaults', () => {
	it('creates, gets, lists (Limit, Return All, Include Archived), updates, archives and deletes a vault', async () => {
		const id = await createVault();
		const got = await runSessions(emulator, { resource: 'vault', operation: 'get', vaultId: byId(id) });
		expect(got.json[0]).toMatchObject({ id, type: 'vault', display_name: 'CRM tokens', metadata: { team: 'sales' }, archived_at: null });
		expect(vaultCalls()[0].headers['anthropic-beta']).toContain('managed-agents-2026-04-01');

		const other = await createVault('Second');
		const limited = await runSessions(emulator, { resource: 'vault', operation: 'list', limit: 1 });
		expect(limited.json.map((v) => v.id)).toEqual([other]);
		const updated = await runSessions(emulator, { resource: 'vault', operation: 'update', vaultId: byId(id), updateFields: { displayName: 'CRM', removeMetadata: 'team', metadata: { entries: [{ key: 'owner', value: 'ops' }] } } });
		expect(updated.json[0]).toMatchObject({ display_name: 'CRM', metadata: { owner: 'ops' } });

		const archived = await runSessions(emulator, { resource: 'vault', operation: 'archive', vaultId: byId(id) });
		expect(archived.json[0].archived_at).toEqual(expect.any(String));
		const active = await runSessions(emulator, { resource: 'vault', operation: 'list', returnAll: true });
		expect(active.json.map((v) => v.id)).not.toContain(id);
		const all = await runSessions(emulator, { resource: 'vault', operation: 'list', returnAll: true, includeArchived: true });
		expect(all.json.map((v) => v.id)).toEqual(expect.arrayContaining([id, other]));

		const refused = await runSessions(emulator, { resource: 'vault', operation: 'update', vaultId: byId(id), updateFields: { displayName: 'again' } });
		expect(refused.error?.message).toMatch(/archived/);

		const deleted = await runSessions(emulator, { resource: 'vault', operation: 'delete', vaultId: byId(other) });
		expect(deleted.json[0]).toEqual({ id: other, type: 'vault_deleted' });
		const gone = await runSessions(emulator, { resource: 'vault', operation: 'get', vaultId: byId(other) });
		expect(gone.error?.message).toContain('404');
		expect(gone.error?.message).toContain(other);
	});

	it("refuses a bad vault ID or an empty name before any request, naming the field and the item", async () => {
		const badId = await runSessions(emulator, { resource: 'vault', operation: 'get', vaultId: byId('..') });
		expect(badId.error?.message).toMatch(/Vault/);
		expect(badId.error?.message).toMatch(/not a vault ID/);
		const noName = await runSessions(emulator, { resource: 'vault', operation: 'create', vaultName: '  ' }, { input: [{}, {}] });
		expect(noName.error?.message).toMatch(/Display Name/);
		expect(noName.error?.message).toMatch(/empty/);
		const nothing = await runSessions(emulator, { resource: 'vault', operation: 'update', vaultId: byId('vlt_01Anything'), updateFields: {} });
		expect(nothing.error?.message).toMatch(/Update Fields.*nothing to change/);
		expect(vaultCalls()).toEqual([]);
	});
});

describe('Vault credentials', () => {
	it('stores a bearer token and outputs only its shape: never the token, on create, get, list or update', async () => {
		const vaultId = await createVault();
		const created = await bearerCredential(vaultId, { additionalFields: { displayName: 'CRM MCP' } });
		expect(created.json[0]).toMatchObject({ type: 'vault_credential', vault_id: vaultId, display_name: 'CRM MCP', auth: { type: 'static_bearer', mcp_server_url: 'https://mcp.example.com/sse' } });
		const id = created.json[0].id as string;
		// The secret went to the platform, once, in the body.
		expect(emulator.state.vaults.secrets.get(id)).toEqual({ token: BEARER });

		const got = await runSessions(emulator, { resource: 'vaultCredential', operation: 'get', vaultId: byId(vaultId), credentialId: byId(id) });
		const listed = await runSessions(emulator, { resource: 'vaultCredential', operation: 'list', vaultId: byId(vaultId), returnAll: true });
		expect(listed.json.map((c) => c.id)).toEqual([id]);
		const updated = await runSessions(emulator, { resource: 'vaultCredential', operation: 'update', vaultId: byId(vaultId), credentialId: byId(id), authType: 'static_bearer', updateFields: { secret: ENV_SECRET } });
		expect(emulator.state.vaults.secrets.get(id)).toEqual({ token: ENV_SECRET });
		for (const result of [created, got, listed, updated]) {
			for (const secret of TEST_VAULT_SECRETS) expect(visible(result)).not.toContain(secret);
		}
	});

	it('creates MCP OAuth (with refresh) and environment variable credentials; validates the OAuth one', async () => {
		const vaultId = await createVault();
		const oauth = await runSessions(emulator, {
			resource: 'vaultCredential',
			operation: 'create',
			vaultId: byId(vaultId),
			authType: 'mcp_oauth',
			mcpServerUrl: 'https://mcp.example.com/mcp',
			accessToken: ACCESS,
			oauthOptions: { clientId: 'n8n-client', refreshToken: REFRESH, endpointUrl: 'https://auth.example.com/token', endpointAuth: 'client_secret_post', clientSecret: CLIENT_SECRET, scope: 'read' },
		});
		expect(oauth.json[0].auth).toEqual({
			type: 'mcp_oauth',
			mcp_server_url: 'https://mcp.example.com/mcp',
			expires_at: null,
			refresh: { client_id: 'n8n-client', token_endpoint: 'https://auth.example.com/token', token_endpoint_auth: { type: 'client_secret_post' }, scope: 'read', resource: null },
		});
		const oauthId = oauth.json[0].id as string;
		expect(emulator.state.vaults.secrets.get(oauthId)).toEqual({ access_token: ACCESS, refresh_token: REFRESH, client_secret: CLIENT_SECRET });

		const validated = await runSessions(emulator, { resource: 'vaultCredential', operation: 'validateMcpOAuth', vaultId: byId(vaultId), credentialId: byId(oauthId) });
		expect(validated.json[0]).toMatchObject({ type: 'vault_credential_validation', credential_id: oauthId, status: 'valid', has_refresh_token: true });

		const env = await runSessions(emulator, {
			resource: 'vaultCredential',
			operation: 'create',
			vaultId: byId(vaultId),
			authType: 'environment_variable',
			variableName: 'GITHUB_TOKEN',
			secretValue: ENV_SECRET,
			allowedHosts: 'api.github.com, uploads.github.com',
		});
		expect(env.json[0].auth).toEqual({ type: 'environment_variable', secret_name: 'GITHUB_TOKEN', networking: { type: 'limited', allowed_hosts: ['api.github.com', 'uploads.github.com'] }, injection_location: { header: true, body: false } });
		const notOauth = await runSessions(emulator, { resource: 'vaultCredential', operation: 'validateMcpOAuth', vaultId: byId(vaultId), credentialId: byId(env.json[0].id as string) });
		expect(notOauth.error?.message).toMatch(/not an mcp_oauth credential/);
		for (const result of [oauth, validated, env, notOauth]) {
			for (const secret of TEST_VAULT_SECRETS) expect(visible(result)).not.toContain(secret);
		}
	});

	it('archives (then refuses updates) and deletes a credential (then 404)', async () => {
		const vaultId = await createVault();
		const id = (await bearerCredential(vaultId)).json[0].id as string;
		const archived = await runSessions(emulator, { resource: 'vaultCredential', operation: 'archive', vaultId: byId(vaultId), credentialId: byId(id) });
		expect(archived.json[0].archived_at).toEqual(expect.any(String));
		const refused = await runSessions(emulator, { resource: 'vaultCredential', operation: 'update', vaultId: byId(vaultId), credentialId: byId(id), authType: 'static_bearer', updateFields: { secret: BEARER } });
		expect(refused.error?.message).toMatch(/archived/);
		expect(visible(refused)).not.toContain(BEARER);
		const deleted = await runSessions(emulator, { resource: 'vaultCredential', operation: 'delete', vaultId: byId(vaultId), credentialId: byId(id) });
		expect(deleted.json[0]).toEqual({ id, type: 'vault_credential_deleted' });
		const gone = await runSessions(emulator, { resource: 'vaultCredential', operation: 'get', vaultId: byId(vaultId), credentialId: byId(id) });
		expect(gone.error?.message).toContain('404');
	});

	it('refuses a credential without its secret, a bad URL or a field of another auth type before any request, naming field and item', async () => {
		const noToken = await bearerCredential('vlt_01Whatever', { token: '={{ "" }}' });
		expect(noToken.error?.message).toMatch(/Token.*empty/);
		expect(noToken.error?.message).toMatch(/item 0|\[item 0\]/i);
		const noEnvSecret = await runSessions(emulator, { resource: 'vaultCredential', operation: 'create', vaultId: byId('vlt_01Whatever'), authType: 'environment_variable', variableName: 'X_TOKEN', secretValue: '={{ $json.missing }}' });
		expect(noEnvSecret.error?.message).toMatch(/Secret Value.*empty/);
		const noRefresh = await runSessions(emulator, { resource: 'vaultCredential', operation: 'create', vaultId: byId('vlt_01Whatever'), authType: 'mcp_oauth', mcpServerUrl: 'https://mcp.example.com', accessToken: ACCESS, oauthOptions: { clientId: 'c', endpointUrl: 'https://auth.example.com/t' } });
		expect(noRefresh.error?.message).toMatch(/Refresh Token.*empty/);
		const badUrl = await bearerCredential('vlt_01Whatever', { mcpServerUrl: 'https://user:pw@mcp.example.com' });
		expect(badUrl.error?.message).toMatch(/MCP Server URL/);
		const wrongField = await runSessions(emulator, { resource: 'vaultCredential', operation: 'update', vaultId: byId('vlt_01Whatever'), credentialId: byId('vcrd_01X'), authType: 'static_bearer', updateFields: { refreshToken: REFRESH } });
		expect(wrongField.error?.message).toMatch(/New Refresh Token|refreshToken/);
		const badId = await runSessions(emulator, { resource: 'vaultCredential', operation: 'get', vaultId: byId('vlt_01Whatever'), credentialId: byId('a/b') });
		expect(badId.error?.message).toMatch(/Credential/);
		expect(vaultCalls()).toEqual([]);
		for (const result of [noToken, noEnvSecret, noRefresh, badUrl, wrongField]) {
			for (const secret of TEST_VAULT_SECRETS) expect(visible(result)).not.toContain(secret);
		}
	});
});

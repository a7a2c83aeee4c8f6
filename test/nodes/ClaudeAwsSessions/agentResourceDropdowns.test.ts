/** Dropdowns of vaults, memory stores and skills, and of what the picked one holds (credentials, memories, versions). */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { ClaudeAwsSessions } from '../../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_MEMORY_STORE_ID } from '../../emulator/resources/memoryStores';
import { SEED_ANTHROPIC_SKILL_ID } from '../../emulator/resources/skills';
import { SEED_VAULT_CREDENTIAL_ID, SEED_VAULT_ID } from '../../emulator/resources/vaults';
import { accessKeyCredentials } from '../../helpers/credentials';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearReceived());

const { listSearch } = new ClaudeAwsSessions().methods;

function context(current: Record<string, unknown> = {}): ILoadOptionsFunctions {
	return {
		getCredentials: async () => accessKeyCredentials(emulator),
		getCurrentNodeParameter: (name: string) => current[name],
		getNode: () => ({ id: 'n1', name: 'Dropdown', type: 'claudeAwsSessions', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { claudePlatformAwsApi: { id: 'cred-1', name: 'c' } } }),
	} as unknown as ILoadOptionsFunctions;
}

it('every ID field of the new resources names a search the node has', () => {
	const methods = new Set(Object.keys(listSearch));
	const named = new ClaudeAwsSessions().description.properties
		.filter((p) => p.type === 'resourceLocator')
		.flatMap((p) => (p.modes ?? []).map((m) => m.typeOptions?.searchListMethod).filter(Boolean));
	for (const method of ['searchVaults', 'searchVaultCredentials', 'searchMemoryStores', 'searchMemories', 'searchMemoryVersions', 'searchSkills', 'searchSkillVersions']) {
		expect(named).toContain(method);
		expect(methods).toContain(method);
	}
});

it('lists vaults, memory stores and skills with their names and IDs, with their beta headers', async () => {
	const vaults = await listSearch.searchVaults.call(context());
	expect(vaults.results).toContainEqual({ name: `CRM access (${SEED_VAULT_ID})`, value: SEED_VAULT_ID });
	const stores = await listSearch.searchMemoryStores.call(context(), 'customer');
	expect(stores.results).toEqual([{ name: `Customer memory (${SEED_MEMORY_STORE_ID})`, value: SEED_MEMORY_STORE_ID }]);
	const skills = await listSearch.searchSkills.call(context());
	expect(skills.results).toContainEqual({ name: `PDF (${SEED_ANTHROPIC_SKILL_ID})`, value: SEED_ANTHROPIC_SKILL_ID });
	expect(emulator.received.map((r) => [r.path, r.headers['anthropic-beta']])).toEqual([
		['/v1/vaults', 'managed-agents-2026-04-01'],
		['/v1/memory_stores', 'agent-memory-2026-07-22'],
		['/v1/skills', undefined],
	]);
});

it("lists the picked vault's credentials and the picked store's memories (folders left out); no parent picked is a clear error", async () => {
	const credentials = await listSearch.searchVaultCredentials.call(context({ vaultId: SEED_VAULT_ID }));
	expect(credentials.results).toEqual([{ name: `CRM MCP server (${SEED_VAULT_CREDENTIAL_ID})`, value: SEED_VAULT_CREDENTIAL_ID }]);
	const memories = await listSearch.searchMemories.call(context({ memoryStoreId: SEED_MEMORY_STORE_ID }));
	expect(memories.results).toEqual([]);
	await expect(listSearch.searchVaultCredentials.call(context({}))).rejects.toThrow(/Pick the Vault first/);
	await expect(listSearch.searchSkillVersions.call(context({ skillId: '..' }))).rejects.toThrow(/Pick the Skill first: ".." is not a skill ID/);
	expect(emulator.received.map((r) => r.path)).toEqual([`/v1/vaults/${SEED_VAULT_ID}/credentials`, `/v1/memory_stores/${SEED_MEMORY_STORE_ID}/memories`]);
});

/**
 * Contract test of the emulator's vaults, memory stores and skills routes: the official SDK drives each
 * route our Agents node uses, every answer is checked against the SDK's declared type, and every
 * request must have been accepted with the SDK's signing and headers (beta header where it sends one).
 */
import { toFile, BadRequestError, NotFoundError, ConflictError } from '@anthropic-ai/sdk';
import type { Emulator } from '../emulator/types';
import { TEST_VAULT_SECRETS } from '../emulator/fixtures';
import { writeZip, readZip } from '../emulator/zip';
import { createShapeChecker, type SdkTypeName, type ShapeChecker } from './sdkShapes';
import { MANAGED_AGENTS_BETA, describeRequestProblems, requestsSince, settled, startContractEmulator, type AcceptedExpectation, type Clients } from './harness';

const MEMORY_BETA = 'agent-memory-2026-07-22';

let emulator: Emulator;
let clients: Clients;
let shapes: ShapeChecker;

beforeAll(async () => {
	shapes = createShapeChecker();
	({ emulator, clients } = await startContractEmulator());
});
afterAll(async () => {
	await emulator?.close();
});

function expectShape(name: SdkTypeName, value: unknown): void {
	expect(shapes.issues(name, value)).toEqual([]);
}

async function accepted<T>(expected: AcceptedExpectation, body: () => Promise<T>): Promise<T> {
	const mark = emulator.received.length;
	const result = await body();
	const records = await settled(requestsSince(emulator, mark));
	expect(records.length).toBeGreaterThan(0);
	expect(describeRequestProblems(records, expected)).toEqual([]);
	return result;
}

const skillMd = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\n# ${name}\n`;

describe('vaults and credentials (beta managed-agents)', () => {
	const beta = { beta: MANAGED_AGENTS_BETA };

	it('create, retrieve, update, list, archive, delete a vault; a deleted vault is NotFoundError', async () => {
		const vault = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.vaults.create({ display_name: 'Contract vault', metadata: { a: '1' } }));
		expectShape('Vault', vault);
		expectShape('Vault', await accepted(beta, () => clients.sigv4.beta.vaults.retrieve(vault.id)));
		const updated = await accepted(beta, () => clients.temporary.beta.vaults.update(vault.id, { display_name: 'Renamed', metadata: { a: null, b: '2' } }));
		expect(updated).toMatchObject({ display_name: 'Renamed', metadata: { b: '2' } });
		await accepted({ ...beta, auth: 'bearer' }, async () => {
			for await (const item of clients.apiKey.beta.vaults.list({ limit: 1 })) expectShape('Vault', item);
		});
		expectShape('Vault', await accepted(beta, () => clients.sigv4.beta.vaults.archive(vault.id)));
		await expect(clients.sigv4.beta.vaults.update(vault.id, { display_name: 'x' })).rejects.toBeInstanceOf(BadRequestError);
		expectShape('DeletedVault', await accepted(beta, () => clients.sigv4.beta.vaults.delete(vault.id)));
		await expect(clients.sigv4.beta.vaults.retrieve(vault.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('credentials of each auth type fit the SDK and never echo their secret; MCP OAuth validation', async () => {
		const vault = await clients.sigv4.beta.vaults.create({ display_name: 'Secrets' });
		const bearer = await accepted(beta, () =>
			clients.sigv4.beta.vaults.credentials.create(vault.id, { auth: { type: 'static_bearer', mcp_server_url: 'https://mcp.example.com/sse', token: TEST_VAULT_SECRETS[0] }, display_name: 'MCP' }),
		);
		expectShape('VaultCredential', bearer);
		const oauth = await accepted(beta, () =>
			clients.sigv4.beta.vaults.credentials.create(vault.id, {
				auth: {
					type: 'mcp_oauth',
					mcp_server_url: 'https://mcp.example.com/mcp',
					access_token: TEST_VAULT_SECRETS[1],
					refresh: { client_id: 'c', refresh_token: TEST_VAULT_SECRETS[2], token_endpoint: 'https://auth.example.com/token', token_endpoint_auth: { type: 'client_secret_basic', client_secret: TEST_VAULT_SECRETS[3] } },
				},
			}),
		);
		expectShape('VaultCredential', oauth);
		const env = await accepted(beta, () =>
			clients.sigv4.beta.vaults.credentials.create(vault.id, { auth: { type: 'environment_variable', secret_name: 'API_TOKEN', secret_value: TEST_VAULT_SECRETS[4], networking: { type: 'limited', allowed_hosts: ['api.example.com'] } } }),
		);
		expectShape('VaultCredential', env);
		for (const credential of [bearer, oauth, env]) for (const secret of TEST_VAULT_SECRETS) expect(JSON.stringify(credential)).not.toContain(secret);

		expectShape('VaultCredential', await accepted(beta, () => clients.sigv4.beta.vaults.credentials.retrieve(bearer.id, { vault_id: vault.id })));
		const updated = await accepted(beta, () => clients.sigv4.beta.vaults.credentials.update(env.id, { vault_id: vault.id, auth: { type: 'environment_variable', networking: { type: 'unrestricted' } } }));
		expect(updated.auth).toMatchObject({ networking: { type: 'unrestricted' } });
		await accepted(beta, async () => {
			for await (const item of clients.sigv4.beta.vaults.credentials.list(vault.id, { limit: 2 })) expectShape('VaultCredential', item);
		});
		const validation = await accepted(beta, () => clients.sigv4.beta.vaults.credentials.mcpOAuthValidate(oauth.id, { vault_id: vault.id }));
		expectShape('CredentialValidation', validation);
		expectShape('VaultCredential', await accepted(beta, () => clients.sigv4.beta.vaults.credentials.archive(bearer.id, { vault_id: vault.id })));
		expectShape('DeletedVaultCredential', await accepted(beta, () => clients.sigv4.beta.vaults.credentials.delete(bearer.id, { vault_id: vault.id })));
		await expect(clients.sigv4.beta.vaults.credentials.retrieve(bearer.id, { vault_id: vault.id })).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('memory stores, memories, memory versions (beta agent-memory)', () => {
	const beta = { beta: MEMORY_BETA };

	it('every route answers as the SDK declares; versions follow writes; conflicts are ConflictError', async () => {
		const store = await accepted({ ...beta, auth: 'sigv4' }, () => clients.sigv4.beta.memoryStores.create({ name: 'Contract store', description: 'd' }));
		expectShape('MemoryStore', store);
		expectShape('MemoryStore', await accepted(beta, () => clients.sigv4.beta.memoryStores.retrieve(store.id)));
		expectShape('MemoryStore', await accepted(beta, () => clients.sigv4.beta.memoryStores.update(store.id, { name: 'Renamed' })));
		await accepted({ ...beta, auth: 'bearer' }, async () => {
			for await (const item of clients.apiKey.beta.memoryStores.list({ limit: 1 })) expectShape('MemoryStore', item);
		});

		const memory = await accepted(beta, () => clients.sigv4.beta.memoryStores.memories.create(store.id, { path: '/notes/a.md', content: 'first' }));
		expectShape('Memory', memory);
		expect(memory.content).toBeNull();
		const full = await accepted(beta, () => clients.sigv4.beta.memoryStores.memories.retrieve(memory.id, { memory_store_id: store.id }));
		expectShape('Memory', full);
		expect(full.content).toBe('first');
		await expect(clients.sigv4.beta.memoryStores.memories.create(store.id, { path: '/notes/a.md', content: 'again' })).rejects.toBeInstanceOf(ConflictError);
		const changed = await accepted(beta, () =>
			clients.sigv4.beta.memoryStores.memories.update(memory.id, { memory_store_id: store.id, content: 'second', precondition: { type: 'content_sha256', content_sha256: memory.content_sha256 } }),
		);
		expectShape('Memory', changed);
		await accepted(beta, async () => {
			for await (const item of clients.sigv4.beta.memoryStores.memories.list(store.id, { path_prefix: '/notes/', view: 'full' })) expectShape('MemoryListItem', item);
			for await (const item of clients.sigv4.beta.memoryStores.memories.list(store.id, { depth: 1 })) expectShape('MemoryListItem', item);
		});

		const versions: string[] = [];
		await accepted(beta, async () => {
			for await (const version of clients.sigv4.beta.memoryStores.memoryVersions.list(store.id, { memory_id: memory.id })) {
				expectShape('MemoryVersion', version);
				versions.push(version.operation);
			}
		});
		expect(versions).toEqual(['modified', 'created']);
		const first = (await clients.sigv4.beta.memoryStores.memoryVersions.list(store.id, { operation: 'created' })).data[0];
		expectShape('MemoryVersion', await accepted(beta, () => clients.sigv4.beta.memoryStores.memoryVersions.retrieve(first.id, { memory_store_id: store.id })));
		const redacted = await accepted(beta, () => clients.sigv4.beta.memoryStores.memoryVersions.redact(first.id, { memory_store_id: store.id }));
		expectShape('MemoryVersion', redacted);
		expect(redacted.redacted_at).toEqual(expect.any(String));

		expectShape('DeletedMemory', await accepted(beta, () => clients.sigv4.beta.memoryStores.memories.delete(memory.id, { memory_store_id: store.id })));
		expectShape('MemoryStore', await accepted(beta, () => clients.sigv4.beta.memoryStores.archive(store.id)));
		await expect(clients.sigv4.beta.memoryStores.memories.create(store.id, { path: '/b.md', content: 'x' })).rejects.toBeInstanceOf(BadRequestError);
		expectShape('DeletedMemoryStore', await accepted(beta, () => clients.sigv4.beta.memoryStores.delete(store.id)));
		await expect(clients.sigv4.beta.memoryStores.retrieve(store.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('skills and versions (no beta header)', () => {
	it('upload files and a zip, list, retrieve, new version, download, delete: every answer fits the SDK', async () => {
		const skill = await accepted({ auth: 'sigv4' }, async () =>
			clients.sigv4.beta.skills.create({
				display_name: 'Contract skill',
				files: [await toFile(Buffer.from(skillMd('contract-skill', 'Checks contracts')), 'contract-skill/SKILL.md'), await toFile(Buffer.from('x'), 'contract-skill/ref/notes.txt')],
			}),
		);
		expectShape('Skill', skill);
		expect(skill.display_name).toBe('Contract skill');
		expectShape('Skill', await accepted({}, () => clients.sigv4.beta.skills.retrieve(skill.id)));
		await accepted({ auth: 'bearer' }, async () => {
			for await (const item of clients.apiKey.beta.skills.list({ limit: 1 })) expectShape('Skill', item);
		});

		const zip = writeZip([{ path: 'contract-skill/SKILL.md', data: Buffer.from(skillMd('contract-skill', 'Checks contracts, v2')) }]);
		const version = await accepted({}, async () => clients.sigv4.beta.skills.versions.create(skill.id, { files: [await toFile(zip, 'contract-skill.zip', { type: 'application/zip' })] }));
		expectShape('SkillVersion', version);
		expect(version.description).toBe('Checks contracts, v2');
		expect((await clients.sigv4.beta.skills.retrieve(skill.id)).latest_version_id).toBe(version.id);
		await accepted({}, async () => {
			for await (const item of clients.sigv4.beta.skills.versions.list(skill.id)) expectShape('SkillVersion', item);
		});
		expectShape('SkillVersion', await accepted({}, () => clients.sigv4.beta.skills.versions.retrieve(version.id, { skill_id: skill.id })));
		const response = await accepted({}, () => clients.sigv4.beta.skills.versions.download(version.id, { skill_id: skill.id }));
		const entries = readZip(Buffer.from(await response.arrayBuffer()));
		expect(entries.map((e) => e.path)).toEqual(['contract-skill/SKILL.md']);

		await expect(clients.sigv4.beta.skills.delete(skill.id)).rejects.toBeInstanceOf(BadRequestError);
		for (const v of (await clients.sigv4.beta.skills.versions.list(skill.id)).data) {
			expectShape('DeletedSkillVersion', await accepted({}, () => clients.sigv4.beta.skills.versions.delete(v.id, { skill_id: skill.id })));
		}
		expectShape('DeletedSkill', await accepted({}, () => clients.sigv4.beta.skills.delete(skill.id)));
		await expect(clients.sigv4.beta.skills.retrieve(skill.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

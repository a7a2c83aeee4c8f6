/** Sessions: Update (title, metadata); Start with vault IDs and resources of every kind; List with the SDK's filters. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { buildResources } from '../../emulator/resources/sessions';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 30 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

const start = (additionalFields: IDataObject, extra: IDataObject = {}) =>
	runSessions(emulator, {
		resource: 'session',
		operation: 'start',
		agent: byId(SEED_RESEARCH_AGENT_ID),
		environment: byId(SEED_ENVIRONMENT_ID),
		message: 'hello',
		waitForReply: false,
		additionalFields: additionalFields as INodeParameters,
		...extra,
	});

const SHA = 'a'.repeat(40);

describe('Session > Start with vaults and resources', () => {
	it('sends vault IDs and resources of every kind after the saved File IDs, and never echoes the repository token', async () => {
		const fileId: string = emulator.state.files.addFile('a.txt', 'text/plain', 'x').id;
		const result = await start({
			fileIds: fileId,
			vaultIds: 'vlt_01A, vlt_01B',
			resources: {
				resource: [
					{ kind: 'github_repository', url: 'https://github.com/acme/shop', authorizationToken: 'ghp_secret_token_1', branch: 'main', mountPath: '/workspace/shop' },
					{ kind: 'github_repository', url: 'https://github.com/acme/lib', commit: SHA },
					{ kind: 'memory_store', memoryStoreId: 'memstore_01Notes', access: 'read_only', instructions: 'Read the notes first.' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		const body = wire(emulator, /^\/v1\/sessions$/)[0].json as Record<string, any>;
		expect(body.vault_ids).toEqual(['vlt_01A', 'vlt_01B']);
		expect(body.resources).toEqual([
			{ type: 'file', file_id: fileId },
			{ type: 'github_repository', url: 'https://github.com/acme/shop', authorization_token: 'ghp_secret_token_1', checkout: { type: 'branch', name: 'main' }, mount_path: '/workspace/shop' },
			{ type: 'github_repository', url: 'https://github.com/acme/lib', checkout: { type: 'commit', sha: SHA } },
			{ type: 'memory_store', memory_store_id: 'memstore_01Notes', access: 'read_only', instructions: 'Read the notes first.' },
		]);
		const session = result.json[0];
		expect(session.vault_ids).toEqual(['vlt_01A', 'vlt_01B']);
		expect((session.resources as any[]).map((r) => r.type)).toEqual(['file', 'github_repository', 'github_repository', 'memory_store']);
		expect(JSON.stringify(result.json)).not.toContain('ghp_secret_token_1');
	});

	it.each([
		[{ resources: { resource: [{ kind: 'dropbox' }] } }, 'Resources 1: "dropbox" is not a kind of resource (item 0)'],
		[{ resources: { resource: [{ kind: 'file', fileId: '../x' }] } }, 'Resources 1: "../x" is not a file ID (item 0)'],
		[{ resources: { resource: [{ kind: 'github_repository', url: 'git@github.com:a/b' }] } }, 'Resources 1: "git@github.com:a/b" is not an https repository URL'],
		[{ resources: { resource: [{ kind: 'github_repository', url: 'https://github.com/a/b', branch: 'x', commit: SHA }] } }, 'Resources 1: has both a Branch and a Commit SHA'],
		[{ resources: { resource: [{ kind: 'memory_store', memoryStoreId: '' }] } }, 'Resources 1: no memory store ID was given (item 0)'],
		[{ resources: { resource: Array.from({ length: 9 }, (_, n) => ({ kind: 'memory_store', memoryStoreId: `memstore_${n}` })) } }, 'Resources: has 9 memory stores; a session can mount at most 8 (item 0)'],
		[{ vaultIds: 'vlt_ok, a/b' }, 'Vault IDs: "a/b" is not a vault ID (item 0)'],
	])('bad input %j fails before any request', async (additionalFields, message) => {
		const result = await start(additionalFields);
		expect(result.error?.message).toContain(message);
		expect(wire(emulator)).toHaveLength(0);
	});

	it('the emulator refuses a ninth memory store too (the limit the node checks)', () => {
		const resources = Array.from({ length: 9 }, (_, n) => ({ type: 'memory_store', memory_store_id: `memstore_${n}` }));
		expect(() => buildResources(emulator, resources)).toThrow('at most 8 memory stores per session');
		expect(buildResources(emulator, resources.slice(0, 8))).toHaveLength(8);
	});
});

describe('Session > Update', () => {
	it('changes title and metadata keys, keeps the other keys', async () => {
		const started = await start({ title: 'First', metadata: { entries: [{ key: 'team', value: 'ops' }, { key: 'ticket', value: '1' }] } });
		const id = started.json[0].session_id as string;
		const updated = await runSessions(emulator, { resource: 'session', operation: 'update', sessionId: byId(id), updateFields: { title: 'Second', metadata: { entries: [{ key: 'ticket', value: '2' }] } } });
		expect(updated.error).toBeUndefined();
		expect(updated.json[0]).toMatchObject({ session_id: id, title: 'Second', metadata: { team: 'ops', ticket: '2' } });

		const empty = await runSessions(emulator, { resource: 'session', operation: 'update', sessionId: byId(id), updateFields: {} });
		expect(empty.error?.message).toContain('Update Fields: has no field to change (item 0)');
		const gone = await runSessions(emulator, { resource: 'session', operation: 'update', sessionId: byId('sesn_01Nope'), updateFields: { title: 'x' } });
		expect(gone.error?.message).toMatch(/404.*sesn_01Nope/);
	});
});

describe('Session > List filters', () => {
	it('filters by agent version, creation time, memory store and order', async () => {
		const before = new Date(Date.now() - 1000).toISOString();
		const a = await runSessions(emulator, { resource: 'session', operation: 'start', agent: byId(SEED_SUPPORT_AGENT_ID), environment: byId(SEED_ENVIRONMENT_ID), message: 'x', waitForReply: false, additionalFields: { resources: { resource: [{ kind: 'memory_store', memoryStoreId: 'memstore_01Filter' }] } } });
		const b = await runSessions(emulator, { resource: 'session', operation: 'start', agent: byId(SEED_SUPPORT_AGENT_ID), environment: byId(SEED_ENVIRONMENT_ID), message: 'y', waitForReply: false });
		const idA = a.json[0].session_id;
		const idB = b.json[0].session_id;
		emulator.clearReceived();

		const byStore = await runSessions(emulator, { resource: 'session', operation: 'list', returnAll: true, filters: { memoryStoreId: 'memstore_01Filter' } });
		expect(byStore.json.map((s) => s.id)).toEqual([idA]);
		const oldest = await runSessions(emulator, { resource: 'session', operation: 'list', returnAll: true, filters: { agentId: SEED_SUPPORT_AGENT_ID, agentVersion: 1, createdAfter: before, order: 'asc' } });
		expect(oldest.json.map((s) => s.id)).toEqual([idA, idB]);
		expect(wire(emulator, /^\/v1\/sessions$/)[1].query).toMatchObject({ agent_version: '1', 'created_at[gte]': before, order: 'asc' });
		const none = await runSessions(emulator, { resource: 'session', operation: 'list', returnAll: true, filters: { agentId: SEED_SUPPORT_AGENT_ID, createdBefore: before } });
		expect(none.json.filter((s) => s.id === idA || s.id === idB)).toEqual([]);
	});

	it('refuses an Agent Version without an Agent ID and a bad date before any request', async () => {
		const version = await runSessions(emulator, { resource: 'session', operation: 'list', filters: { agentVersion: 2 } });
		expect(version.error?.message).toContain('Agent Version: only filters together with an Agent ID (item 0)');
		const date = await runSessions(emulator, { resource: 'session', operation: 'list', filters: { createdAfter: 'yesterday-ish' } });
		expect(date.error?.message).toContain('Created After: "yesterday-ish" is not a date and time (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});
});

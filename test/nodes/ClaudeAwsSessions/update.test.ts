/** Agents: Update (a new version, stale version refused), List Versions, Get at a version; Environments: Update, Delete. */
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 30 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

async function createAgent(name = 'Updatable agent'): Promise<string> {
	const result = await runSessions(emulator, { resource: 'agent', operation: 'create', name, model: byId('claude-sonnet-4-6'), system: 'Be brief.' });
	if (result.error) throw result.error;
	return result.json[0].id as string;
}

describe('Agent > Update', () => {
	it('makes a new version with only the fields given, and Get reads any version', async () => {
		const id = await createAgent();
		const updated = await runSessions(emulator, {
			resource: 'agent',
			operation: 'update',
			agentId: byId(id),
			baseVersion: 1,
			updateFields: {
				system: 'Answer in French.',
				tools: '[{ "type": "agent_toolset_20260401" }, { "type": "mcp_toolset", "mcp_server_name": "docs" }]',
				mcpServers: '[{ "name": "docs", "url": "https://mcp.example.com/sse" }]',
				skills: '[{ "type": "anthropic", "skill_id": "xlsx" }]',
			},
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json[0]).toMatchObject({
			id,
			version: 2,
			name: 'Updatable agent',
			system: 'Answer in French.',
			mcp_servers: [{ type: 'url', name: 'docs', url: 'https://mcp.example.com/sse' }],
			skills: [{ type: 'anthropic', skill_id: 'xlsx' }],
		});
		const body = wire(emulator, /^\/v1\/agents\/agent_/).find((r) => r.method === 'POST')!.json as Record<string, unknown>;
		expect(body).toMatchObject({ version: 1, system: 'Answer in French.' });
		expect(body).not.toHaveProperty('name');

		const first = await runSessions(emulator, { resource: 'agent', operation: 'get', agentId: byId(id), version: 1 });
		expect(first.json[0]).toMatchObject({ version: 1, system: 'Be brief.' });

		const versions = await runSessions(emulator, { resource: 'agent', operation: 'listVersions', agentId: byId(id), returnAll: true });
		expect(versions.json.map((v) => v.version)).toEqual([2, 1]);
		const newest = await runSessions(emulator, { resource: 'agent', operation: 'listVersions', agentId: byId(id), limit: 1 });
		expect(newest.json.map((v) => v.version)).toEqual([2]);
	});

	it('refuses an update based on a stale version, with the API error', async () => {
		const id = await createAgent();
		await runSessions(emulator, { resource: 'agent', operation: 'update', agentId: byId(id), updateFields: { name: 'Renamed' } });
		const stale = await runSessions(emulator, { resource: 'agent', operation: 'update', agentId: byId(id), baseVersion: 1, updateFields: { name: 'Again' } });
		expect(stale.error?.message).toMatch(/409.*version 2, not 1/);
		const current = await runSessions(emulator, { resource: 'agent', operation: 'get', agentId: byId(id) });
		expect(current.json[0]).toMatchObject({ version: 2, name: 'Renamed' });
	});

	it('refuses to update an archived agent', async () => {
		const id = await createAgent();
		await runSessions(emulator, { resource: 'agent', operation: 'archive', agentId: byId(id) });
		const result = await runSessions(emulator, { resource: 'agent', operation: 'update', agentId: byId(id), updateFields: { system: 'x' } });
		expect(result.error?.message).toMatch(/400.*archived/);
	});

	it.each([
		[{}, 'Update Fields: has no field to change (item 0)'],
		[{ name: '  ' }, 'Update Fields > Name: is empty; an agent always has a name (item 0)'],
		[{ skills: '[{ "skill_id": "xlsx" }]' }, 'Update Fields > Skills (JSON): skill 1 needs a "type"'],
		[{ mcpServers: '[{ "name": "docs" }]' }, 'Update Fields > MCP Servers (JSON): server 1 needs a "name" and an http(s) "url"'],
		[{ tools: '{ "type": "custom" }' }, 'Update Fields > Tools (JSON): must be a JSON array (item 0)'],
	])('bad input %j fails before any request', async (updateFields, message) => {
		const result = await runSessions(emulator, { resource: 'agent', operation: 'update', agentId: byId('agent_01Any'), updateFields });
		expect(result.error?.message).toContain(message);
		expect(wire(emulator)).toHaveLength(0);
	});

	it('refuses more than 20 MCP servers and a pasted ".." as the agent before any request', async () => {
		const many = JSON.stringify(Array.from({ length: 21 }, (_, n) => ({ name: `s${n}`, url: 'https://mcp.example.com' })));
		const tooMany = await runSessions(emulator, { resource: 'agent', operation: 'update', agentId: byId('agent_01Any'), updateFields: { mcpServers: many } });
		expect(tooMany.error?.message).toContain('has 21 servers; the API allows at most 20');
		const dots = await runSessions(emulator, { resource: 'agent', operation: 'update', agentId: byId('..'), updateFields: { name: 'x' } });
		expect(dots.error?.message).toContain('Agent: ".." is not an agent ID (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});
});

describe('Environment > Update and Delete', () => {
	it('updates only the given fields and deletes; a deleted environment is 404', async () => {
		const created = await runSessions(emulator, { resource: 'environment', operation: 'create', name: 'Scratch', description: 'first' });
		const id = created.json[0].id as string;
		const updated = await runSessions(emulator, {
			resource: 'environment',
			operation: 'update',
			environmentId: byId(id),
			updateFields: { name: 'Scratch 2', config: '{ "type": "cloud", "networking": { "type": "limited", "allowed_hosts": ["example.com"] } }' },
		});
		expect(updated.json[0]).toMatchObject({ id, name: 'Scratch 2', description: 'first', config: { networking: { type: 'limited', allowed_hosts: ['example.com'] } } });

		const typeChange = await runSessions(emulator, { resource: 'environment', operation: 'update', environmentId: byId(id), updateFields: { config: '{ "type": "self_hosted" }' } });
		expect(typeChange.error?.message).toMatch(/400.*type cannot change/);

		const deleted = await runSessions(emulator, { resource: 'environment', operation: 'delete', environmentId: byId(id) });
		expect(deleted.json[0]).toMatchObject({ id, deleted: true, type: 'environment_deleted' });
		const gone = await runSessions(emulator, { resource: 'environment', operation: 'get', environmentId: byId(id) });
		expect(gone.error?.message).toContain('404');
	});

	it('refuses to update an archived environment, and an update with no field before any request', async () => {
		const created = await runSessions(emulator, { resource: 'environment', operation: 'create', name: 'To archive' });
		const id = created.json[0].id as string;
		await runSessions(emulator, { resource: 'environment', operation: 'archive', environmentId: byId(id) });
		const archived = await runSessions(emulator, { resource: 'environment', operation: 'update', environmentId: byId(id), updateFields: { name: 'x' } });
		expect(archived.error?.message).toMatch(/400.*archived/);
		emulator.clearReceived();
		const empty = await runSessions(emulator, { resource: 'environment', operation: 'update', environmentId: byId(SEED_ENVIRONMENT_ID), updateFields: {} });
		expect(empty.error?.message).toContain('Update Fields: has no field to change (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});
});

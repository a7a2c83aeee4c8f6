/** Session Resource: Add, List, Get, Update, Delete against the emulator, and the dropdown of a session's resources. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { searchSessionResources } from '../../../nodes/shared/methods/sessionListSearch';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_RESEARCH_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { accessKeyCredentials } from '../../helpers/credentials';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 20 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

async function sessionWithRepository(): Promise<{ sessionId: string; repositoryId: string }> {
	const started = await runSessions(emulator, {
		resource: 'session',
		operation: 'start',
		agent: byId(SEED_RESEARCH_AGENT_ID),
		environment: byId(SEED_ENVIRONMENT_ID),
		message: 'hi',
		additionalFields: { resources: { resource: [{ kind: 'github_repository', url: 'https://github.com/acme/shop', authorizationToken: 'ghp_first' }, { kind: 'memory_store', memoryStoreId: 'memstore_01Kept' }] } },
	});
	if (started.error) throw started.error;
	const sessionId = started.json[0].session_id as string;
	const repository = (emulator.state.sessions.get(sessionId).session.resources as any[]).find((r) => r.type === 'github_repository');
	return { sessionId, repositoryId: repository.id };
}

const op = (operation: string, extra: Record<string, unknown>) => runSessions(emulator, { resource: 'sessionResource', operation, ...(extra as any) });

describe('Session Resource', () => {
	it('adds a file, lists, gets, rotates a repository token and deletes; a deleted resource is 404', async () => {
		const { sessionId, repositoryId } = await sessionWithRepository();
		const fileId = emulator.state.files.addFile('data.csv', 'text/csv', 'a,b').id as string;

		const added = await op('add', { sessionId: byId(sessionId), fileId: byId(fileId), mountPath: '/mnt/session/uploads/data.csv' });
		expect(added.error).toBeUndefined();
		expect(added.json[0]).toMatchObject({ session_id: sessionId, type: 'file', file_id: fileId, mount_path: '/mnt/session/uploads/data.csv', id: expect.stringMatching(/^sesrsc_/) });
		const resourceId = added.json[0].id as string;

		const all = await op('list', { sessionId: byId(sessionId), returnAll: true });
		expect(all.json.map((r) => r.type)).toEqual(['github_repository', 'memory_store', 'file']);
		expect(all.json.every((r) => r.session_id === sessionId)).toBe(true);
		const one = await op('list', { sessionId: byId(sessionId), limit: 1 });
		expect(one.json).toHaveLength(1);

		const got = await op('get', { sessionId: byId(sessionId), resourceId: byId(resourceId) });
		expect(got.json[0]).toMatchObject({ id: resourceId, file_id: fileId });

		const rotated = await op('update', { sessionId: byId(sessionId), resourceId: byId(repositoryId), authorizationToken: 'ghp_rotated_secret' });
		expect(rotated.error).toBeUndefined();
		expect(rotated.json[0]).toMatchObject({ id: repositoryId, type: 'github_repository' });
		expect(JSON.stringify(rotated.json)).not.toContain('ghp_rotated_secret');
		const notRepository = await op('update', { sessionId: byId(sessionId), resourceId: byId(resourceId), authorizationToken: 'x' });
		expect(notRepository.error?.message).toMatch(/400.*only GitHub repository resources/);

		const deleted = await op('delete', { sessionId: byId(sessionId), resourceId: byId(resourceId) });
		expect(deleted.json[0]).toMatchObject({ session_id: sessionId, id: resourceId, deleted: true });
		const gone = await op('get', { sessionId: byId(sessionId), resourceId: byId(resourceId) });
		expect(gone.error?.message).toMatch(/404.*session resource/);
	});

	it('an archived session refuses changes to its resources', async () => {
		const { sessionId, repositoryId } = await sessionWithRepository();
		const archive = await runSessions(emulator, { resource: 'session', operation: 'archive', sessionId: byId(sessionId) });
		expect(archive.error).toBeUndefined();
		const result = await op('delete', { sessionId: byId(sessionId), resourceId: byId(repositoryId) });
		expect(result.error?.message).toMatch(/400.*archived/);
	});

	it('bad IDs and an empty token fail before any request, naming the field and the item', async () => {
		const badFile = await op('add', { sessionId: byId('sesn_01A'), fileId: byId('a/b') });
		expect(badFile.error?.message).toContain('File: "a/b" is not a file ID (item 0)');
		const badResource = await op('get', { sessionId: byId('sesn_01A'), resourceId: byId('..') });
		expect(badResource.error?.message).toContain('Session Resource: ".." is not a session resource ID (item 0)');
		const noToken = await op('update', { sessionId: byId('sesn_01A'), resourceId: byId('sesrsc_01A'), authorizationToken: "={{ '' }}" });
		expect(noToken.error?.message).toContain('Authorization Token: is empty (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});

	it('the dropdown lists the resources of the session picked, leaving out memory stores (they have no ID)', async () => {
		const { sessionId, repositoryId } = await sessionWithRepository();
		const context = (session: string) =>
			({
				getCredentials: async () => accessKeyCredentials(emulator),
				getCurrentNodeParameter: () => session,
				getNode: () => ({ id: 'n1', name: 'Agents', type: 'claudeAwsSessions', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { claudePlatformAwsApi: { id: 'c', name: 'c' } } }),
			}) as unknown as ILoadOptionsFunctions;
		const found = await searchSessionResources.call(context(sessionId));
		expect(found.results).toEqual([{ name: `Repository https://github.com/acme/shop (${repositoryId})`, value: repositoryId }]);
		const filtered = await searchSessionResources.call(context(sessionId), 'nothing-like-it');
		expect(filtered.results).toEqual([]);
		emulator.clearReceived();
		expect((await searchSessionResources.call(context(''))).results).toEqual([]);
		expect((await searchSessionResources.call(context('..'))).results).toEqual([]);
		expect(wire(emulator)).toHaveLength(0);
	});
});

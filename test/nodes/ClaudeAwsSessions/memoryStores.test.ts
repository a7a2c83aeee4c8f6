/** Memory stores, memories and memory versions through the Agents node, against the emulator. */
import { createHash } from 'node:crypto';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

const memoryCalls = () => wire(emulator, /^\/v1\/memory_stores/);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function createStore(name = 'Customer notes'): Promise<string> {
	const result = await runSessions(emulator, { resource: 'memoryStore', operation: 'create', storeName: name, additionalFields: { description: 'What we learned about customers' } });
	if (result.error) throw result.error;
	return result.json[0].id as string;
}

async function createMemory(storeId: string, path: string, content: string): Promise<Record<string, any>> {
	const result = await runSessions(emulator, { resource: 'memory', operation: 'create', memoryStoreId: byId(storeId), memoryPath: path, memoryContent: content });
	if (result.error) throw result.error;
	return result.json[0];
}

describe('Memory stores', () => {
	it('creates, gets, lists, updates, archives (then refuses writes) and deletes (then 404) a store, with the agent-memory beta', async () => {
		const id = await createStore();
		expect(memoryCalls()[0].headers['anthropic-beta']).toContain('agent-memory-2026-07-22');
		const got = await runSessions(emulator, { resource: 'memoryStore', operation: 'get', memoryStoreId: byId(id) });
		expect(got.json[0]).toMatchObject({ id, type: 'memory_store', name: 'Customer notes', description: 'What we learned about customers', archived_at: null });
		const updated = await runSessions(emulator, { resource: 'memoryStore', operation: 'update', memoryStoreId: byId(id), updateFields: { name: 'Notes', metadata: { entries: [{ key: 'team', value: 'support' }] } } });
		expect(updated.json[0]).toMatchObject({ name: 'Notes', metadata: { team: 'support' } });
		const second = await createStore('Second');
		const limited = await runSessions(emulator, { resource: 'memoryStore', operation: 'list', limit: 1 });
		expect(limited.json.map((s) => s.id)).toEqual([second]);

		await runSessions(emulator, { resource: 'memoryStore', operation: 'archive', memoryStoreId: byId(id) });
		const listed = await runSessions(emulator, { resource: 'memoryStore', operation: 'list', returnAll: true });
		expect(listed.json.map((s) => s.id)).not.toContain(id);
		const withArchived = await runSessions(emulator, { resource: 'memoryStore', operation: 'list', returnAll: true, includeArchived: true });
		expect(withArchived.json.map((s) => s.id)).toContain(id);
		const write = await runSessions(emulator, { resource: 'memory', operation: 'create', memoryStoreId: byId(id), memoryPath: '/a.md', memoryContent: 'x' });
		expect(write.error?.message).toMatch(/archived/);

		const deleted = await runSessions(emulator, { resource: 'memoryStore', operation: 'delete', memoryStoreId: byId(second) });
		expect(deleted.json[0]).toEqual({ id: second, type: 'memory_store_deleted' });
		const gone = await runSessions(emulator, { resource: 'memoryStore', operation: 'get', memoryStoreId: byId(second) });
		expect(gone.error?.message).toContain('404');
	});
});

describe('Memories and memory versions', () => {
	it('writes a memory, reads it back by ID and by path prefix, updates it (a new version) and deletes it', async () => {
		const storeId = await createStore();
		const created = await createMemory(storeId, '/customers/acme/notes.md', 'Prefers email.');
		expect(created).toMatchObject({ type: 'memory', path: '/customers/acme/notes.md', content_sha256: sha('Prefers email.'), content_size_bytes: 14 });
		const got = await runSessions(emulator, { resource: 'memory', operation: 'get', memoryStoreId: byId(storeId), memoryId: byId(created.id) });
		expect(got.json[0]).toMatchObject({ id: created.id, content: 'Prefers email.' });
		await createMemory(storeId, '/customers/globex/notes.md', 'Calls on Fridays.');
		await createMemory(storeId, '/team.md', 'Ana, Ben.');

		const acme = await runSessions(emulator, { resource: 'memory', operation: 'list', memoryStoreId: byId(storeId), returnAll: true, filters: { pathPrefix: '/customers/acme/', includeContent: true } });
		expect(acme.error).toBeUndefined();
		expect(acme.json).toEqual([expect.objectContaining({ path: '/customers/acme/notes.md', content: 'Prefers email.' })]);
		const top = await runSessions(emulator, { resource: 'memory', operation: 'list', memoryStoreId: byId(storeId), returnAll: true, filters: { depth: 1 } });
		expect(top.json).toEqual([{ type: 'memory_prefix', path: '/customers/' }, expect.objectContaining({ path: '/team.md', content: null })]);
		const one = await runSessions(emulator, { resource: 'memory', operation: 'list', memoryStoreId: byId(storeId), limit: 1 });
		expect(one.json).toHaveLength(1);

		const updated = await runSessions(emulator, { resource: 'memory', operation: 'update', memoryStoreId: byId(storeId), memoryId: byId(created.id), updateFields: { content: 'Prefers phone.', expectedSha256: created.content_sha256 } });
		expect(updated.json[0]).toMatchObject({ id: created.id, content_sha256: sha('Prefers phone.') });
		expect(updated.json[0].memory_version_id).not.toBe(created.memory_version_id);
		const stale = await runSessions(emulator, { resource: 'memory', operation: 'update', memoryStoreId: byId(storeId), memoryId: byId(created.id), updateFields: { content: 'lost update', expectedSha256: created.content_sha256 } });
		expect(stale.error?.message).toMatch(/409/);

		const versions = await runSessions(emulator, { resource: 'memoryVersion', operation: 'list', memoryStoreId: byId(storeId), returnAll: true, filters: { memoryId: created.id } });
		expect(versions.json.map((v) => v.operation)).toEqual(['modified', 'created']);
		const first = versions.json[1];
		const firstFull = await runSessions(emulator, { resource: 'memoryVersion', operation: 'get', memoryStoreId: byId(storeId), memoryVersionId: byId(first.id as string) });
		expect(firstFull.json[0]).toMatchObject({ id: first.id, content: 'Prefers email.', operation: 'created' });
		const redacted = await runSessions(emulator, { resource: 'memoryVersion', operation: 'redact', memoryStoreId: byId(storeId), memoryVersionId: byId(first.id as string) });
		expect(redacted.json[0]).toMatchObject({ id: first.id, content: null, redacted_at: expect.any(String) });
		const created2 = await runSessions(emulator, { resource: 'memoryVersion', operation: 'list', memoryStoreId: byId(storeId), returnAll: true, filters: { versionOperation: 'created' } });
		expect(created2.json).toHaveLength(3);

		const deleted = await runSessions(emulator, { resource: 'memory', operation: 'delete', memoryStoreId: byId(storeId), memoryId: byId(created.id) });
		expect(deleted.json[0]).toEqual({ id: created.id, type: 'memory_deleted' });
		const gone = await runSessions(emulator, { resource: 'memory', operation: 'get', memoryStoreId: byId(storeId), memoryId: byId(created.id) });
		expect(gone.error?.message).toContain('404');
		const afterDelete = await runSessions(emulator, { resource: 'memoryVersion', operation: 'list', memoryStoreId: byId(storeId), returnAll: true, filters: { memoryId: created.id } });
		expect(afterDelete.json.map((v) => v.operation)).toEqual(['deleted', 'modified', 'created']);
	});

	it('refuses an empty, relative or dotted memory path, a bad prefix, a bad SHA-256 or an ID like ".." before any request', async () => {
		const store = 'memstore_01Whatever';
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ operation: 'create', memoryPath: '={{ "" }}', memoryContent: 'x' }, /Path: is empty \(item 0\)/],
			[{ operation: 'create', memoryPath: 'notes.md', memoryContent: 'x' }, /Path: "notes.md" does not start with "\/"/],
			[{ operation: 'create', memoryPath: '/a/../b.md', memoryContent: 'x' }, /Path: has a "\.\." segment/],
			[{ operation: 'create', memoryPath: '/a//b.md', memoryContent: 'x' }, /Path: has an empty segment/],
			[{ operation: 'create', memoryPath: '/big.md', memoryContent: 'x'.repeat(102401) }, /Content: is 102401 bytes/],
			[{ operation: 'list', filters: { pathPrefix: '/notes' } }, /Path Prefix/],
			[{ operation: 'update', memoryId: byId('mem_01X'), updateFields: { path: '' } }, /Update Fields > Path: is empty/],
			[{ operation: 'update', memoryId: byId('mem_01X'), updateFields: {} }, /nothing to change/],
			[{ operation: 'delete', memoryId: byId('mem_01X'), expectedSha256: 'abc' }, /not a SHA-256/],
			[{ operation: 'get', memoryId: byId('..') }, /Memory: .*not a memory ID/],
		];
		for (const [parameters, message] of cases) {
			const result = await runSessions(emulator, { resource: 'memory', memoryStoreId: byId(store), ...parameters });
			expect(result.error?.message).toMatch(message);
		}
		const badStore = await runSessions(emulator, { resource: 'memoryVersion', operation: 'list', memoryStoreId: byId('.') });
		expect(badStore.error?.message).toMatch(/Memory Store/);
		const badFilter = await runSessions(emulator, { resource: 'memoryVersion', operation: 'list', memoryStoreId: byId(store), filters: { sessionId: 'a/b' } });
		expect(badFilter.error?.message).toMatch(/Filters > Session ID/);
		expect(memoryCalls()).toEqual([]);
	});

	it('a second memory at the same path is a 409 naming the path', async () => {
		const storeId = await createStore();
		await createMemory(storeId, '/dup.md', 'one');
		const again = await runSessions(emulator, { resource: 'memory', operation: 'create', memoryStoreId: byId(storeId), memoryPath: '/dup.md', memoryContent: 'two' });
		expect(again.error?.message).toMatch(/409/);
		expect(again.error?.message).toContain('/dup.md');
	});
});

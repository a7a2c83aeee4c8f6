/** List, Get and Delete over real HTTP: paging, metadata, and 404s that name the file. */
import { byId, runFiles, useEmulator } from './filesHarness';

const { emulator, files } = useEmulator();

const listCalls = () => emulator().received.filter((r) => r.method === 'GET' && r.path === '/v1/files');

describe('Files node: List', () => {
	let ids: string[];
	beforeAll(() => {
		files().files.clear();
		// 230 files: three pages of 100 for Return All. Listed newest first.
		ids = Array.from({ length: 230 }, (_, i) => files().addFile(`doc-${i}.txt`, 'text/plain', `content ${i}`).id).reverse();
	});

	it('follows page tokens to the end with Return All', async () => {
		const result = await runFiles(emulator(), { operation: 'list', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.json.map((f) => f.id)).toEqual(ids);
		expect(result.json[0]).toMatchObject({ filename: 'doc-229.txt', mime_type: 'text/plain', size_bytes: 11, downloadable: true });
		expect(result.items[0].every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const calls = listCalls();
		expect(calls.map((c) => c.query.limit)).toEqual(['100', '100', '100']);
		expect(calls[0].query.page).toBeUndefined();
		expect(calls[1].query.page).toBeTruthy();
		expect(calls[2].query.page).toBeTruthy();
	});

	it('stops at Limit, asking only for what is still missing', async () => {
		const result = await runFiles(emulator(), { operation: 'list', returnAll: false, limit: 120 });
		expect(result.json.map((f) => f.id)).toEqual(ids.slice(0, 120));
		expect(listCalls().map((c) => c.query.limit)).toEqual(['100', '20']);
	});

	it('uses the default limit of 50', async () => {
		const result = await runFiles(emulator(), { operation: 'list' });
		expect(result.json).toHaveLength(50);
		expect(listCalls()).toHaveLength(1);
	});
});

describe('Files node: Get and Delete', () => {
	it('gets a file\'s metadata by ID, also with spaces around it', async () => {
		const meta = files().addFile('report.pdf', 'application/pdf', Buffer.from('%PDF-1.7'));
		const result = await runFiles(emulator(), { operation: 'get', fileId: byId(`  ${meta.id} `) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([meta]);
		expect(emulator().received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/files/${meta.id}`]);
	});

	it('gets the file picked from the list mode of the locator', async () => {
		const meta = files().addFile('picked.txt', 'text/plain', 'x');
		const result = await runFiles(emulator(), { operation: 'get', fileId: { __rl: true, mode: 'list', value: meta.id, cachedResultName: 'picked.txt' } });
		expect(result.json[0].id).toBe(meta.id);
	});

	it('deletes a file and says which one', async () => {
		const meta = files().addFile('gone.txt', 'text/plain', 'bye');
		const result = await runFiles(emulator(), { operation: 'delete', fileId: byId(meta.id) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: meta.id, deleted: true }]);
		expect(files().get(meta.id)).toBeUndefined();
		expect(emulator().received.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/files/${meta.id}`]);
	});

	it.each(['get', 'delete', 'download'])('%s: an unknown file ID fails with a 404 that names the ID', async (operation) => {
		const id = 'file_01DoesNotExist0000000000';
		const result = await runFiles(emulator(), { operation, fileId: byId(id) });
		expect(result.error?.message).toBe(`404 not_found_error: File not found: '${id}'. (item 0)`);
		expect((result.error as { description?: string }).description).toContain(`Nothing was found at /v1/files/${id}`);
		expect(emulator().received).toHaveLength(1);
	});

	it('names the ID even when the gateway\'s 404 does not', async () => {
		const id = 'file_01GatewaySaysNothing00000';
		emulator().faults.inject({ path: `/v1/files/${id}`, fault: { type: 'status', status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found.' } } } });
		const result = await runFiles(emulator(), { operation: 'get', fileId: byId(id) });
		expect(result.error?.message).toBe(`404 not_found_error: No file with ID '${id}' in this workspace (Not found.) (item 0)`);
	});

	it.each(['file_01 ../../v1/messages', 'file_01?x=1'])('refuses the typed-in file ID %j before sending anything', async (id) => {
		for (const operation of ['get', 'delete', 'download']) {
			const result = await runFiles(emulator(), { operation, fileId: byId(id) });
			expect(result.error?.message).toBe(`File: "${id}" is not a file ID (item 0)`);
		}
		expect(emulator().received).toHaveLength(0);
	});

	it.each([
		['', 'File: no file ID was given (item 0)'],
		['file_01 ../../v1/messages', 'File: "file_01 ../../v1/messages" is not a file ID (item 0)'],
		['file_01?x=1', 'File: "file_01?x=1" is not a file ID (item 0)'],
	])('refuses file ID %j from an expression before sending anything', async (id, message) => {
		for (const operation of ['get', 'delete', 'download']) {
			const result = await runFiles(emulator(), { operation, fileId: byId('={{ $json.id }}') }, { input: [{ id }] });
			expect(result.error?.message).toBe(message);
		}
		expect(emulator().received).toHaveLength(0);
	});

	it('keeps going per item with Continue On Fail, each result paired to its item', async () => {
		const a = files().addFile('a.txt', 'text/plain', 'a');
		const b = files().addFile('b.txt', 'text/plain', 'b');
		const result = await runFiles(
			emulator(),
			{ operation: 'get', fileId: byId('={{ $json.id }}') },
			{ continueOnFail: true, input: [{ id: a.id }, { id: 'file_01Missing000000000000000' }, { id: b.id }] },
		);
		expect(result.json.map((j) => j.filename ?? j.error)).toEqual(['a.txt', "404 not_found_error: File not found: 'file_01Missing000000000000000'. (item 1)", 'b.txt']);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

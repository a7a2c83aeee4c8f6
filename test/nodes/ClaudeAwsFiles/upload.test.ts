/** Upload (and back down again) through n8n's real engine and binary data store, over real HTTP. */
import { truncateSync } from 'node:fs';
import { getEngine } from '../../helpers/runNode';
import { ALL_BYTES, byId, runFiles, useEmulator } from './filesHarness';

const { emulator, files } = useEmulator();

const uploads = () => emulator().received.filter((r) => r.method === 'POST' && r.path === '/v1/files');

describe('Files node: Upload', () => {
	it.each(['filesystem', 'default'] as const)('round-trips every byte value byte-exact, keeping name and MIME type (%s binary mode)', async (binaryMode) => {
		const up = await runFiles(emulator(), { operation: 'upload' }, {
			binaryMode,
			binary: [{ data: { data: ALL_BYTES, fileName: 'résumé – all bytes.bin', mimeType: 'application/x-custom' } }],
		});
		expect(up.error).toBeUndefined();
		const meta = up.json[0];
		expect(meta).toMatchObject({ filename: 'résumé – all bytes.bin', mime_type: 'application/x-custom', size_bytes: ALL_BYTES.length, downloadable: true });
		expect(typeof meta.id).toBe('string');
		expect(typeof meta.created_at).toBe('string');
		expect(up.items[0][0].pairedItem).toEqual({ item: 0 });

		// Sent with an exact Content-Length, as a streamed (UNSIGNED-PAYLOAD) body, once.
		const [wire] = uploads();
		expect(uploads()).toHaveLength(1);
		expect(wire.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(Number(wire.headers['content-length'])).toBe(wire.bodyBytes);
		expect(wire.headers['transfer-encoding']).toBeUndefined();

		const down = await runFiles(emulator(), { operation: 'download', fileId: byId(String(meta.id)) }, { binaryMode });
		expect(down.error).toBeUndefined();
		expect(down.json[0]).toMatchObject({ id: meta.id, filename: meta.filename });
		const binary = down.items[0][0].binary!.data;
		expect(binary).toMatchObject({ fileName: 'résumé – all bytes.bin', mimeType: 'application/x-custom' });
		if (binaryMode === 'filesystem') expect(binary.id).toBeDefined();
		expect((await down.binary(0, 'data')).equals(ALL_BYTES)).toBe(true);
	});

	it('streams a file from the filesystem store and uses the File Name, MIME Type and expiry options', async () => {
		const before = Date.now();
		const result = await runFiles(
			emulator(),
			{ operation: 'upload', binaryPropertyName: 'doc', options: { fileName: 'renamed.txt', mimeType: 'text/plain', expiresInHours: 2 } },
			{ binary: [{ doc: { data: Buffer.from('hello files'), fileName: 'original.bin', mimeType: 'application/octet-stream' } }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ filename: 'renamed.txt', mime_type: 'text/plain', size_bytes: 11 });
		const expiresAt = Date.parse(String(result.json[0].expires_at));
		expect(expiresAt - before).toBeGreaterThanOrEqual(2 * 3600 * 1000 - 1000);
		expect(expiresAt - before).toBeLessThan(2 * 3600 * 1000 + 60_000);
		const stored = files().get(String(result.json[0].id))!;
		expect(stored.meta.size_bytes).toBe(11);
	});

	it('takes the exact size from the binary store when the item only has the rounded fileSize (older n8n, other stores)', async () => {
		const { binaryDataService } = await getEngine();
		const stored = await binaryDataService.store(
			{ type: 'execution', workflowId: 'wf', executionId: 'older' },
			Buffer.from('x'.repeat(1500)),
			{ data: '', mimeType: 'text/plain', fileName: 'old.txt' },
		);
		delete stored.bytes;
		expect(stored.fileSize).toBe('1.5 kB');
		const result = await runFiles(emulator(), { operation: 'upload' }, { input: [{ json: {}, binary: { data: stored } }] });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ filename: 'old.txt', size_bytes: 1500 });
		const [wire] = uploads();
		expect(Number(wire.headers['content-length'])).toBe(wire.bodyBytes);
		expect(wire.bodyBytes).toBeGreaterThan(1500);
	});

	it('uploads each item as its own file, in order, with Continue On Fail keeping the good ones', async () => {
		const result = await runFiles(emulator(), { operation: 'upload' }, {
			continueOnFail: true,
			binary: [
				{ data: { data: Buffer.from('first'), fileName: 'a.txt', mimeType: 'text/plain' } },
				{ other: { data: Buffer.from('second'), fileName: 'b.txt', mimeType: 'text/plain' } },
				{ data: { data: Buffer.from('third'), fileName: 'c.txt', mimeType: 'text/plain' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.filename ?? j.error)).toEqual(['a.txt', 'Input Binary Field: the item has no binary field "data" (item 1)', 'c.txt']);
		expect(result.json[1].errorDescription).toContain('"other"');
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(uploads()).toHaveLength(2);
	});
});

describe('Files node: Upload refuses bad input before sending anything', () => {
	it('names the missing binary property and the item', async () => {
		const result = await runFiles(emulator(), { operation: 'upload', binaryPropertyName: 'attachment' }, {
			binary: [{ data: { data: Buffer.from('ok'), fileName: 'ok.txt', mimeType: 'text/plain' } }],
		});
		expect(result.error?.message).toBe('Input Binary Field: the item has no binary field "attachment" (item 0)');
		expect((result.error as { description?: string }).description).toContain('Its binary fields are: "data"');
		expect(emulator().received).toHaveLength(0);
	});

	it('refuses an empty file', async () => {
		const result = await runFiles(emulator(), { operation: 'upload' }, {
			binary: [{ data: { data: Buffer.alloc(0), fileName: 'empty.txt', mimeType: 'text/plain' } }],
		});
		expect(result.error?.message).toBe('Input Binary Field: the file in "data" is empty (item 0)');
		expect(emulator().received).toHaveLength(0);
	});

	it('refuses a file over the API limit of 500 MiB from its size alone', async () => {
		// A 500 MiB + 1 byte file in n8n's binary store, made sparse in place: copying 500 MiB through the
		// Test Input node would cost seconds and prove nothing more.
		const { binaryDataService } = await getEngine();
		const size = 500 * 1024 * 1024 + 1;
		const stored = await binaryDataService.store({ type: 'execution', workflowId: 'wf', executionId: 'big' }, Buffer.from('%PDF'), {
			data: '',
			mimeType: 'application/pdf',
			fileName: 'big.pdf',
		});
		truncateSync(binaryDataService.getPath(stored.id!), size);
		stored.bytes = size;
		stored.fileSize = '524 MB';
		const result = await runFiles(emulator(), { operation: 'upload' }, { input: [{ json: {}, binary: { data: stored } }] });
		expect(result.error?.message).toBe(
			'Input Binary Field: the file in "data" is 500 MiB (524288001 bytes), larger than the Files API\'s limit of 500 MiB (524288000 bytes) (item 0)',
		);
		expect(emulator().received).toHaveLength(0);
	});

	it.each([
		[{ expiresInHours: 0 }, 'Expires After (Hours): 0 is not a whole number of hours from 1 to 2160 (item 0)'],
		[{ expiresInHours: 1.5 }, 'Expires After (Hours): 1.5 is not a whole number of hours from 1 to 2160 (item 0)'],
		[{ mimeType: 'pdf' }, 'MIME Type: "pdf" is not a MIME type (item 0)'],
	])('refuses option %j', async (options, message) => {
		const result = await runFiles(emulator(), { operation: 'upload', options }, {
			binary: [{ data: { data: Buffer.from('abc'), fileName: 'a.txt', mimeType: 'text/plain' } }],
		});
		expect(result.error?.message).toBe(message);
		expect(emulator().received).toHaveLength(0);
	});
});

describe('Files node: Upload when the gateway refuses the size', () => {
	afterEach(() => {
		files().maxBytes = 500 * 1024 * 1024;
	});

	it('reports the gateway\'s 413 with what to do, and sends the upload only once', async () => {
		files().maxBytes = 1024;
		const result = await runFiles(emulator(), { operation: 'upload' }, {
			binary: [{ data: { data: Buffer.alloc(200 * 1024, 7), fileName: 'big.bin', mimeType: 'application/octet-stream' } }],
		});
		expect(result.error?.message).toBe('413 request_too_large: File is larger than the maximum of 1024 bytes. (item 0)');
		expect((result.error as { description?: string }).description).toContain('Files 500 MB');
		expect(uploads()).toHaveLength(1);
		expect([...files().files.values()].some((f) => f.meta.filename === 'big.bin')).toBe(false);
	});

	it('reports an injected 413 with its request ID', async () => {
		emulator().faults.inject({ method: 'POST', path: '/v1/files', fault: { type: 'status', status: 413 } });
		const result = await runFiles(emulator(), { operation: 'upload' }, {
			binary: [{ data: { data: Buffer.from('small'), fileName: 's.txt', mimeType: 'text/plain' } }],
		});
		expect(result.error?.message).toMatch(/^413 request_too_large: .+ \(item 0\)$/);
		expect((result.error as { description?: string }).description).toMatch(/POST \/v1\/files answered 413 request_too_large\. Request ID: req_/);
		expect(uploads()).toHaveLength(1);
	});
});

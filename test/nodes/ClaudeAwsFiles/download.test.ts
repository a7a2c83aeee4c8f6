/** Download over real HTTP into n8n's binary data store: names, MIME types, refusals and broken streams. */
import { NOT_DOWNLOADABLE_MARKER } from '../../emulator/resources/files';
import { ALL_BYTES, byId, runFiles, useEmulator } from './filesHarness';

const { emulator, files } = useEmulator();

const contentCalls = () => emulator().received.filter((r) => r.path.endsWith('/content'));

describe('Files node: Download', () => {
	it('puts the content in the chosen binary field with the stored name and MIME type, JSON = metadata', async () => {
		const bytes = Buffer.concat(Array.from({ length: 400 }, () => ALL_BYTES)); // ~300 KiB: several chunks
		const meta = files().addFile('chart.png', 'image/png', bytes);
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(meta.id), binaryPropertyName: 'chart' });
		expect(result.error).toBeUndefined();
		const [item] = result.items[0];
		expect(item.json).toEqual(meta);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.binary!)).toEqual(['chart']);
		expect(item.binary!.chart).toMatchObject({ fileName: 'chart.png', mimeType: 'image/png', fileExtension: 'png' });
		expect(item.binary!.chart.id).toMatch(/^filesystem/);
		expect((await result.binary(0, 'chart')).equals(bytes)).toBe(true);
		// Metadata first, then the content, asked for as binary.
		expect(emulator().received.map((r) => r.path)).toEqual([`/v1/files/${meta.id}`, `/v1/files/${meta.id}/content`]);
		expect(contentCalls()[0].headers.accept).toBe('application/binary');
	});

	it('uses the File Name option instead of the stored name', async () => {
		const meta = files().addFile('output.csv', 'text/csv', 'a,b\n1,2\n');
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(meta.id), options: { fileName: 'renamed.csv' } });
		expect(result.items[0][0].binary!.data).toMatchObject({ fileName: 'renamed.csv', mimeType: 'text/csv' });
		expect((await result.binary(0)).toString()).toBe('a,b\n1,2\n');
	});

	it('refuses a file that is not downloadable without asking for its content', async () => {
		const meta = files().addFile('uploaded.pdf', 'application/pdf', '%PDF', { downloadable: false });
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(meta.id) });
		expect(result.error?.message).toBe(`File: the file ${meta.id} ("uploaded.pdf") cannot be downloaded (item 0)`);
		expect((result.error as { description?: string }).description).toMatch(/only lets you download files that Claude created with a tool/);
		expect(contentCalls()).toHaveLength(0);
	});

	it('an uploaded file marked not downloadable round-trips to the same refusal', async () => {
		const up = await runFiles(emulator(), { operation: 'upload' }, {
			binary: [{ data: { data: Buffer.from('mine'), fileName: `mine${NOT_DOWNLOADABLE_MARKER}.txt`, mimeType: 'text/plain' } }],
		});
		expect(up.json[0].downloadable).toBe(false);
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(String(up.json[0].id)) });
		expect(result.error?.message).toMatch(/cannot be downloaded \(item 0\)$/);
		expect(contentCalls()).toHaveLength(0);
	});

	it('fails the item, never returns a truncated file, when the content stream is cut', async () => {
		const meta = files().addFile('big.bin', 'application/octet-stream', Buffer.alloc(1024 * 1024, 1));
		emulator().faults.inject({ path: `/v1/files/${meta.id}/content`, fault: { type: 'cutStream', afterEvents: 2 } });
		const result = await runFiles(emulator(), { operation: 'download', fileId: byId(meta.id) });
		expect(result.error?.message).toMatch(new RegExp(`^The download of file ${meta.id} (broke off|ended) after \\d+ (of 1048576 )?bytes.* \\(item 0\\)$`));
		expect((result.error as { description?: string }).description).toContain('was incomplete');
		expect(result.items).toEqual([]);
	});

	it('downloads items concurrently, each into its own item', async () => {
		const metas = Array.from({ length: 5 }, (_, i) => files().addFile(`f${i}.txt`, 'text/plain', `file number ${i}`));
		const result = await runFiles(
			emulator(),
			{ operation: 'download', fileId: byId('={{ $json.id }}') },
			{ input: metas.map((m) => ({ id: m.id })) },
		);
		expect(result.error).toBeUndefined();
		for (let i = 0; i < 5; i++) {
			expect(result.json[i].id).toBe(metas[i].id);
			expect((await result.binary(i)).toString()).toBe(`file number ${i}`);
		}
	});
});

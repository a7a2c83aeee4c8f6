/**
 * Issue 17.12: items run concurrently, so when one fails the node (no Continue On Fail), others may
 * already have created what they create. The error names them and their IDs, so a rerun or Retry On
 * Fail does not create them twice.
 */
import { runFiles, useEmulator } from '../nodes/ClaudeAwsFiles/filesHarness';

const { emulator, files } = useEmulator();

const file = (i: number) => ({ data: { data: Buffer.from(`file ${i}`), fileName: `f${i}.txt`, mimeType: 'text/plain' } });

describe('work already done is reported when a later item fails', () => {
	it('Files > Upload: item 2 fails; the error names the files items 0 and 1 stored, by ID', async () => {
		const before = new Set(files().files.keys());
		// In item order (concurrency 1), item 2 has no file: it fails after two uploads were stored.
		const result = await runFiles(emulator(), { operation: 'upload', binaryPropertyName: 'data', options: { concurrency: 1 } }, { binary: [file(0), file(1), undefined] });
		expect(result.error?.message).toMatch(/^Input Binary Field: .* \(item 2\)$/);
		const stored = [...files().files.keys()].filter((id) => !before.has(id));
		expect(stored).toHaveLength(2);
		expect((result.error as { description?: string }).description).toContain(
			`Already done before this failure, do not run them again: item 0 (${stored[0]}), item 1 (${stored[1]}).`,
		);
	});

	it('an item that fails before anything was done adds nothing to the error', async () => {
		const result = await runFiles(emulator(), { operation: 'upload', binaryPropertyName: 'data', options: { concurrency: 1 } }, { binary: [undefined, file(1)] });
		expect(result.error?.message).toMatch(/\(item 0\)$/);
		expect(String((result.error as { description?: string }).description ?? '')).not.toContain('Already done');
	});

	it('operations that change nothing (Get) do not list anything', async () => {
		const up = await runFiles(emulator(), { operation: 'upload', binaryPropertyName: 'data' }, { binary: [file(0)] });
		const id = String(up.json[0].id);
		const result = await runFiles(
			emulator(),
			{ operation: 'get', fileId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { concurrency: 1 } },
			{ input: [{ id }, { id: '..' }] },
		);
		expect(result.error?.message).toBe('File: ".." is not a file ID (item 1)');
		expect(String((result.error as { description?: string }).description ?? '')).not.toContain('Already done');
	});
});

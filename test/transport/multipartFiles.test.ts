/** Several files in one streamed multipart body, read back with the emulator's own parser. */
import { Readable } from 'node:stream';
import { multipartFiles } from '../../nodes/transport/multipartFiles';
import { boundaryFromContentType, parseMultipart } from '../emulator/multipart';

async function parse(body: ReturnType<typeof multipartFiles>) {
	const stream = await body.open();
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	const bytes = Buffer.concat(chunks);
	const files: Array<{ name: string; filename?: string; type?: string; text: string }> = [];
	const result = await parseMultipart(Readable.from([bytes]), {
		boundary: boundaryFromContentType(body.contentType)!,
		onPart(part) {
			if (part.filename === undefined) return undefined;
			const entry = { name: part.name, filename: part.filename, type: part.contentType, text: '' };
			files.push(entry);
			return { write: (chunk: Buffer) => void (entry.text += chunk.toString()), end: () => undefined };
		},
	});
	return { bytes, files, fields: result.fields };
}

it('sends every file as its own part with its path as file name, fields first, and an exact Content-Length', async () => {
	const text = ['---\nname: a\n---\n', 'print(1)\n'];
	const body = multipartFiles(
		[
			{ fieldName: 'files[]', fileName: 'a/SKILL.md', contentType: 'text/markdown', open: () => Readable.from([Buffer.from(text[0])]), size: Buffer.byteLength(text[0]) },
			{ fieldName: 'files[]', fileName: 'a/scripts/x.py', contentType: 'text/x-python', open: () => Readable.from([Buffer.from(text[1])]), size: Buffer.byteLength(text[1]) },
		],
		{ display_name: 'My skill' },
	);
	const { bytes, files, fields } = await parse(body);
	expect(fields).toEqual({ display_name: 'My skill' });
	expect(files).toEqual([
		{ name: 'files[]', filename: 'a/SKILL.md', type: 'text/markdown', text: text[0] },
		{ name: 'files[]', filename: 'a/scripts/x.py', type: 'text/x-python', text: text[1] },
	]);
	expect(body.contentLength).toBe(bytes.length);
});

it('opens each file only when its turn comes, and again on a second open (a retry); no Content-Length when a size is unknown', async () => {
	const opened: string[] = [];
	const parts = Array.from({ length: 12 }, (_, i) => ({
		fieldName: 'files[]',
		fileName: `a/f${i}.txt`,
		contentType: 'text/plain',
		open: () => {
			opened.push(`f${i}`);
			return Readable.from([Buffer.from(`file ${i}`)]);
		},
		size: i === 3 ? undefined : Buffer.byteLength(`file ${i}`),
	}));
	const body = multipartFiles(parts);
	expect(body.contentLength).toBeUndefined();
	expect(opened).toEqual([]);
	expect((await parse(body)).files.map((f) => f.text)).toEqual(parts.map((_, i) => `file ${i}`));
	expect((await parse(body)).files).toHaveLength(12);
	expect(opened).toHaveLength(24);
	// Each finished file lets go of the body: twelve files must not pile up twelve listeners on it.
	const stream = await body.open();
	const closeListeners = await new Promise<number>((resolve) => {
		stream.on('data', () => undefined);
		stream.on('end', () => resolve(stream.listenerCount('close')));
	});
	expect(closeListeners).toBeLessThan(4);
});

it('a file that fails mid-way fails the body', async () => {
	const body = multipartFiles([
		{
			fieldName: 'files[]',
			fileName: 'a/SKILL.md',
			contentType: 'text/plain',
			open: () =>
				new Readable({
					read() {
						this.destroy(new Error('disk went away'));
					},
				}),
		},
	]);
	const stream = await body.open();
	await expect(
		(async () => {
			for await (const _ of stream) void _;
		})(),
	).rejects.toThrow('disk went away');
});

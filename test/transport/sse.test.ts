import { Readable } from 'node:stream';
import { parseSse } from '../../nodes/transport/sse';
import { readJsonLines } from '../../nodes/transport/jsonLines';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const item of iterable) out.push(item);
	return out;
}

/** Splits bytes at every given offset, so boundaries fall inside lines, CRLFs and multi-byte characters. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
	const pieces: Buffer[] = [];
	let last = 0;
	for (const cut of [...cuts, bytes.length]) {
		pieces.push(bytes.subarray(last, cut));
		last = cut;
	}
	return Readable.from(pieces.filter((p) => p.length > 0));
}

const STREAM =
	': a comment the parser must skip\r\n' +
	'event: message_start\r\ndata: {"type":"message_start"}\r\n\r\n' +
	'event: ping\ndata: {"type": "ping"}\n\n' +
	'event: content_block_delta\ndata: {"text":"héllo ✓ 🙂"}\n\n' +
	'event: multi\rdata: line one\rdata: line two\r\r' +
	'id: 42\nevent: message_stop\ndata: {"type":"message_stop"}\n\n';

const EXPECTED = [
	{ event: 'message_start', data: '{"type":"message_start"}' },
	{ event: 'ping', data: '{"type": "ping"}' },
	{ event: 'content_block_delta', data: '{"text":"héllo ✓ 🙂"}' },
	{ event: 'multi', data: 'line one\nline two' },
	{ event: 'message_stop', data: '{"type":"message_stop"}', id: '42' },
];

describe('SSE parser', () => {
	it('parses LF, CR and CRLF line endings, comments and multi-line data', async () => {
		expect(await collect(parseSse(Readable.from([Buffer.from(STREAM)])))).toEqual(EXPECTED);
	});

	it('gives the same events whatever the chunk boundaries, even inside a UTF-8 character or a CRLF', async () => {
		const bytes = Buffer.from(STREAM);
		for (let cut = 1; cut < bytes.length; cut++) {
			expect(await collect(parseSse(chunked(bytes, [cut])))).toEqual(EXPECTED);
		}
		// and one byte at a time
		expect(await collect(parseSse(chunked(bytes, Array.from({ length: bytes.length }, (_, i) => i))))).toEqual(EXPECTED);
	});

	it('drops a last event that never got its blank line (the caller treats that stream as cut)', async () => {
		const events = await collect(parseSse(Readable.from([Buffer.from('event: a\ndata: 1\n\nevent: b\ndata: 2')])));
		expect(events).toEqual([{ event: 'a', data: '1' }]);
	});
});

describe('JSON Lines reader', () => {
	const lines = Array.from({ length: 200 }, (_, i) => ({ custom_id: `item-${i}`, text: `ünïcødé ${i} 🙂` }));
	const bytes = Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

	it('reads every line whatever the chunk boundaries', async () => {
		for (const size of [1, 7, 64, 4096]) {
			const cuts = [];
			for (let i = size; i < bytes.length; i += size) cuts.push(i);
			expect(await collect(readJsonLines(chunked(bytes, cuts)))).toEqual(lines);
		}
	});

	it('accepts a last line without a newline, skips blank lines', async () => {
		expect(await collect(readJsonLines(Readable.from([Buffer.from('{"a":1}\n\n{"a":2}')])))).toEqual([{ a: 1 }, { a: 2 }]);
	});

	it('treats a cut last line as an error, never a short list', async () => {
		const cut = bytes.subarray(0, bytes.length - 20);
		await expect(collect(readJsonLines(Readable.from([cut])))).rejects.toThrow(/line 200 is not valid JSON \(the download may have been cut\)/);
	});
});

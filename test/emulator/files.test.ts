/** Files on the emulator over real HTTP (SigV4, UNSIGNED-PAYLOAD uploads), and the multipart parser itself. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { startEmulator } from './server';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from './fixtures';
import type { Emulator } from './types';
import type { FilesState } from './resources/files';
import { parseMultipart, boundaryFromContentType, MultipartTruncatedError, type MultipartSink } from './multipart';

// aws4 ships no types; this is the one call the tests need.
const aws4: { sign(request: Record<string, unknown>, credentials: Record<string, string>): Record<string, any> } = require('aws4');

const BOUNDARY = '----EmulatorTestBoundary7MA4YWxkTrZu0gW';
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, value) => value));

let emulator: Emulator;
const files = () => emulator.state.files as FilesState;

interface Response {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

function signedHeaders(method: string, path: string, headers: Record<string, string>, body?: string): Record<string, string> {
	const url = new URL(path, emulator.url);
	return aws4.sign(
		{
			host: url.host,
			path,
			method,
			service: 'aws-external-anthropic',
			region: TEST_REGION,
			headers: { 'anthropic-workspace-id': TEST_WORKSPACE_ID, 'anthropic-version': '2023-06-01', ...headers },
			body,
		},
		{ accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	).headers;
}

/** Sends a request; a Readable body is piped (chunked unless a content-length header is given). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | Readable): Promise<Response> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port: emulator.port, method, path, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		if (body instanceof Readable) body.pipe(req);
		else req.end(body);
	});
}

function call(method: string, path: string): Promise<Response> {
	return send(method, path, signedHeaders(method, path, {}));
}

const jsonOf = (response: Response) => JSON.parse(response.body.toString('utf8'));

function multipartBody(parts: Array<{ name: string; filename?: string; contentType?: string; data: Buffer | string }>): Buffer {
	const pieces: Buffer[] = [];
	for (const part of parts) {
		const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
		const headers = `Content-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}`;
		pieces.push(Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
	}
	pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
	return Buffer.concat(pieces);
}

function uploadHeaders(extra: Record<string, string> = {}): Record<string, string> {
	return signedHeaders('POST', '/v1/files', {
		'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
		'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
		...extra,
	});
}

function upload(body: Buffer): Promise<Response> {
	return send('POST', '/v1/files', uploadHeaders({ 'content-length': String(body.length) }), body);
}

const storedOnDisk = () => readdirSync(emulator.options.filesDir).sort();

beforeAll(async () => {
	emulator = await startEmulator();
});

afterAll(async () => {
	await emulator.close();
});

afterEach(() => {
	files().maxBytes = 500 * 1024 * 1024;
});

describe('uploading and downloading', () => {
	it('round-trips every byte value exactly', async () => {
		// A near-miss of the delimiter inside the content must come through as data.
		const data = Buffer.concat([ALL_BYTES, Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}`), ALL_BYTES]);
		const uploaded = await upload(multipartBody([{ name: 'file', filename: 'dir/bytes.bin', contentType: 'application/x-custom', data }]));
		expect(uploaded.status).toBe(200);
		const meta = jsonOf(uploaded);
		expect(meta).toEqual({
			id: expect.stringMatching(/^file_01/),
			type: 'file',
			filename: 'bytes.bin',
			mime_type: 'application/x-custom',
			size_bytes: data.length,
			created_at: expect.any(String),
			downloadable: true,
			expires_at: null,
		});

		const downloaded = await call('GET', `/v1/files/${meta.id}/content`);
		expect(downloaded.status).toBe(200);
		expect(downloaded.headers['content-type']).toBe('application/x-custom');
		expect(downloaded.headers['content-length']).toBe(String(data.length));
		expect(downloaded.body.equals(data)).toBe(true);

		expect(jsonOf(await call('GET', `/v1/files/${meta.id}`))).toEqual(meta);
	});

	it('streams a chunked upload without content-length and keeps other form fields', async () => {
		const data = Buffer.alloc(3 * 1024 * 1024 + 7, 'abc\r\n-');
		const body = multipartBody([
			{ name: 'expires_in_seconds', data: '7200' },
			{ name: 'file', filename: 'notes.txt', data },
		]);
		const pieces = Array.from({ length: Math.ceil(body.length / 65_521) }, (_, i) => body.subarray(i * 65_521, (i + 1) * 65_521));
		const response = await send('POST', '/v1/files', uploadHeaders(), Readable.from(pieces));
		expect(response.status).toBe(200);
		const meta = jsonOf(response);
		expect(meta.mime_type).toBe('text/plain');
		expect(meta.size_bytes).toBe(data.length);
		expect(Date.parse(meta.expires_at) - Date.parse(meta.created_at)).toBeGreaterThan(7_100_000);
		expect((await call('GET', `/v1/files/${meta.id}/content`)).body.equals(data)).toBe(true);
	});

	it('honours a cutStream fault on a download by breaking the connection mid-body', async () => {
		const meta = files().addFile('large.bin', 'application/octet-stream', Buffer.alloc(4 * 1024 * 1024, 3));
		emulator.faults.inject({ method: 'GET', path: `/v1/files/${meta.id}/content`, fault: { type: 'cutStream', afterEvents: 2 } });
		const path = `/v1/files/${meta.id}/content`;
		const outcome = await new Promise<{ bytes: number; complete: boolean }>((resolve, reject) => {
			const req = httpRequest({ host: '127.0.0.1', port: emulator.port, path, headers: signedHeaders('GET', path, {}) }, (res) => {
				let bytes = 0;
				res.on('data', (chunk: Buffer) => (bytes += chunk.length));
				res.on('close', () => resolve({ bytes, complete: res.complete }));
				res.on('error', () => undefined);
			});
			req.on('error', reject);
			req.end();
		});
		expect(outcome.complete).toBe(false);
		expect(outcome.bytes).toBeLessThan(meta.size_bytes);
	});

	it('marks a [[not-downloadable]] upload like the real API and refuses its content', async () => {
		const meta = jsonOf(await upload(multipartBody([{ name: 'file', filename: 'a[[not-downloadable]].pdf', data: '%PDF' }])));
		expect(meta.downloadable).toBe(false);
		expect(meta.mime_type).toBe('application/pdf');
		const refused = await call('GET', `/v1/files/${meta.id}/content`);
		expect(refused.status).toBe(400);
		// details.error_code is what the SDK maps to FileNotDownloadableError.
		expect(jsonOf(refused).error).toEqual({
			type: 'invalid_request_error',
			message: expect.stringContaining('not downloadable'),
			details: { error_code: 'file_not_downloadable' },
		});
	});

	it.each([
		['an empty file', multipartBody([{ name: 'file', filename: 'empty.txt', data: '' }]), /empty/],
		['no file part', multipartBody([{ name: 'purpose', data: 'x' }]), /file: Field required/],
		['a body cut before its closing boundary', multipartBody([{ name: 'file', filename: 'a.txt', data: 'abc' }]).subarray(0, 80), /ended before/],
	])('rejects %s with 400 and keeps nothing', async (_name, body, message) => {
		const before = storedOnDisk();
		const response = await upload(body);
		expect(response.status).toBe(400);
		expect(jsonOf(response).error.message).toMatch(message);
		expect(storedOnDisk()).toEqual(before);
	});

	it('answers 413 when the declared length is over the limit, without reading the body', async () => {
		files().maxBytes = 1000;
		const response = await send('POST', '/v1/files', uploadHeaders({ 'content-length': String(200 * 1024) }), Buffer.alloc(200 * 1024));
		expect(response.status).toBe(413);
		expect(jsonOf(response).error.type).toBe('request_too_large');
	});

	it('answers 413 when a chunked upload grows over the limit, and keeps nothing', async () => {
		files().maxBytes = 1000;
		const before = storedOnDisk();
		const body = multipartBody([{ name: 'file', filename: 'big.bin', data: Buffer.alloc(5000, 1) }]);
		const response = await send('POST', '/v1/files', uploadHeaders(), Readable.from([body.subarray(0, 2000), body.subarray(2000)]));
		expect(response.status).toBe(413);
		expect(storedOnDisk()).toEqual(before);
	});

	it('keeps no file when the client aborts mid-upload', async () => {
		const before = storedOnDisk();
		const count = files().files.size;
		const head = multipartBody([{ name: 'file', filename: 'partial.bin', data: Buffer.alloc(100_000, 2) }]).subarray(0, 50_000);
		await new Promise<void>((resolve) => {
			const req = httpRequest({
				host: '127.0.0.1',
				port: emulator.port,
				method: 'POST',
				path: '/v1/files',
				headers: uploadHeaders({ 'content-length': '100300' }),
			});
			req.on('error', () => resolve());
			req.write(head, () => setTimeout(() => req.destroy(), 50));
			req.on('close', () => resolve());
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(storedOnDisk()).toEqual(before);
		expect(files().files.size).toBe(count);
	});
});

describe('listing, metadata and deletion', () => {
	it('serves page-token pages, newest first', async () => {
		const seeded = ['p1.txt', 'p2.txt', 'p3.txt'].map((name) => files().addFile(name, 'text/plain', name));
		const first = jsonOf(await call('GET', '/v1/files?limit=2'));
		expect(first.data.map((file: any) => file.id)).toEqual([seeded[2].id, seeded[1].id]);
		expect(first.next_page).toEqual(expect.any(String));

		const second = jsonOf(await call('GET', `/v1/files?limit=2&page=${first.next_page}`));
		expect(second.data[0].id).toBe(seeded[0].id);

		const all: string[] = [];
		let page: string | null = null;
		do {
			const path: string = `/v1/files?limit=3${page ? `&page=${page}` : ''}`;
			const body = jsonOf(await call('GET', path));
			all.push(...body.data.map((file: any) => file.id));
			page = body.next_page;
		} while (page);
		expect(all.length).toBe(files().files.size);
	});

	it('seeds files for other tests, downloadable or not', async () => {
		const meta = files().addFile('seed.json', 'application/json', '{"a":1}', { downloadable: false });
		expect(meta).toMatchObject({ filename: 'seed.json', mime_type: 'application/json', size_bytes: 7, downloadable: false });
		expect((await call('GET', `/v1/files/${meta.id}/content`)).status).toBe(400);
	});

	it('answers 404 for the content of an expired file but keeps its metadata', async () => {
		const meta = files().addFile('old.txt', 'text/plain', 'stale');
		files().get(meta.id)!.meta.expires_at = new Date(Date.now() - 1000).toISOString();
		const content = await call('GET', `/v1/files/${meta.id}/content`);
		expect(content.status).toBe(404);
		expect(jsonOf(content).error.message).toMatch(/expired/);
		expect(jsonOf(content).error.details).toEqual({ error_code: 'file_expired' });
		expect((await call('GET', `/v1/files/${meta.id}`)).status).toBe(200);
	});

	it('deletes a file and its bytes, then answers 404 naming the ID', async () => {
		const meta = files().addFile('gone.txt', 'text/plain', 'bye');
		expect(storedOnDisk()).toContain(meta.id);
		const deleted = await call('DELETE', `/v1/files/${meta.id}`);
		expect(jsonOf(deleted)).toEqual({ id: meta.id, type: 'file_deleted' });
		expect(storedOnDisk()).not.toContain(meta.id);
		for (const path of [`/v1/files/${meta.id}`, `/v1/files/${meta.id}/content`]) {
			const missing = await call('GET', path);
			expect(missing.status).toBe(404);
			expect(jsonOf(missing).error).toEqual({ type: 'not_found_error', message: expect.stringContaining(meta.id) });
		}
	});
});

describe('the multipart parser', () => {
	const collect = () => {
		const files: Record<string, Buffer[]> = {};
		return {
			files,
			onPart(part: { name: string; filename?: string }): MultipartSink | undefined {
				if (part.filename === undefined) return undefined;
				const chunks: Buffer[] = (files[part.name] = []);
				return { write: (chunk) => void chunks.push(Buffer.from(chunk)), end: () => undefined };
			},
		};
	};
	const body = Buffer.concat([
		Buffer.from('preamble to ignore\r\n'),
		multipartBody([
			{ name: 'note', data: 'héllo' },
			{ name: 'file', filename: 'x.bin', contentType: 'application/octet-stream', data: Buffer.concat([ALL_BYTES, Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}`)]) },
		]),
	]);

	it.each([1, 2, 7, 61, 4096])('gives the same parts whatever the chunk size (%i bytes)', async (size) => {
		const sink = collect();
		const chunks = Array.from({ length: Math.ceil(body.length / size) }, (_, i) => body.subarray(i * size, (i + 1) * size));
		const result = await parseMultipart(Readable.from(chunks), { boundary: BOUNDARY, onPart: sink.onPart });
		expect(result.fields).toEqual({ note: 'héllo' });
		expect(result.parts.map((part) => [part.name, part.filename, part.contentType])).toEqual([
			['note', undefined, undefined],
			['file', 'x.bin', 'application/octet-stream'],
		]);
		expect(Buffer.concat(sink.files.file).equals(Buffer.concat([ALL_BYTES, Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}`)]))).toBe(true);
		expect(result.bytesRead).toBe(body.length);
	});

	it('reports a body without its closing boundary as truncated', async () => {
		await expect(parseMultipart(Readable.from([body.subarray(0, body.length - 10)]), { boundary: BOUNDARY })).rejects.toBeInstanceOf(
			MultipartTruncatedError,
		);
	});

	it('reads the boundary from a Content-Type header', () => {
		expect(boundaryFromContentType('multipart/form-data; boundary="a b"')).toBe('a b');
		expect(boundaryFromContentType('Multipart/Form-Data;boundary=xyz; charset=utf-8')).toBe('xyz');
		expect(boundaryFromContentType('application/json')).toBeUndefined();
	});
});

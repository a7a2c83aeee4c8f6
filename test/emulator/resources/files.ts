/**
 * Files API of the emulated gateway: upload (multipart, streamed to disk), list (page-token pages),
 * metadata, download (streamed from disk) and delete. GA here: no beta header is required.
 *
 * Emulator-only behaviour, for tests:
 * - Uploaded files are downloadable by default (the real API only lets you download files that tools
 *   such as code execution created). A filename containing `[[not-downloadable]]` makes an upload
 *   behave like the real API: `downloadable: false`, and its content request fails with 400.
 * - `emulator.state.files.maxBytes` (default 500 MiB, the API's limit) caps an upload; over it ⇒ 413.
 * - `emulator.state.files.addFile(name, mime, bytes, { downloadable })` seeds a file without HTTP.
 * - Once a file's `expires_at` (from `expires_in_seconds`) has passed, its content answers 404; tests
 *   can set `emulator.state.files.get(id).meta.expires_at` to a past time to see that.
 */
import { mkdirSync, writeFileSync, createWriteStream, createReadStream, promises as fsp, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { EmulatorHttpError, type Emulator, type RouteContext, type Router } from '../types';
import { tokenPage } from '../pagination';
import { newId } from '../ids';
import { boundaryFromContentType, parseMultipart, MultipartError, MultipartTruncatedError, type MultipartSink } from '../multipart';

export interface FileMetadata {
	id: string;
	type: 'file';
	filename: string;
	mime_type: string;
	size_bytes: number;
	created_at: string;
	downloadable: boolean;
	expires_at: string | null;
}

export interface StoredFile {
	meta: FileMetadata;
	/** Where the bytes live on disk. */
	path: string;
}

export interface FilesState {
	/** Stored files by ID, in upload order. */
	files: Map<string, StoredFile>;
	/** Largest accepted upload in bytes. */
	maxBytes: number;
	/** Seeds a file as if it had been uploaded (or created by a tool, with downloadable: true). */
	addFile(filename: string, mimeType: string, bytes: Buffer | string, options?: { downloadable?: boolean }): FileMetadata;
	get(id: string): StoredFile | undefined;
}

export const NOT_DOWNLOADABLE_MARKER = '[[not-downloadable]]';
/** 500 MiB, the API's documented per-file limit. */
export const DEFAULT_MAX_FILE_BYTES = 500 * 1024 * 1024;
/** Multipart framing (boundaries, part headers, small fields) allowed on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const MIME_BY_EXTENSION: Record<string, string> = {
	pdf: 'application/pdf',
	txt: 'text/plain',
	md: 'text/markdown',
	csv: 'text/csv',
	json: 'application/json',
	html: 'text/html',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	zip: 'application/zip',
};

/** Only the last path component is kept, as the API does; absent names become `unnamed(.ext)`. */
function storedFilename(raw: string | undefined, mimeType: string): string {
	const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
	if (base) return base;
	const ext = Object.entries(MIME_BY_EXTENSION).find(([, mime]) => mime === mimeType)?.[0];
	return ext ? `unnamed.${ext}` : 'unnamed';
}

function storedMimeType(partContentType: string | undefined, filename: string | undefined): string {
	const declared = partContentType?.split(';')[0].trim().toLowerCase();
	if (declared && declared !== 'application/octet-stream') return declared;
	const ext = filename?.split('.').pop()?.toLowerCase();
	return (ext && MIME_BY_EXTENSION[ext]) || declared || 'application/octet-stream';
}

function notFound(id: string): EmulatorHttpError {
	return new EmulatorHttpError(404, 'not_found_error', `File not found: '${id}'.`);
}

function tooLarge(maxBytes: number): EmulatorHttpError {
	return new EmulatorHttpError(413, 'request_too_large', `File is larger than the maximum of ${maxBytes} bytes.`);
}

function createFilesState(emulator: Emulator): FilesState {
	const dir = emulator.options.filesDir;
	const files = new Map<string, StoredFile>();
	return {
		files,
		maxBytes: DEFAULT_MAX_FILE_BYTES,
		addFile(filename, mimeType, bytes, options = {}) {
			mkdirSync(dir, { recursive: true });
			const id = newId('file');
			const path = join(dir, id);
			const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
			writeFileSync(path, data);
			const meta: FileMetadata = {
				id,
				type: 'file',
				filename,
				mime_type: mimeType,
				size_bytes: data.length,
				created_at: new Date().toISOString(),
				downloadable: options.downloadable ?? true,
				expires_at: null,
			};
			files.set(id, { meta, path });
			return meta;
		},
		get: (id) => files.get(id),
	};
}

function drained(stream: WriteStream): Promise<void> {
	return new Promise((resolve, reject) => {
		const settle = (error?: Error) => {
			stream.off('drain', settle);
			stream.off('error', settle);
			if (error) reject(error);
			else resolve();
		};
		stream.on('drain', settle);
		stream.on('error', settle);
	});
}

/**
 * ctx.stream() cuts the socket after `cutAfter` chunks, but only once that chunk is flushed: stop
 * producing there and wait for the cut, so the rest of the body cannot slip out (and end cleanly) first.
 */
async function* untilCut<T>(source: AsyncIterable<T>, cutAfter: number | undefined, res: ServerResponse): AsyncGenerator<T> {
	let count = 0;
	for await (const chunk of source) {
		yield chunk;
		if (cutAfter !== undefined && ++count >= cutAfter) {
			if (!res.destroyed) await once(res, 'close');
			return;
		}
	}
}

/** Streams the `file` part to disk, counting bytes against the limit. */
function diskSink(path: string, maxBytes: number): MultipartSink & { size: number; stream: WriteStream } {
	const stream = createWriteStream(path);
	// Surfaced through write/end; without a listener an early error would crash the process.
	stream.on('error', () => undefined);
	const sink = {
		size: 0,
		stream,
		async write(chunk: Buffer) {
			sink.size += chunk.length;
			if (sink.size > maxBytes) throw tooLarge(maxBytes);
			if (!stream.write(chunk)) await drained(stream);
		},
		async end() {
			stream.end();
			await once(stream, 'finish');
		},
	};
	return sink;
}

async function upload(ctx: RouteContext): Promise<void> {
	const state = ctx.emulator.state.files as FilesState;
	const dir = ctx.emulator.options.filesDir;
	const boundary = boundaryFromContentType(ctx.headers['content-type']);
	if (!boundary) {
		ctx.req.resume();
		throw new EmulatorHttpError(400, 'invalid_request_error', 'Content-Type must be multipart/form-data with a boundary.');
	}
	const declaredLength = ctx.headers['content-length'] !== undefined ? Number(ctx.headers['content-length']) : undefined;
	if (declaredLength !== undefined && declaredLength > state.maxBytes + MULTIPART_OVERHEAD_BYTES) {
		// Like the gateway: refuse on the declared size without reading the body.
		ctx.req.resume();
		throw tooLarge(state.maxBytes);
	}

	await fsp.mkdir(dir, { recursive: true });
	const id = newId('file');
	const path = join(dir, id);
	let sink: ReturnType<typeof diskSink> | undefined;
	let filePart: { filename?: string; contentType?: string } | undefined;
	let fields: Record<string, string>;
	let bytesRead: number;
	try {
		const result = await parseMultipart(ctx.req, {
			boundary,
			onPart(part) {
				if (part.name !== 'file' || part.filename === undefined) return undefined;
				if (sink) throw new EmulatorHttpError(400, 'invalid_request_error', 'Only one "file" part is allowed.');
				filePart = part;
				sink = diskSink(path, state.maxBytes);
				return sink;
			},
		});
		fields = result.fields;
		bytesRead = result.bytesRead;
	} catch (error) {
		// The stream opens its file asynchronously: wait for it to close, or an open that lands after the rm
		// would leave an empty file behind (seen under load).
		if (sink && !sink.stream.closed) {
			const closed = once(sink.stream, 'close');
			sink.stream.destroy();
			await closed;
		}
		await fsp.rm(path, { force: true });
		// Let the client finish sending so it can read our answer instead of a reset.
		ctx.req.resume();
		if (error instanceof MultipartTruncatedError) {
			throw new EmulatorHttpError(400, 'invalid_request_error', 'The upload ended before the multipart body was complete.');
		}
		if (error instanceof MultipartError) throw new EmulatorHttpError(400, 'invalid_request_error', error.message);
		throw error;
	}

	const discard = async (status: number, type: string, message: string): Promise<never> => {
		await fsp.rm(path, { force: true });
		throw new EmulatorHttpError(status, type, message);
	};
	if (declaredLength !== undefined && bytesRead < declaredLength) {
		// The client stopped early: never keep a partial file.
		return discard(400, 'invalid_request_error', 'The request body is shorter than its Content-Length.');
	}
	if (!sink || !filePart) return discard(400, 'invalid_request_error', 'file: Field required (a multipart part named "file" with a filename).');
	if (sink.size === 0) return discard(400, 'invalid_request_error', 'file: The uploaded file is empty.');

	let expiresAt: string | null = null;
	if (fields.expires_in_seconds !== undefined) {
		const seconds = Number(fields.expires_in_seconds);
		if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 7776000) {
			return discard(400, 'invalid_request_error', 'expires_in_seconds: must be an integer between 3600 and 7776000.');
		}
		expiresAt = new Date(Date.now() + seconds * 1000).toISOString();
	}

	const mimeType = storedMimeType(filePart.contentType, filePart.filename);
	const filename = storedFilename(filePart.filename, mimeType);
	const meta: FileMetadata = {
		id,
		type: 'file',
		filename,
		mime_type: mimeType,
		size_bytes: sink.size,
		created_at: new Date().toISOString(),
		downloadable: !filename.includes(NOT_DOWNLOADABLE_MARKER),
		expires_at: expiresAt,
	};
	state.files.set(id, { meta, path });
	ctx.send(200, meta);
}

function requireFile(ctx: RouteContext): StoredFile {
	const id = ctx.params.file_id;
	const stored = (ctx.emulator.state.files as FilesState).files.get(id);
	if (!stored) throw notFound(id);
	return stored;
}

/** Newest first, as the API lists them; `ids` (at most 100) returns a single page. */
function list(ctx: RouteContext): void {
	const all = [...(ctx.emulator.state.files as FilesState).files.values()].reverse().map((file) => file.meta);
	const ids = [...ctx.query.getAll('ids[]'), ...ctx.query.getAll('ids')].flatMap((value) => value.split(',')).filter(Boolean);
	if (ids.length > 0) {
		const wanted = new Set(ids);
		if (wanted.size > 100) throw new EmulatorHttpError(400, 'invalid_request_error', 'ids: at most 100 IDs are allowed.');
		ctx.send(200, { data: all.filter((file) => wanted.has(file.id)), next_page: null });
		return;
	}
	ctx.send(200, tokenPage(all, ctx.query));
}

async function download(ctx: RouteContext): Promise<void> {
	const { meta, path } = requireFile(ctx);
	if (meta.expires_at !== null && Date.parse(meta.expires_at) <= Date.now()) {
		// The SDK's FileExpiredError (404 file_expired): the content is gone while the metadata stays readable.
		throw new EmulatorHttpError(404, 'not_found_error', `File '${meta.id}' expired at ${meta.expires_at}; its content is no longer available.`, {}, {
			error_code: 'file_expired',
		});
	}
	if (!meta.downloadable) {
		throw new EmulatorHttpError(
			400,
			'invalid_request_error',
			`This file is not downloadable: '${meta.id}'. Only files created by tools such as code execution can be downloaded.`,
			{},
			{ error_code: 'file_not_downloadable' },
		);
	}
	const out = ctx.stream(200, {
		'content-type': meta.mime_type,
		'content-length': String(meta.size_bytes),
		'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`,
	});
	const source = createReadStream(path, { highWaterMark: 64 * 1024 });
	// A cut or vanished client must stop the disk read too, not drain the file into the void.
	ctx.res.once('close', () => source.destroy());
	try {
		await pipeline(Readable.from(untilCut(source, out.cutAfter, ctx.res)), out);
	} catch {
		// The client went away or a cutStream fault cut the body: nothing more to say to anyone.
	}
}

async function remove(ctx: RouteContext): Promise<void> {
	const { meta, path } = requireFile(ctx);
	(ctx.emulator.state.files as FilesState).files.delete(meta.id);
	await fsp.rm(path, { force: true });
	ctx.send(200, { id: meta.id, type: 'file_deleted' });
}

export function register(router: Router, emulator: Emulator): void {
	emulator.state.files = createFilesState(emulator);
	router.add('POST', '/v1/files', upload, { streamBody: true });
	router.add('GET', '/v1/files', list);
	router.add('GET', '/v1/files/:file_id', (ctx) => ctx.send(200, requireFile(ctx).meta));
	router.add('GET', '/v1/files/:file_id/content', download);
	router.add('DELETE', '/v1/files/:file_id', remove);
}

/**
 * Streaming multipart/form-data parser (RFC 7578) on Node built-ins.
 *
 * The body is consumed chunk by chunk and each part's bytes are handed to a sink as they arrive, so a
 * 1 GiB upload never sits in memory: only a delimiter-sized tail is kept between chunks. Backpressure
 * is the sink's: the parser awaits each `write` before it pulls the next chunk from the source.
 */

export interface MultipartPart {
	/** The `name` of the form field. */
	name: string;
	/** The `filename` from Content-Disposition, when the part is a file ('' when sent empty). */
	filename?: string;
	/** The part's Content-Type, when sent. */
	contentType?: string;
	/** Every part header, names lower-cased. */
	headers: Record<string, string>;
}

/** Where a part's bytes go. `write` may return a promise to apply backpressure. */
export interface MultipartSink {
	write(chunk: Buffer): void | Promise<void>;
	end(): void | Promise<void>;
}

export interface MultipartOptions {
	boundary: string;
	/**
	 * Called when a part's headers have been read. Return a sink to receive its bytes, or undefined
	 * to have the part collected as a text field (capped by maxFieldBytes).
	 */
	onPart?(part: MultipartPart): MultipartSink | undefined | Promise<MultipartSink | undefined>;
	/** Largest text field kept in memory (default 1 MiB). */
	maxFieldBytes?: number;
	/** Largest header block of one part (default 16 KiB). */
	maxHeaderBytes?: number;
}

export interface MultipartResult {
	/** Parts collected as text (those for which onPart returned no sink). */
	fields: Record<string, string>;
	/** Every part seen, in order. */
	parts: MultipartPart[];
	/** Bytes read from the source. */
	bytesRead: number;
}

/** The body is not valid multipart/form-data. */
export class MultipartError extends Error {}

/** The body ended before the closing delimiter (typically: the client gave up mid-upload). */
export class MultipartTruncatedError extends MultipartError {}

/** Extracts the boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function boundaryFromContentType(contentType: string | undefined): string | undefined {
	if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
	const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	// RFC 2046 caps a boundary at 70 characters.
	return boundary && boundary.length <= 70 ? boundary : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'epilogue';

/** Parses a multipart/form-data body from any async iterable of bytes (an IncomingMessage works). */
export async function parseMultipart(
	source: AsyncIterable<Buffer | string>,
	options: MultipartOptions,
): Promise<MultipartResult> {
	const maxFieldBytes = options.maxFieldBytes ?? 1024 * 1024;
	const maxHeaderBytes = options.maxHeaderBytes ?? 16 * 1024;
	// Every delimiter, the first included, is searched as CRLF--boundary: a virtual CRLF is put in
	// front of the body so the first one (which may have no CRLF before it) needs no special case.
	const delimiter = Buffer.from(`\r\n--${options.boundary}`);
	const result: MultipartResult = { fields: {}, parts: [], bytesRead: 0 };

	let state = 'preamble' as State;
	let pending: Buffer = CRLF;
	let part: MultipartPart | undefined;
	let sink: MultipartSink | undefined;
	let field: Buffer[] = [];
	let fieldBytes = 0;

	const emit = async (bytes: Buffer): Promise<void> => {
		if (bytes.length === 0) return;
		if (sink) {
			await sink.write(bytes);
			return;
		}
		fieldBytes += bytes.length;
		if (fieldBytes > maxFieldBytes) throw new MultipartError(`Form field "${part?.name}" is larger than ${maxFieldBytes} bytes.`);
		// Copied because the source may reuse its chunk buffers.
		field.push(Buffer.from(bytes));
	};

	const finishPart = async (): Promise<void> => {
		if (sink) await sink.end();
		else if (part) result.fields[part.name] = Buffer.concat(field).toString('utf8');
		part = undefined;
		sink = undefined;
		field = [];
		fieldBytes = 0;
	};

	/** Runs the state machine over `pending` until it needs more bytes. */
	const drain = async (): Promise<void> => {
		for (;;) {
			if (state === 'preamble') {
				const at = pending.indexOf(delimiter);
				if (at < 0) {
					// The preamble is ignored; keep only what could still be the start of a delimiter.
					pending = pending.subarray(Math.max(0, pending.length - delimiter.length + 1));
					return;
				}
				pending = pending.subarray(at + delimiter.length);
				state = 'afterDelimiter';
			} else if (state === 'afterDelimiter') {
				// After a delimiter: "--" closes the body; otherwise optional whitespace then CRLF.
				if (pending.length < 2) return;
				if (pending[0] === 0x2d && pending[1] === 0x2d) {
					state = 'epilogue';
					pending = Buffer.alloc(0);
					return;
				}
				const lineEnd = pending.indexOf(CRLF);
				if (lineEnd < 0) {
					if (pending.length > 256) throw new MultipartError('Malformed multipart delimiter line.');
					return;
				}
				if (!/^[ \t]*$/.test(pending.subarray(0, lineEnd).toString('latin1'))) {
					throw new MultipartError('Malformed multipart delimiter line.');
				}
				pending = pending.subarray(lineEnd + 2);
				state = 'headers';
			} else if (state === 'headers') {
				// A part with no headers at all starts with the blank line right away.
				const end = pending.subarray(0, 2).equals(CRLF) ? -2 : pending.indexOf(HEADER_END);
				if (end === -1) {
					if (pending.length > maxHeaderBytes) throw new MultipartError('Multipart part headers are too large.');
					return;
				}
				const headerText = end < 0 ? '' : pending.subarray(0, end).toString('utf8');
				pending = pending.subarray(end + 4);
				part = parsePartHeaders(headerText);
				result.parts.push(part);
				sink = (await options.onPart?.(part)) ?? undefined;
				state = 'body';
			} else if (state === 'body') {
				const at = pending.indexOf(delimiter);
				if (at < 0) {
					// Everything but a possible delimiter prefix at the end is part content.
					const safe = Math.max(0, pending.length - delimiter.length + 1);
					await emit(pending.subarray(0, safe));
					pending = pending.subarray(safe);
					return;
				}
				await emit(pending.subarray(0, at));
				pending = pending.subarray(at + delimiter.length);
				await finishPart();
				state = 'afterDelimiter';
			} else {
				pending = Buffer.alloc(0);
				return;
			}
		}
	};

	for await (const chunk of source) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		result.bytesRead += bytes.length;
		if (state === 'epilogue') continue;
		pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
		await drain();
	}
	if (state !== 'epilogue') {
		throw new MultipartTruncatedError('The multipart body ended before its closing boundary.');
	}
	return result;
}

function parsePartHeaders(text: string): MultipartPart {
	const headers: Record<string, string> = {};
	for (const line of text.split('\r\n')) {
		if (line === '') continue;
		const colon = line.indexOf(':');
		if (colon <= 0) throw new MultipartError(`Malformed multipart header line: ${JSON.stringify(line)}`);
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const disposition = headers['content-disposition'];
	if (!disposition || !/^\s*form-data\s*(;|$)/i.test(disposition)) {
		throw new MultipartError('A multipart part has no "Content-Disposition: form-data" header.');
	}
	const params = parseDispositionParams(disposition);
	if (params.name === undefined) throw new MultipartError('A multipart part has no field name.');
	return {
		name: params.name,
		filename: params['filename*'] ?? params.filename,
		contentType: headers['content-type'],
		headers,
	};
}

/** Parameters of a Content-Disposition value, quoted strings unescaped, RFC 5987 `filename*` decoded. */
function parseDispositionParams(value: string): Record<string, string> {
	const params: Record<string, string> = {};
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	for (let match = re.exec(value); match; match = re.exec(value)) {
		const key = match[1].toLowerCase();
		let paramValue = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3].trim();
		if (key.endsWith('*')) {
			const encoded = /^([^']*)'[^']*'(.*)$/.exec(paramValue);
			if (encoded) {
				try {
					paramValue = decodeURIComponent(encoded[2]);
				} catch {
					// Keep the raw value: a bad escape should not fail the whole upload.
				}
			}
		}
		params[key] = paramValue;
	}
	return params;
}

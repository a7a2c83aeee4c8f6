/** A multipart/form-data body for one file, streamed: the file is never held in memory. */
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';

export interface MultipartFile {
	fieldName: string;
	fileName: string;
	contentType: string;
	/** A fresh stream each call, so a retry can send the file again. */
	open: () => Readable | Promise<Readable>;
	/** Size in bytes when known: then Content-Length is exact and no chunked encoding is needed. */
	size?: number;
	/** Text fields sent before the file part (e.g. expires_in_seconds). */
	fields?: Record<string, string>;
}

export interface MultipartBody {
	contentType: string;
	contentLength?: number;
	open: () => Promise<Readable>;
}

function quote(value: string): string {
	// RFC 7578: quotes and line breaks escaped; non-ASCII names are sent as UTF-8 as browsers do.
	return value.replace(/\\/g, '\\\\').replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartFile(file: MultipartFile): MultipartBody {
	const boundary = `----n8nClaudeAws${randomBytes(12).toString('hex')}`;
	const fields = Object.entries(file.fields ?? {})
		.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)
		.join('');
	const head = Buffer.from(
		fields +
			`--${boundary}\r\n` +
			`Content-Disposition: form-data; name="${quote(file.fieldName)}"; filename="${quote(file.fileName)}"\r\n` +
			`Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: file.size !== undefined ? head.length + file.size + tail.length : undefined,
		open: async () => {
			const source = await file.open();
			const out = new PassThrough({ highWaterMark: 256 * 1024 });
			out.write(head);
			source.on('error', (error) => out.destroy(error));
			source.on('end', () => out.end(tail));
			source.pipe(out, { end: false });
			return out;
		},
	};
}

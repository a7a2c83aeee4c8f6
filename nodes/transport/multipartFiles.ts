/**
 * A multipart/form-data body of several files, streamed one after another: no file is held in memory
 * and each is opened only when its turn comes, so a retry (a fresh `open`) sends them all again.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { MultipartBody } from './multipart';

export interface MultipartPart {
	fieldName: string;
	fileName: string;
	contentType: string;
	open: () => Readable | Promise<Readable>;
	/** Size in bytes when known; Content-Length is only set when every part's size is. */
	size?: number;
}

function quote(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartFiles(parts: MultipartPart[], fields: Record<string, string> = {}): MultipartBody {
	const boundary = `----n8nClaudeAws${randomBytes(12).toString('hex')}`;
	const fieldText = Object.entries(fields)
		.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)
		.join('');
	const heads = parts.map((part, index) =>
		Buffer.from(
			(index === 0 ? fieldText : '\r\n') +
				`--${boundary}\r\n` +
				`Content-Disposition: form-data; name="${quote(part.fieldName)}"; filename="${quote(part.fileName)}"\r\n` +
				`Content-Type: ${part.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
			'utf8',
		),
	);
	const tail = Buffer.from(`${parts.length ? '\r\n' : fieldText}--${boundary}--\r\n`, 'utf8');
	const sizes = parts.map((part) => part.size);
	const known = sizes.every((size) => size !== undefined);
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: known ? heads.reduce((sum, head) => sum + head.length, 0) + sizes.reduce((sum: number, size) => sum + (size ?? 0), 0) + tail.length : undefined,
		open: async () => {
			const out = new PassThrough({ highWaterMark: 256 * 1024 });
			void (async () => {
				for (let i = 0; i < parts.length; i++) {
					if (!out.write(heads[i])) await new Promise((resolve) => out.once('drain', resolve));
					const source = await parts[i].open();
					await new Promise<void>((resolve, reject) => {
						// The body was dropped (aborted, failed): stop reading the file too.
						const dropped = () => {
							source.destroy();
							resolve();
						};
						out.once('close', dropped);
						source.on('error', (error) => {
							out.off('close', dropped);
							reject(error);
						});
						source.on('end', () => {
							out.off('close', dropped);
							resolve();
						});
						source.pipe(out, { end: false });
					});
					if (out.destroyed) return;
				}
				out.end(tail);
			})().catch((error: Error) => out.destroy(error));
			return out;
		},
	};
}

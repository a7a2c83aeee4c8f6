/**
 * A streamed download into n8n's binary data store, counted on the way through: a body that ends short
 * must fail the item, never yield a truncated file. Used by every operation that outputs a file.
 */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import type { StreamedResponse } from '../transport/client';
import { ClaudeStreamError } from '../transport/errors';

export interface DownloadTarget {
	/** How the error names it: "file file_01…", "skill skill_01… version 3". */
	what: string;
	/** The request path, for the error. */
	path: string;
	fileName: string;
	mimeType: string;
	/** The size the metadata promised, when it gave one. */
	sizeBytes?: unknown;
}

export async function downloadToBinary(context: IExecuteFunctions, response: StreamedResponse, target: DownloadTarget): Promise<IBinaryData> {
	let received = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			received += chunk.length;
			done(null, chunk);
		},
	});
	const piped = pipeline(response.body, counter);
	let binary: IBinaryData;
	try {
		[binary] = await Promise.all([context.helpers.prepareBinaryData(counter, target.fileName, target.mimeType), piped]);
	} catch (error) {
		response.body.destroy();
		counter.destroy();
		throw new ClaudeStreamError(`The download of ${target.what} broke off after ${received} bytes: ${(error as Error).message}.`, target.path, response.requestId);
	}
	// Both must hold: a body can end exactly at its own Content-Length and still not be the whole file.
	for (const expected of expectedSizes(response.headers['content-length'], target.sizeBytes)) {
		if (received !== expected) {
			throw new ClaudeStreamError(`The download of ${target.what} ended after ${received} of ${expected} bytes.`, target.path, response.requestId);
		}
	}
	return binary;
}

/** The sizes the content must have: its Content-Length, and the size the metadata gave. */
function expectedSizes(contentLength: string | undefined, sizeBytes: unknown): number[] {
	const fromHeader = contentLength !== undefined ? Number(contentLength) : NaN;
	return [...new Set([fromHeader, typeof sizeBytes === 'number' ? sizeBytes : NaN].filter((n) => Number.isFinite(n)))];
}

/**
 * The creation body of one batch, {"requests":[...]}, built request by request: each request is turned
 * into JSON once, appended to compact byte chunks and hashed as it comes, so a batch of 100,000 requests
 * is held as its bytes (not as request objects, nor as one big string) and is sent as a stream whose
 * length and SigV4 payload hash are known before the first byte goes out.
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MessageParams } from './messages/types';

/** `{"requests":[` and `]}` around the comma-separated requests. */
const HEAD = '{"requests":[';
const TAIL = ']}';
export const ENVELOPE_BYTES = Buffer.byteLength(HEAD + TAIL);

/** Text gathered before it becomes one Buffer: big enough for few chunks, small enough to waste little. */
const CHUNK_CHARS = 64 * 1024;

export interface SerializedRequest {
	json: string;
	bytes: number;
	/** The request's betas: they travel in the create's anthropic-beta header, not in its params. */
	betas: string[];
}

/**
 * One request as it will be sent. A request's `betas` (a header param, see messages/types.ts) cannot
 * travel in its params: the batch create carries the betas of all its requests in its own header, as
 * the SDK's does.
 */
export function serializeRequest(customId: string, params: MessageParams & { betas?: string[] }): SerializedRequest {
	const { betas, ...rest } = params;
	const json = JSON.stringify({ custom_id: customId, params: betas ? rest : params });
	return { json, bytes: Buffer.byteLength(json), betas: betas ?? [] };
}

export interface BatchBody {
	chunks: Buffer[];
	/** Exact byte length of the chunks together. */
	bytes: number;
	/** SHA-256 (hex) of those bytes. */
	sha256: string;
	requests: number;
	betas: string[];
}

export class BatchBodyBuilder {
	/** Bytes of the body so far, envelope included. */
	bytes = ENVELOPE_BYTES;
	requests = 0;
	private readonly chunks: Buffer[] = [];
	private readonly hash: Hash = createHash('sha256');
	private readonly betas = new Set<string>();
	private pending = HEAD;

	/** The body's size once `request` is added. */
	bytesWith(request: SerializedRequest): number {
		return this.bytes + (this.requests > 0 ? 1 : 0) + request.bytes;
	}

	add(request: SerializedRequest): void {
		this.bytes = this.bytesWith(request);
		this.pending += this.requests > 0 ? `,${request.json}` : request.json;
		this.requests++;
		for (const beta of request.betas) this.betas.add(beta);
		if (this.pending.length >= CHUNK_CHARS) this.flush();
	}

	finish(): BatchBody {
		this.pending += TAIL;
		this.flush();
		return { chunks: this.chunks, bytes: this.bytes, sha256: this.hash.digest('hex'), requests: this.requests, betas: [...this.betas] };
	}

	private flush(): void {
		const chunk = Buffer.from(this.pending, 'utf8');
		this.hash.update(chunk);
		this.chunks.push(chunk);
		this.pending = '';
	}
}

/** A new stream of the body's bytes each time (a retry of a request that was not processed reopens it). */
export function openBody(body: BatchBody): Promise<Readable> {
	return Promise.resolve(Readable.from(body.chunks, { objectMode: false }));
}

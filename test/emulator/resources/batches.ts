/**
 * Message Batches API of the emulated gateway: create, retrieve, list (ID pages, newest first),
 * cancel, delete and the JSONL results download.
 *
 * Timing: a batch is `in_progress` for `batchProcessingMs` (emulator option, or
 * `emulator.state.batches.processingMs` to change it at run time), then `ended`. The status is
 * derived from the clock whenever the batch is read; nothing runs in the background. A cancel makes
 * it `canceling` for `emulator.state.batches.cancelingMs` (default min(100, processing time)); the
 * requests that were not yet processed (a share proportional to the time left) end as `canceled`.
 *
 * Markers that choose a request's result (the custom_id pattern allows no brackets, hence two forms):
 * - custom_id containing `batch-expire`, or `[[batch-expire]]` anywhere in its params (e.g. the
 *   prompt text) ⇒ result `expired`.
 * - custom_id containing `batch-error`, or `[[batch-error]]` in its params ⇒ result `errored` with
 *   an `api_error`.
 * - params failing the Messages validation (messageValidate.ts) ⇒ `errored` with that error's type
 *   (`invalid_request_error`, or `not_found_error` for an unknown model or file); `stream: true` is
 *   refused too. Like the API, bad params do not fail the creation of the batch.
 *
 * Requests with code execution or a container (skills) are answered once, when the results are first
 * read after the batch has ended: the files their skills make are stored in the Files store then, and
 * every later download of the results names the same files (and containers) again.
 *
 * Results are served in a shuffled order seeded by the batch's custom_ids (so a test sees the same
 * order every run; `emulator.state.batches.shuffle = false` keeps request order), in chunks of
 * random sizes that split lines (and multi-byte characters) at arbitrary points.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { EmulatorHttpError, type Emulator, type RouteContext, type Router } from '../types';
import { idPage } from '../pagination';
import { newId } from '../ids';
import { validateMessageParams } from './messageValidate';
import { buildReply } from './messageReply';

export const EXPIRE_MARKER = '[[batch-expire]]';
export const ERROR_MARKER = '[[batch-error]]';
export const CUSTOM_ID_EXPIRE_MARKER = 'batch-expire';
export const CUSTOM_ID_ERROR_MARKER = 'batch-error';

const CUSTOM_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

type Outcome =
	| { type: 'succeeded' }
	| { type: 'expired' }
	| { type: 'errored'; errorType: string; message: string };

interface BatchRequest {
	custom_id: string;
	params: Record<string, any>;
	outcome: Outcome;
}

export interface StoredBatch {
	id: string;
	requests: BatchRequest[];
	createdAt: number;
	/** When the batch reaches `ended` (moved earlier by a cancel). */
	endsAt: number;
	cancelInitiatedAt: number | null;
	/** Requests from this index on end as `canceled` (requests.length when not canceled). */
	canceledFrom: number;
	/** Seeds the result order and chunk sizes. */
	seed: number;
	/** Replies made once, by request index: those of requests that run code (see materialize). */
	replies?: Map<number, Record<string, unknown>>;
}

export interface BatchesState {
	/** Batches by ID, in creation order. */
	batches: Map<string, StoredBatch>;
	/** Serve results in a seeded random order (default true). */
	shuffle: boolean;
	/** Overrides emulator.options.batchProcessingMs for batches created from now on. */
	processingMs?: number;
	/** How long a canceled batch stays `canceling`. */
	cancelingMs?: number;
	/** Largest accepted creation body (default 256 MB, the API's limit). */
	maxBodyBytes: number;
	/** Most requests in one batch (default 100,000). */
	maxRequests: number;
}

/** FNV-1a, to turn the custom_ids into a seed. */
function hashSeed(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** mulberry32: small, seeded, good enough for shuffles. Returns floats in [0, 1). */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function badRequest(message: string): EmulatorHttpError {
	return new EmulatorHttpError(400, 'invalid_request_error', message);
}

/** The Messages API's own validation, plus the one rule specific to batches; returns the error, if any. */
function paramsError(params: Record<string, any>, emulator: Emulator): { errorType: string; message: string } | undefined {
	try {
		validateMessageParams(params, { emulator });
	} catch (error) {
		if (error instanceof EmulatorHttpError) return { errorType: error.errorType, message: error.message };
		throw error;
	}
	if (params.stream === true) {
		return { errorType: 'invalid_request_error', message: 'stream: Streaming is not supported for requests in a message batch' };
	}
	return undefined;
}

function outcomeOf(customId: string, params: Record<string, any>, emulator: Emulator): Outcome {
	const text = JSON.stringify(params);
	if (customId.includes(CUSTOM_ID_EXPIRE_MARKER) || text.includes(EXPIRE_MARKER)) return { type: 'expired' };
	if (customId.includes(CUSTOM_ID_ERROR_MARKER) || text.includes(ERROR_MARKER)) {
		return { type: 'errored', errorType: 'api_error', message: 'Internal server error (emulated by the [[batch-error]] marker).' };
	}
	const invalid = paramsError(params, emulator);
	if (invalid) return { type: 'errored', ...invalid };
	return { type: 'succeeded' };
}

function parseRequests(body: any, maxRequests: number, emulator: Emulator): BatchRequest[] {
	if (!body || typeof body !== 'object' || !Array.isArray(body.requests)) {
		throw badRequest('requests: Field required (an array of {custom_id, params}).');
	}
	const requests: unknown[] = body.requests;
	if (requests.length === 0) throw badRequest('requests: A message batch needs at least 1 request.');
	if (requests.length > maxRequests) {
		throw badRequest(`requests: A message batch can hold at most ${maxRequests} requests; got ${requests.length}.`);
	}
	const seen = new Set<string>();
	return requests.map((request: any, index) => {
		const customId = request?.custom_id;
		if (typeof customId !== 'string' || !CUSTOM_ID_PATTERN.test(customId)) {
			throw badRequest(
				`requests.${index}.custom_id: ${JSON.stringify(customId)} must match ^[a-zA-Z0-9_-]{1,64}$.`,
			);
		}
		if (seen.has(customId)) {
			throw badRequest(`requests.${index}.custom_id: '${customId}' is used more than once; custom_ids must be unique within a batch.`);
		}
		seen.add(customId);
		const params = request.params;
		if (!params || typeof params !== 'object' || Array.isArray(params)) {
			throw badRequest(`requests.${index}.params: Field required (an object of Messages parameters).`);
		}
		return { custom_id: customId, params, outcome: outcomeOf(customId, params, emulator) };
	});
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A message ID derived from the batch and custom_id, so every download of the results is identical. */
function resultMessageId(batchId: string, customId: string): string {
	const digest = createHash('sha256').update(`${batchId}\n${customId}`).digest();
	let tail = '';
	for (let i = 0; i < 22; i++) tail += ID_ALPHABET[digest[i] % ID_ALPHABET.length];
	return `msg_01${tail}`;
}

/** The Messages reply generator's answer; batch traffic is billed (and labelled) as the batch tier. */
function batchReply(params: Record<string, any>, batchId: string, customId: string, emulator?: Emulator): Record<string, unknown> {
	const reply = buildReply(params, resultMessageId(batchId, customId), emulator);
	return { ...reply, usage: { ...reply.usage, service_tier: 'batch' } };
}

/** A request whose reply runs code: skills make files, and its container and tool IDs are new each time. */
function runsCode(params: Record<string, any>): boolean {
	return params.container != null || (Array.isArray(params.tools) && params.tools.some((tool: any) => String(tool?.type ?? '').startsWith('code_execution')));
}

/**
 * The replies of the succeeded requests that run code, made once (with their files) the first time the
 * ended batch's results are read; the other replies are pure functions of the request, rendered per line.
 */
function materialize(batch: StoredBatch, emulator: Emulator): void {
	if (batch.replies) return;
	batch.replies = new Map();
	batch.requests.forEach((request, index) => {
		if (resultTypeOf(batch, index) === 'succeeded' && runsCode(request.params)) {
			batch.replies!.set(index, batchReply(request.params, batch.id, request.custom_id, emulator));
		}
	});
}

function statusOf(batch: StoredBatch, now: number): 'in_progress' | 'canceling' | 'ended' {
	if (now >= batch.endsAt) return 'ended';
	return batch.cancelInitiatedAt !== null ? 'canceling' : 'in_progress';
}

function resultTypeOf(batch: StoredBatch, index: number): 'succeeded' | 'errored' | 'expired' | 'canceled' {
	return index >= batch.canceledFrom ? 'canceled' : batch.requests[index].outcome.type;
}

/** The API's MessageBatch object, as of now. */
function batchView(batch: StoredBatch, emulator: Emulator): Record<string, unknown> {
	const status = statusOf(batch, Date.now());
	const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
	if (status === 'ended') {
		for (let i = 0; i < batch.requests.length; i++) counts[resultTypeOf(batch, i)]++;
	} else {
		// Like the API, the other counts stay zero until the whole batch has ended.
		counts.processing = batch.requests.length;
	}
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	return {
		id: batch.id,
		type: 'message_batch',
		processing_status: status,
		request_counts: counts,
		ended_at: status === 'ended' ? iso(batch.endsAt) : null,
		created_at: iso(batch.createdAt),
		expires_at: iso(batch.createdAt + DAY_MS),
		archived_at: null,
		cancel_initiated_at: iso(batch.cancelInitiatedAt),
		results_url: status === 'ended' ? `${emulator.url}/v1/messages/batches/${batch.id}/results` : null,
	};
}

function stateOf(emulator: Emulator): BatchesState {
	return emulator.state.batches as BatchesState;
}

function requireBatch(ctx: RouteContext): StoredBatch {
	const id = ctx.params.message_batch_id;
	const batch = stateOf(ctx.emulator).batches.get(id);
	if (!batch) throw new EmulatorHttpError(404, 'not_found_error', `Message batch not found: '${id}'.`);
	return batch;
}

function create(ctx: RouteContext): void {
	const state = stateOf(ctx.emulator);
	const declared = Number(ctx.headers['content-length'] ?? 0);
	if (declared > state.maxBodyBytes || ctx.body.length > state.maxBodyBytes) {
		throw new EmulatorHttpError(413, 'request_too_large', `Request exceeds the maximum size of ${state.maxBodyBytes} bytes for a message batch.`);
	}
	const requests = parseRequests(ctx.json(), state.maxRequests, ctx.emulator);
	const now = Date.now();
	const processingMs = state.processingMs ?? ctx.emulator.options.batchProcessingMs;
	const batch: StoredBatch = {
		id: newId('msgbatch'),
		requests,
		createdAt: now,
		endsAt: now + processingMs,
		cancelInitiatedAt: null,
		canceledFrom: requests.length,
		seed: hashSeed(requests.map((request) => request.custom_id).join('\n')),
	};
	state.batches.set(batch.id, batch);
	ctx.send(200, batchView(batch, ctx.emulator));
}

function cancel(ctx: RouteContext): void {
	const state = stateOf(ctx.emulator);
	const batch = requireBatch(ctx);
	const now = Date.now();
	const status = statusOf(batch, now);
	if (status === 'ended') {
		throw badRequest(`Message batch '${batch.id}' has already ended and cannot be canceled.`);
	}
	if (status === 'in_progress') {
		const processingMs = batch.endsAt - batch.createdAt;
		const doneShare = processingMs > 0 ? Math.min(1, (now - batch.createdAt) / processingMs) : 1;
		batch.canceledFrom = Math.floor(batch.requests.length * doneShare);
		batch.cancelInitiatedAt = now;
		const cancelingMs = state.cancelingMs ?? Math.min(100, processingMs);
		batch.endsAt = Math.min(batch.endsAt, now + cancelingMs);
	}
	ctx.send(200, batchView(batch, ctx.emulator));
}

function remove(ctx: RouteContext): void {
	const batch = requireBatch(ctx);
	const status = statusOf(batch, Date.now());
	if (status !== 'ended') {
		throw badRequest(`Message batch '${batch.id}' is ${status}; only ended batches can be deleted (cancel it first).`);
	}
	stateOf(ctx.emulator).batches.delete(batch.id);
	ctx.send(200, { id: batch.id, type: 'message_batch_deleted' });
}

function list(ctx: RouteContext): void {
	const newestFirst = [...stateOf(ctx.emulator).batches.values()].reverse();
	ctx.send(200, idPage(newestFirst.map((batch) => batchView(batch, ctx.emulator)) as Array<{ id: string }>, ctx.query));
}

function resultLine(batch: StoredBatch, index: number): Record<string, unknown> {
	const request = batch.requests[index];
	const type = resultTypeOf(batch, index);
	const outcome = request.outcome;
	if (type === 'succeeded') {
		const message = batch.replies?.get(index) ?? batchReply(request.params, batch.id, request.custom_id);
		return { custom_id: request.custom_id, result: { type, message } };
	}
	if (type === 'errored' && outcome.type === 'errored') {
		return {
			custom_id: request.custom_id,
			result: { type, error: { type: 'error', error: { type: outcome.errorType, message: outcome.message }, request_id: null } },
		};
	}
	return { custom_id: request.custom_id, result: { type } };
}

/** Fisher–Yates over the request indexes. */
function resultOrder(batch: StoredBatch, shuffle: boolean): Uint32Array {
	const order = new Uint32Array(batch.requests.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	if (!shuffle) return order;
	const random = seededRandom(batch.seed);
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

/** Mostly mid-sized chunks, sometimes tiny ones, so line and UTF-8 boundaries fall anywhere. */
function chunkSize(random: () => number): number {
	return random() < 0.25 ? 1 + Math.floor(random() * 100) : 1024 + Math.floor(random() * 31 * 1024);
}

/** Yields the JSONL lazily, cut at arbitrary byte positions; memory stays at about one chunk. */
async function* resultChunks(batch: StoredBatch, shuffle: boolean): AsyncGenerator<Buffer> {
	const random = seededRandom(batch.seed ^ 0x9e3779b9);
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let target = chunkSize(random);
	for (const index of resultOrder(batch, shuffle)) {
		const line = Buffer.from(`${JSON.stringify(resultLine(batch, index))}\n`);
		pending.push(line);
		pendingBytes += line.length;
		while (pendingBytes >= target) {
			const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
			yield joined.subarray(0, target);
			const rest = joined.subarray(target);
			pending = rest.length > 0 ? [rest] : [];
			pendingBytes = rest.length;
			target = chunkSize(random);
		}
	}
	if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
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

async function results(ctx: RouteContext): Promise<void> {
	const batch = requireBatch(ctx);
	const status = statusOf(batch, Date.now());
	if (status !== 'ended') {
		throw badRequest(`Message batch '${batch.id}' is ${status}; its results are available once it has ended.`);
	}
	materialize(batch, ctx.emulator);
	const out = ctx.stream(200, { 'content-type': 'application/binary' });
	const source = Readable.from(untilCut(resultChunks(batch, stateOf(ctx.emulator).shuffle), out.cutAfter, ctx.res));
	// A cut or vanished client must stop the generator too, not render every line into the void.
	ctx.res.once('close', () => source.destroy());
	try {
		await pipeline(source, out);
	} catch {
		// The client went away or a cutStream fault cut the body: nothing more to say to anyone.
	}
}

export function register(router: Router, emulator: Emulator): void {
	const state: BatchesState = {
		batches: new Map(),
		shuffle: true,
		maxBodyBytes: 256 * 1024 * 1024,
		maxRequests: 100_000,
	};
	emulator.state.batches = state;
	router.add('POST', '/v1/messages/batches', create);
	router.add('GET', '/v1/messages/batches', list);
	router.add('GET', '/v1/messages/batches/:message_batch_id', (ctx) => ctx.send(200, batchView(requireBatch(ctx), ctx.emulator)));
	router.add('POST', '/v1/messages/batches/:message_batch_id/cancel', cancel);
	router.add('DELETE', '/v1/messages/batches/:message_batch_id', remove);
	router.add('GET', '/v1/messages/batches/:message_batch_id/results', results);
}

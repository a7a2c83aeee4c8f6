/** Builds the RouteContext a handler gets: JSON/SSE/stream writers that carry request-id and honour stream faults. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { errorBody, writeJson } from './errors';
import {
	EmulatorHttpError,
	type Emulator,
	type Fault,
	type ReceivedRequest,
	type RouteContext,
	type SseWriter,
} from './types';

export interface ContextInput {
	req: IncomingMessage;
	res: ServerResponse;
	emulator: Emulator;
	requestId: string;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	body: Buffer;
	record: ReceivedRequest;
	/** A cutStream or sseError fault taken for this request; applied by sse()/stream(). */
	streamFault?: Fault;
}

const DEFAULT_CUT_AFTER = 2;

export function createContext(input: ContextInput): RouteContext {
	const { req, res, requestId, record } = input;
	let parsed: { value: unknown } | undefined;

	const cutAfter = input.streamFault?.type === 'cutStream' ? input.streamFault.afterEvents ?? DEFAULT_CUT_AFTER : undefined;

	function cutSocket(): void {
		res.socket?.destroy();
		res.destroy();
	}

	return {
		method: req.method ?? 'GET',
		path: input.path,
		params: input.params,
		query: input.query,
		headers: req.headers,
		body: input.body,
		req,
		res,
		emulator: input.emulator,
		requestId,
		json<T = any>(): T {
			if (!parsed) {
				const text = input.body.toString('utf8');
				if (!text.trim()) throw new EmulatorHttpError(400, 'invalid_request_error', 'The request body is empty: expected a JSON object.');
				try {
					parsed = { value: JSON.parse(text) };
				} catch (error) {
					throw new EmulatorHttpError(
						400,
						'invalid_request_error',
						`The request body is not valid JSON: ${(error as Error).message}`,
					);
				}
			}
			return parsed.value as T;
		},
		send(status, body, headers = {}) {
			const envelope = body as { type?: string; error?: { type?: string } } | null;
			if (status >= 400 && envelope?.type === 'error') record.errorType = envelope.error?.type;
			writeJson(res, status, body, requestId, headers);
		},
		sse(): SseWriter {
			res.writeHead(200, {
				'content-type': 'text/event-stream',
				'cache-control': 'no-cache',
				'request-id': requestId,
			});
			res.flushHeaders();
			let written = 0;
			let finished = false;
			const sseError = input.streamFault?.type === 'sseError' ? input.streamFault : undefined;
			const write = (name: string, data: unknown) =>
				res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
			return {
				event(name, data) {
					if (finished || res.destroyed) return;
					if (sseError && written >= (sseError.afterEvents ?? 1)) {
						const type = sseError.errorType ?? 'overloaded_error';
						write('error', { type: 'error', error: { type, message: sseError.message ?? 'Overloaded' }, request_id: requestId });
						finished = true;
						res.end();
						return;
					}
					written++;
					if (cutAfter !== undefined && written >= cutAfter) {
						finished = true;
						res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`, () => cutSocket());
						return;
					}
					write(name, data);
				},
				comment(text) {
					if (!finished && !res.destroyed) res.write(`: ${text}\n\n`);
				},
				end() {
					if (finished || res.destroyed) return;
					finished = true;
					res.end();
				},
			};
		},
		stream(status, headers) {
			res.writeHead(status, { 'request-id': requestId, ...headers });
			let chunks = 0;
			const writable = new Writable({
				write(chunk: Buffer, _encoding, callback) {
					if (res.destroyed) return callback();
					chunks++;
					if (cutAfter !== undefined && chunks >= cutAfter) {
						res.write(chunk, () => cutSocket());
						return callback();
					}
					if (res.write(chunk)) return callback();
					// A client that goes away never drains: finish on close too so the handler's pipeline ends.
					const done = () => {
						res.off('drain', done);
						res.off('close', done);
						callback();
					};
					res.on('drain', done);
					res.on('close', done);
				},
				final(callback) {
					if (!res.destroyed) res.end();
					callback();
				},
			}) as Writable & { cutAfter?: number };
			writable.cutAfter = cutAfter;
			return writable;
		},
	};
}

/** An error envelope for a thrown EmulatorHttpError (for handlers that write errors themselves). */
export function envelopeFor(error: EmulatorHttpError, requestId: string) {
	return errorBody(error.errorType, error.message, requestId, error.details);
}

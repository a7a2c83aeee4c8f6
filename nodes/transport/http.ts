/** One HTTP exchange over Node's http/https with keep-alive: no retries, no signing, no API knowledge. */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { MAX_TIMER_MS } from './constants';

const agents = {
	'http:': new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' }),
	'https:': new https.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' }),
};

/**
 * Creates that must not be duplicated go out on a new connection: a kept-alive socket the gateway has
 * just closed resets the request, and such a reset cannot be told apart from one after processing, so
 * the create could not be retried. A new connection that resets was never idle, so that race is gone.
 * It is still a keep-alive connection (its own agent, destroyed after the exchange), not "Connection:
 * close": a server that answers before reading a streamed upload (429, 401, 413...) then drains the rest
 * instead of closing, so the answer is read rather than lost to a write EPIPE.
 */
function freshAgent(protocol: string): http.Agent {
	return protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: 1 }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
}

export interface HttpExchange {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body?: string | Uint8Array | Readable;
	/** Idle limit: no byte for this long (before or after the response head) fails the exchange. */
	timeoutMs: number;
	/**
	 * Total limit, against a gateway that trickles bytes and so is never idle: the exchange must reach
	 * the response head (through: 'head') or the end of the body (through: 'body') within ms.
	 */
	total?: { ms: number; through: 'head' | 'body' };
	signal?: AbortSignal;
	/** Don't reuse a kept-alive connection (non-idempotent creates). */
	freshConnection?: boolean;
}

export class HttpFailure extends Error {
	constructor(
		message: string,
		readonly code: string,
		/** True when no byte of the request body could have been processed: always safe to retry. */
		readonly beforeSend: boolean,
		/** For ETIMEDOUT: which limit was hit. */
		readonly limit?: 'idle' | 'total',
	) {
		super(message);
		this.name = 'HttpFailure';
	}
}

/** Why exchange() ended a response itself (a time limit), so readers report that rather than a bare cut. */
const endedBy = new WeakMap<IncomingMessage, HttpFailure>();

export function failureOf(response: IncomingMessage): HttpFailure | undefined {
	return endedBy.get(response);
}

/** Node's header checks throw these before anything is sent. */
const INVALID_HEADER_CODES = new Set(['ERR_INVALID_CHAR', 'ERR_HTTP_INVALID_HEADER_VALUE', 'ERR_INVALID_HTTP_TOKEN']);

function clampTimer(ms: number): number {
	return Math.min(Math.max(1, ms), MAX_TIMER_MS);
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Every socket keeps an error listener of its own. Seen in the test suite: the keep-alive socket of a
 * finished upload, guarded neither by its request any more nor by the agent, got a reset when the
 * gateway closed its connections; without a listener that is an uncaught exception, which ends the n8n
 * process. Errors during a request still reach that request through Node's own socket listener.
 */
function ignoreSocketError(): void {}

function guardSocket(socket: Socket): void {
	if (!socket.listeners('error').includes(ignoreSocketError)) socket.on('error', ignoreSocketError);
}

export function exchange(request: HttpExchange): Promise<IncomingMessage> {
	return new Promise((resolve, reject) => {
		const transport = request.url.protocol === 'https:' ? https : http;
		const ownAgent = request.freshConnection ? freshAgent(request.url.protocol) : undefined;
		let req: http.ClientRequest;
		try {
			req = transport.request(request.url, {
				method: request.method,
				headers: request.headers,
				agent: ownAgent ?? agents[request.url.protocol as 'http:' | 'https:'],
				signal: request.signal,
			});
		} catch (error) {
			ownAgent?.destroy();
			const e = error as NodeJS.ErrnoException;
			// Node names the header, never its value.
			if (e.code && INVALID_HEADER_CODES.has(e.code)) return reject(new HttpFailure(e.message, 'EINVALIDHEADER', true));
			return reject(error);
		}
		// The connection is never reused: gone once this exchange (answer included) is over.
		if (ownAgent) {
			let response: IncomingMessage | undefined;
			req.once('response', (answer: IncomingMessage) => (response = answer));
			req.once('close', () => {
				if (response && !response.closed) response.once('close', () => ownAgent.destroy());
				else ownAgent.destroy();
			});
		}
		req.once('socket', guardSocket);
		let settled = false;
		const fail = (error: NodeJS.ErrnoException) => {
			if (settled) return;
			settled = true;
			const code = error.name === 'AbortError' ? 'ABORTED' : (error.code ?? 'ECONNERROR');
			reject(new HttpFailure(error.message, code, NOT_SENT_CODES.has(code), code === 'ETIMEDOUT' ? 'idle' : undefined));
		};
		let answer: IncomingMessage | undefined;
		req.setTimeout(clampTimer(request.timeoutMs), () => {
			const failure = new HttpFailure(`no answer within ${request.timeoutMs} ms`, 'ETIMEDOUT', false, 'idle');
			if (answer) endedBy.set(answer, failure);
			else if (!settled) {
				settled = true;
				reject(failure);
			}
			req.destroy(failure);
		});
		let deadline: NodeJS.Timeout | undefined;
		if (request.total) {
			const { ms, through } = request.total;
			deadline = setTimeout(() => {
				const what = answer ? 'the whole answer did not arrive' : 'no complete response head arrived';
				const failure = new HttpFailure(`${what} within ${ms} ms (total time limit)`, 'ETIMEDOUT', false, 'total');
				if (!answer) {
					settled = true;
					reject(failure);
					req.destroy(failure);
				} else {
					endedBy.set(answer, failure);
					answer.destroy(failure);
				}
			}, clampTimer(ms));
			deadline.unref();
			const clear = () => clearTimeout(deadline);
			req.once('close', () => {
				if (!answer || through === 'head') clear();
			});
			if (through === 'head') req.once('response', clear);
		}
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (error instanceof HttpFailure) {
				if (!settled) {
					settled = true;
					reject(error);
				}
				return;
			}
			fail(error);
		});
		req.on('response', (response) => {
			settled = true;
			answer = response;
			if (deadline && request.total?.through === 'body') response.once('close', () => clearTimeout(deadline));
			// The socket idle timeout keeps guarding the body: a stalled stream errors the response.
			response.on('error', () => undefined);
			resolve(response);
		});
		const body = request.body;
		if (body === undefined) req.end();
		else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
		else {
			body.on('error', (error) => req.destroy(error));
			body.pipe(req);
		}
	});
}

/** Reads a whole (small) body; a connection cut mid-body rejects with HttpFailure. */
export function readBody(response: IncomingMessage, limitBytes = 64 * 1024 * 1024): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		response.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limitBytes) {
				response.destroy();
				reject(new HttpFailure(`response larger than ${limitBytes} bytes`, 'ETOOLARGE', false));
				return;
			}
			chunks.push(chunk);
		});
		const cut = () => failureOf(response) ?? new HttpFailure('connection closed before the whole response arrived', 'ECONNRESET', false);
		response.on('end', () => resolve(Buffer.concat(chunks)));
		response.on('aborted', () => reject(cut()));
		response.on('error', (error: NodeJS.ErrnoException) =>
			reject(failureOf(response) ?? new HttpFailure(error.message, error.code ?? 'ECONNRESET', false, error.code === 'ETIMEDOUT' ? 'idle' : undefined)),
		);
		response.on('close', () => {
			if (!response.complete) reject(cut());
		});
	});
}

/**
 * The one signed-request helper every node uses; the pieces live beside it: URLs (url.ts), auth (auth.ts),
 * the retry decision (retryPolicy.ts), error answers (wireErrors.ts, failures.ts), pages (pagination.ts),
 * flow control (throttle.ts; pacer.ts from the rate-limit headers). Nothing here knows about n8n.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { RequestAuth } from './auth';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, DEFAULT_TOTAL_TIMEOUT_MS } from './constants';
import { gatewayBaseUrl, validateConnectionConfig, type ConnectionConfig } from './config';
import { ClaudeAbortedError, ClaudeConfigError } from './errors';
import { readEventStream } from './eventStream';
import { connectionError, credentialsError, invalidHeaderError } from './failures';
import { exchange, HttpFailure, readBody, type HttpExchange } from './http';
import { IdentityError, identityProviderFor } from './identity';
import { collectPages, type PageOptions } from './pagination';
import { afterDecision, decideRetry, initialRetryState, type RetryOutcome } from './retryPolicy';
import { pacerFor, type RateLimitPacer } from './pacer';
import { sleep } from './sleep';
import { RequestThrottle } from './throttle';
import { displayPath, resolveRequestUrl, type QueryValue } from './url';
import { apiErrorFrom, invalidJsonError, requestIdOf, type SseEvent } from './wireErrors';

export type { PageOptions, QueryValue, SseEvent };

export interface ApiRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path under the base URL, e.g. /v1/messages; or an absolute URL on the same gateway (results_url). */
	path: string;
	query?: Record<string, QueryValue>;
	/** JSON body. */
	body?: unknown;
	/** Streamed body: a factory, so a retry can open it again. Signed with sha256 (hex of the exact bytes) if given, else UNSIGNED-PAYLOAD (uploads). */
	stream?: { open: () => Promise<Readable>; contentType: string; contentLength?: number; sha256?: string };
	/** anthropic-beta values this call needs. */
	betas?: string[];
	/** Values the request carries (an MCP token, a vault secret): cleaned from errors like the credential's. */
	secrets?: string[];
	headers?: Record<string, string>;
	/** False for creates that must never be duplicated: then only "not processed" answers are retried. */
	idempotent?: boolean;
	maxRetries?: number;
	/** Idle limit of each attempt. */
	timeoutMs?: number;
	/**
	 * Total limit of each attempt, response head and body. JSON requests always have one (the client's
	 * totalTimeoutMs). stream() and sse() answers may rightly last long (a download, an agent's turn), so
	 * for them only the response head is held to the client's limit, and the body only when the call
	 * sets this.
	 */
	totalTimeoutMs?: number;
	signal?: AbortSignal;
}

export interface StreamedResponse {
	status: number;
	headers: IncomingMessage['headers'];
	requestId?: string;
	body: Readable;
}

interface ClientOptions {
	/** Identifies the n8n credential: cached host or assumed-role credentials and the rate-limit pacer are per credential. */
	identityCacheKey?: string;
}

interface Sent {
	response: IncomingMessage;
	retries: number;
	release: () => void;
	/** The secrets of the attempt that got this answer, for cleaning error texts. */
	secrets: string[];
}

type Attempt = { response: IncomingMessage; secrets: string[] } | { outcome: RetryOutcome; error: (retries: number) => Error };

export class ClaudeAwsClient {
	readonly config: ConnectionConfig;
	readonly baseUrl: URL;
	private readonly auth: RequestAuth;
	private readonly throttle: RequestThrottle;
	private readonly pacer: RateLimitPacer;
	private readonly maxRetries: number;
	private readonly timeoutMs: number;
	private readonly totalTimeoutMs: number;

	constructor(config: ConnectionConfig, options: ClientOptions = {}) {
		this.config = validateConnectionConfig(config);
		this.baseUrl = new URL(gatewayBaseUrl(this.config));
		this.auth = new RequestAuth(this.config, identityProviderFor(this.config.auth, this.config.region, options.identityCacheKey));
		this.throttle = new RequestThrottle(this.config.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
		this.pacer = pacerFor(options.identityCacheKey);
		this.maxRetries = this.config.maxRetries ?? DEFAULT_MAX_RETRIES;
		this.timeoutMs = this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.totalTimeoutMs = this.config.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
	}

	/** JSON request, JSON answer. */
	async request<T = any>(request: ApiRequest): Promise<T> {
		const { response, retries, release, secrets } = await this.send(request, { ms: request.totalTimeoutMs ?? this.totalTimeoutMs, through: 'body' });
		try {
			const body = await this.readAll(response, request, retries, secrets);
			if (body.length === 0) return undefined as T;
			try {
				return JSON.parse(body.toString('utf8')) as T;
			} catch {
				throw invalidJsonError(response.statusCode ?? 0, { method: request.method, path: displayPath(request.path), retries, requestId: requestIdOf(response.headers) });
			}
		} finally {
			release();
		}
	}

	/** Raw streamed answer (file downloads, JSONL results); the caller must consume or destroy body. */
	async stream(request: ApiRequest): Promise<StreamedResponse> {
		const { response, release } = await this.send(request, this.streamLimit(request));
		response.once('close', release);
		return { status: response.statusCode ?? 0, headers: response.headers, requestId: requestIdOf(response.headers), body: response };
	}

	/**
	 * Server-sent events with JSON data. `isFinal` says which event completes the stream: if the stream
	 * ends before it, that is an error, never a short answer. An `error` event becomes a ClaudeApiError.
	 */
	async *sse<T = any>(request: ApiRequest, isFinal?: (event: SseEvent<T>) => boolean): AsyncGenerator<SseEvent<T>> {
		const sseRequest = { ...request, headers: { accept: 'text/event-stream', ...request.headers } };
		const { response, retries, release, secrets } = await this.send(sseRequest, this.streamLimit(request));
		try {
			yield* readEventStream<T>(response, { method: request.method, path: displayPath(request.path), retries, requestId: requestIdOf(response.headers), secrets }, isFinal);
		} finally {
			release();
		}
	}

	/** Follows cursor pages until returnAll is satisfied or `limit` items were collected. */
	paginate<T = any>(request: ApiRequest, options: PageOptions): Promise<T[]> {
		return collectPages<T>(request, options, (query) => this.request<any>({ ...request, method: 'GET', query }));
	}

	/** Resolves a path or a same-gateway absolute URL; refuses to send signed requests anywhere else. */
	resolveUrl(request: Pick<ApiRequest, 'path' | 'query'>): URL {
		return resolveRequestUrl(this.baseUrl, request.path, request.query);
	}

	/**
	 * Auth headers for a request built elsewhere (n8n's HTTP Request node through the credential):
	 * the gateway headers are added where missing, then it is signed (or given the Bearer key).
	 */
	async authorize(request: { method: string; url: URL; headers: Record<string, string>; body?: string | Uint8Array; unsignedPayload?: boolean }): Promise<Record<string, string>> {
		if (request.url.origin !== this.baseUrl.origin) {
			throw new ClaudeConfigError('URL', `Refusing to authorize a request to ${request.url.origin}: this credential only talks to ${this.baseUrl.origin}.`, 'Use a path on the gateway, or set the Base URL of the credential.');
		}
		const { headers } = await this.auth.authorize({ ...request, headers: this.auth.gatewayHeaders(request.headers) });
		return headers;
	}

	private streamLimit(request: ApiRequest): HttpExchange['total'] {
		return request.totalTimeoutMs ? { ms: request.totalTimeoutMs, through: 'body' } : { ms: this.totalTimeoutMs, through: 'head' };
	}

	private async send(request: ApiRequest, total: HttpExchange['total']): Promise<Sent> {
		const url = this.resolveUrl(request);
		const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
		let state = initialRetryState(request.maxRetries ?? this.maxRetries, request.idempotent ?? true, !!this.auth.identity?.invalidate);
		for (;;) {
			const slot = await this.throttle.acquire();
			const attempt = await this.attempt(request, url, bodyText, total, state.retries).catch((error: unknown) => {
				slot.release();
				throw error;
			});
			if ('response' in attempt) {
				this.throttle.succeeded();
				return { response: attempt.response, retries: state.retries, release: () => slot.release(), secrets: attempt.secrets };
			}
			slot.release();
			const decision = decideRetry(attempt.outcome, state);
			if (decision.action === 'fail') throw attempt.error(state.retries);
			if (decision.action === 'refresh') this.auth.identity!.invalidate!();
			if (decision.rateLimited) this.throttle.rateLimited(decision.delayMs);
			if (decision.delayMs > 0) await this.abortable(sleep(decision.delayMs, request.signal), request, state.retries);
			state = afterDecision(state, decision);
		}
	}

	/** One exchange: a 2xx answer, or what went wrong and the error to throw if it is not retried. */
	private async attempt(request: ApiRequest, url: URL, bodyText: string | undefined, total: HttpExchange['total'], retries: number): Promise<Attempt> {
		const where = { request, origin: this.baseUrl.origin, retries };
		let headers: Record<string, string>;
		let secrets: string[];
		try {
			({ headers, secrets } = await this.auth.authorize({ method: request.method, url, headers: this.auth.requestHeaders(request, bodyText), body: bodyText, unsignedPayload: !!request.stream && !request.stream.sha256, payloadHash: request.stream?.sha256, requestSecrets: request.secrets }));
		} catch (error) {
			if (error instanceof ClaudeConfigError) throw error;
			const retryable = error instanceof IdentityError ? error.retryable : true;
			return { outcome: { kind: 'identity', retryable }, error: (n) => credentialsError(error, { ...where, retries: n, secrets: [...this.auth.secrets] }) };
		}
		let response: IncomingMessage;
		// Known limits are waited for here, after signing: a signature stays valid for minutes, the wait is at most one.
		const ticket = await this.abortable(this.pacer.beforeSend(request.signal), request, retries);
		try {
			const body = request.stream ? await request.stream.open() : bodyText;
			response = await exchange({ method: request.method, url, headers, body, timeoutMs: request.timeoutMs ?? this.timeoutMs, total, signal: request.signal, freshConnection: request.idempotent === false });
			this.pacer.answered(ticket, response.headers);
		} catch (error) {
			this.pacer.answered(ticket, undefined);
			if (!(error instanceof HttpFailure)) throw error;
			if (error.code === 'EINVALIDHEADER') throw invalidHeaderError(error, this.config.auth.type);
			const ambiguous = request.idempotent === false && !error.beforeSend;
			return { outcome: { kind: 'network', code: error.code, beforeSend: error.beforeSend }, error: (n) => connectionError(error, { ...where, retries: n, secrets }, ambiguous) };
		}
		const status = response.statusCode ?? 0;
		// A redirect is not an answer: a signed request is never followed elsewhere, and its body is not the resource.
		if (status < 300) return { response, secrets };
		let errorBody: Buffer;
		try {
			errorBody = await readBody(response, 1024 * 1024);
		} catch {
			errorBody = Buffer.alloc(0);
		}
		// Temporary credentials can be revoked or expire before their stated expiry: get fresh ones once.
		const credentialsExpired = status === 403 && /expired|security token included in the request is invalid/i.test(errorBody.toString('utf8'));
		return {
			outcome: { kind: 'status', status, headers: response.headers, credentialsExpired },
			error: (n) => apiErrorFrom(status, errorBody, response.headers, { method: request.method, path: displayPath(request.path), retries: n, secrets }),
		};
	}

	/** A wait that the request's signal ends with the same error as an aborted exchange. */
	private abortable<T>(wait: Promise<T>, request: ApiRequest, retries: number): Promise<T> {
		return wait.catch((error) => {
			if (!(error instanceof ClaudeAbortedError)) throw error;
			throw connectionError(new HttpFailure(error.message, 'ABORTED', true), { request, origin: this.baseUrl.origin, retries, secrets: [] });
		});
	}

	private async readAll(response: IncomingMessage, request: ApiRequest, retries: number, secrets: string[]): Promise<Buffer> {
		try {
			return await readBody(response);
		} catch (error) {
			// A create whose answer broke off has most likely been done: say so, as for any ambiguous failure.
			const where = { request, origin: this.baseUrl.origin, retries, secrets };
			throw connectionError(error as HttpFailure, where, request.idempotent === false, requestIdOf(response.headers));
		}
	}
}

export function createClient(config: ConnectionConfig, options?: ClientOptions): ClaudeAwsClient {
	return new ClaudeAwsClient(config, options);
}

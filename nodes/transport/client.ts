/**
 * The one signed-request helper every node uses: URL building, headers, SigV4 (or Bearer), retries
 * with back-off shared by the whole execution, streaming bodies, SSE, pagination, error mapping to
 * plain error classes. Nothing here knows about n8n.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { API_VERSION, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, USER_AGENT } from './constants';
import { gatewayBaseUrl, validateConnectionConfig, type ConnectionConfig } from './config';
import { ClaudeApiError, ClaudeConfigError, ClaudeConnectionError, ClaudeStreamError } from './errors';
import { exchange, HttpFailure, readBody } from './http';
import { IdentityError, identityProviderFor, type IdentityProvider } from './identity';
import { backoffDelayMs, isRetryableStatus, serverRetryDelayMs } from './retryPolicy';
import { RequestSigner } from './signer';
import { parseSse } from './sse';
import { RequestThrottle } from './throttle';

export type QueryValue = string | number | boolean | undefined | null | string[];

export interface ApiRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path under the base URL, e.g. /v1/messages; or an absolute URL on the same gateway (results_url). */
	path: string;
	query?: Record<string, QueryValue>;
	/** JSON body. */
	body?: unknown;
	/** Streamed body (file uploads): a factory, so a retry can open it again. Sent with UNSIGNED-PAYLOAD. */
	stream?: { open: () => Promise<Readable>; contentType: string; contentLength?: number };
	/** anthropic-beta values this call needs. */
	betas?: string[];
	headers?: Record<string, string>;
	/** False for creates that must never be duplicated: then only "not processed" answers are retried. */
	idempotent?: boolean;
	maxRetries?: number;
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface StreamedResponse {
	status: number;
	headers: IncomingMessage['headers'];
	requestId?: string;
	body: Readable;
}

export interface SseEvent<T = any> {
	event: string;
	data: T;
	id?: string;
}

export interface PageOptions {
	/** 'id': limit/after_id with has_more/last_id (models, batches); 'page': limit/page with next_page (files, agents, sessions...). */
	style: 'id' | 'page';
	returnAll: boolean;
	/** Items wanted when returnAll is false. */
	limit?: number;
	/** Page size asked of the API. */
	pageSize?: number;
}

interface ClientOptions {
	/** Identifies the n8n credential, so cached host or assumed-role credentials are never shared between two. */
	identityCacheKey?: string;
}

/** How long, in total, one request may spend waiting out rate limits before it gives up. */
const RATE_LIMIT_PATIENCE_MS = 120_000;

export class ClaudeAwsClient {
	readonly config: ConnectionConfig;
	readonly baseUrl: URL;
	private readonly signer?: RequestSigner;
	private readonly identity?: IdentityProvider;
	private readonly throttle: RequestThrottle;
	private readonly maxRetries: number;
	private readonly timeoutMs: number;

	constructor(config: ConnectionConfig, options: ClientOptions = {}) {
		this.config = validateConnectionConfig(config);
		this.baseUrl = new URL(gatewayBaseUrl(this.config));
		this.identity = identityProviderFor(this.config.auth, this.config.region, options.identityCacheKey);
		if (this.identity) this.signer = new RequestSigner(this.config.region, this.identity);
		this.throttle = new RequestThrottle(this.config.maxConcurrency ?? 64);
		this.maxRetries = this.config.maxRetries ?? DEFAULT_MAX_RETRIES;
		this.timeoutMs = this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	}

	/** JSON request, JSON answer. */
	async request<T = any>(request: ApiRequest): Promise<T> {
		const { response, retries, release } = await this.send(request);
		try {
			const body = await this.readAll(response, request, retries);
			const requestId = requestIdOf(response);
			if (body.length === 0) return undefined as T;
			try {
				return JSON.parse(body.toString('utf8')) as T;
			} catch {
				throw new ClaudeApiError({
					status: response.statusCode ?? 0,
					errorType: 'invalid_response',
					apiMessage: 'The gateway answered with a body that is not valid JSON.',
					requestId,
					method: request.method,
					path: pathOf(request),
					retries,
				});
			}
		} finally {
			release();
		}
	}

	/** Raw streamed answer (file downloads, JSONL results); the caller must consume or destroy body. */
	async stream(request: ApiRequest): Promise<StreamedResponse> {
		const { response, release } = await this.send(request);
		response.once('close', release);
		return { status: response.statusCode ?? 0, headers: response.headers, requestId: requestIdOf(response), body: response };
	}

	/**
	 * Server-sent events with JSON data. `isFinal` says which event completes the stream: if the stream
	 * ends before it, that is an error, never a short answer. An `error` event becomes a ClaudeApiError.
	 */
	async *sse<T = any>(request: ApiRequest, isFinal?: (event: SseEvent<T>) => boolean): AsyncGenerator<SseEvent<T>> {
		const { response, retries, release } = await this.send({ ...request, headers: { accept: 'text/event-stream', ...request.headers } });
		const requestId = requestIdOf(response);
		const path = pathOf(request);
		let finished = false;
		try {
			try {
				// Not destroyed when we stop at the final event: see finishInBackground.
				const chunks = { [Symbol.asyncIterator]: () => response.iterator({ destroyOnReturn: false }) };
				for await (const message of parseSse(chunks)) {
					if (message.event === 'ping') continue;
					let data: any;
					try {
						data = message.data ? JSON.parse(message.data) : undefined;
					} catch {
						throw new ClaudeStreamError(`The event stream sent an event "${message.event}" whose data is not JSON.`, path, requestId);
					}
					if (message.event === 'error') {
						const error = data?.error ?? {};
						throw new ClaudeApiError({
							status: statusForErrorType(error.type),
							errorType: error.type ?? 'api_error',
							apiMessage: error.message ?? 'The stream reported an error.',
							requestId: data?.request_id ?? requestId,
							method: request.method,
							path,
							retries,
						});
					}
					const event: SseEvent<T> = { event: message.event, data, ...(message.id ? { id: message.id } : {}) };
					// Set before the yield: a consumer that stops at the final event has still read a whole stream.
					if (isFinal?.(event)) finished = true;
					yield event;
					if (finished) return;
				}
			} catch (error) {
				if (error instanceof ClaudeApiError || error instanceof ClaudeStreamError) throw error;
				throw new ClaudeStreamError(`The event stream broke off: ${(error as Error).message}.`, path, requestId);
			}
			if (isFinal && !finished) {
				throw new ClaudeStreamError('The event stream ended before it was complete; the partial answer was discarded.', path, requestId);
			}
		} finally {
			if (!response.complete) {
				if (finished) finishInBackground(response);
				else response.destroy();
			}
			release();
		}
	}

	/** Follows cursor pages until returnAll is satisfied or `limit` items were collected. */
	async paginate<T = any>(request: ApiRequest, options: PageOptions): Promise<T[]> {
		const items: T[] = [];
		const want = options.returnAll ? Infinity : Math.max(0, options.limit ?? 50);
		let cursor: string | undefined;
		while (items.length < want) {
			const pageSize = Math.min(options.pageSize ?? 100, want === Infinity ? (options.pageSize ?? 100) : want - items.length);
			const query: Record<string, QueryValue> = { ...request.query, limit: pageSize };
			if (cursor) query[options.style === 'id' ? 'after_id' : 'page'] = cursor;
			const page = await this.request<any>({ ...request, method: 'GET', query });
			const data: T[] = Array.isArray(page?.data) ? page.data : [];
			items.push(...data.slice(0, want - items.length));
			cursor = options.style === 'id' ? (page?.has_more ? page.last_id : undefined) : (page?.next_page ?? undefined);
			if (!cursor || data.length === 0) break;
		}
		return items;
	}

	/** Resolves a path or a same-gateway absolute URL; refuses to send signed requests anywhere else. */
	resolveUrl(request: Pick<ApiRequest, 'path' | 'query'>): URL {
		let url: URL;
		if (/^https?:\/\//i.test(request.path)) {
			url = new URL(request.path);
			if (url.origin !== this.baseUrl.origin) {
				throw new ClaudeConfigError('URL', `Refusing to send a signed request to ${url.origin}, which is not the configured gateway ${this.baseUrl.origin}.`);
			}
		} else {
			const prefix = this.baseUrl.pathname.replace(/\/$/, '');
			url = new URL(this.baseUrl.origin + prefix + (request.path.startsWith('/') ? request.path : `/${request.path}`));
		}
		const pairs: string[] = url.search ? [url.search.slice(1)] : [];
		for (const [key, value] of Object.entries(request.query ?? {})) {
			if (value === undefined || value === null || value === '') continue;
			for (const v of Array.isArray(value) ? value : [String(value)]) pairs.push(`${rfc3986(key)}=${rfc3986(v)}`);
		}
		// Spaces as %20, never "+": the wire must match SigV4's canonical query exactly.
		url.search = pairs.join('&');
		return url;
	}

	private async send(request: ApiRequest): Promise<{ response: IncomingMessage; retries: number; release: () => void }> {
		const url = this.resolveUrl(request);
		const path = pathOf(request);
		const maxRetries = request.maxRetries ?? this.maxRetries;
		const idempotent = request.idempotent ?? true;
		const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
		let retries = 0;
		let rateLimitWaitMs = 0;
		let refreshedIdentity = false;

		for (;;) {
			const slot = await this.throttle.acquire();
			let response: IncomingMessage;
			try {
				const headers = await this.headersFor(request, url, bodyText);
				const body = request.stream ? await request.stream.open() : bodyText;
				response = await exchange({
					method: request.method,
					url,
					headers,
					body,
					timeoutMs: request.timeoutMs ?? this.timeoutMs,
					signal: request.signal,
					freshConnection: !idempotent,
				});
			} catch (error) {
				slot.release();
				if (error instanceof ClaudeConfigError) throw error;
				if (error instanceof IdentityError) {
					if (error.retryable && retries < maxRetries) {
						await sleep(backoffDelayMs(retries), request.signal);
						retries++;
						continue;
					}
					throw new ClaudeConnectionError(error.message, 'ECREDENTIALS', request.method, path, retries, error.hint);
				}
				const failure = error instanceof HttpFailure ? error : new HttpFailure(describeCredentialFailure(error), 'ECREDENTIALS', true);
				if (failure.code === 'ABORTED') throw this.connectionError(failure, request, retries);
				if ((idempotent || failure.beforeSend) && retries < maxRetries) {
					await sleep(backoffDelayMs(retries), request.signal);
					retries++;
					continue;
				}
				throw this.connectionError(failure, request, retries, !idempotent && !failure.beforeSend);
			}

			const status = response.statusCode ?? 0;
			if (status < 400) {
				this.throttle.succeeded();
				return { response, retries, release: () => slot.release() };
			}

			let errorBody: Buffer;
			try {
				errorBody = await readBody(response, 1024 * 1024);
			} catch {
				errorBody = Buffer.alloc(0);
			}
			slot.release();
			if (status === 403 && !refreshedIdentity && this.identity?.invalidate && /expired|security token included in the request is invalid/i.test(errorBody.toString('utf8'))) {
				// Temporary credentials can be revoked or expire before their stated expiry: get fresh ones once.
				refreshedIdentity = true;
				this.identity.invalidate();
				continue;
			}
			const serverDelay = serverRetryDelayMs(response.headers);
			const retryable = isRetryableStatus(status, response.headers, idempotent);
			if (status === 429 && retryable && serverDelay !== undefined && rateLimitWaitMs + serverDelay <= RATE_LIMIT_PATIENCE_MS) {
				// Waited out together with every other request of this execution; not counted as a retry.
				this.throttle.rateLimited(serverDelay);
				rateLimitWaitMs += serverDelay;
				await sleep(serverDelay, request.signal);
				continue;
			}
			if (retryable && retries < maxRetries) {
				const delay = serverDelay ?? backoffDelayMs(retries);
				if (status === 429 || status === 529) this.throttle.rateLimited(delay);
				await sleep(delay, request.signal);
				retries++;
				continue;
			}
			throw apiErrorFrom(status, errorBody, response, request.method, path, retries);
		}
	}

	/**
	 * Auth headers for a request built elsewhere (n8n's HTTP Request node through the credential):
	 * the gateway headers are added where missing, then it is signed (or given the Bearer key).
	 */
	async authorize(request: { method: string; url: URL; headers: Record<string, string>; body?: string | Uint8Array; unsignedPayload?: boolean }): Promise<Record<string, string>> {
		if (request.url.origin !== this.baseUrl.origin) {
			throw new ClaudeConfigError('URL', `Refusing to authorize a request to ${request.url.origin}: this credential only talks to ${this.baseUrl.origin}.`, 'Use a path on the gateway, or set the Base URL of the credential.');
		}
		const headers: Record<string, string> = {
			'anthropic-version': API_VERSION,
			...lowerCase(request.headers),
			'anthropic-workspace-id': this.config.workspaceId,
		};
		if (this.config.auth.type === 'apiKey') {
			headers.authorization = `Bearer ${this.config.auth.apiKey.trim()}`;
			return headers;
		}
		delete headers.authorization;
		return this.signer!.sign({ method: request.method.toUpperCase(), url: request.url, headers, body: request.body, unsignedPayload: request.unsignedPayload });
	}

	private async headersFor(request: ApiRequest, url: URL, bodyText: string | undefined): Promise<Record<string, string>> {
		const headers: Record<string, string> = {
			'anthropic-version': API_VERSION,
			'anthropic-workspace-id': this.config.workspaceId,
			'user-agent': USER_AGENT,
			accept: 'application/json',
			...lowerCase(request.headers),
		};
		if (request.betas?.length) headers['anthropic-beta'] = [...new Set(request.betas)].join(',');
		if (bodyText !== undefined) {
			headers['content-type'] = 'application/json';
			headers['content-length'] = String(Buffer.byteLength(bodyText));
		} else if (request.stream) {
			headers['content-type'] = request.stream.contentType;
			if (request.stream.contentLength !== undefined) headers['content-length'] = String(request.stream.contentLength);
		}
		if (this.config.auth.type === 'apiKey') {
			headers.authorization = `Bearer ${this.config.auth.apiKey.trim()}`;
			return headers;
		}
		return this.signer!.sign({ method: request.method, url, headers, body: bodyText, unsignedPayload: !!request.stream });
	}

	private async readAll(response: IncomingMessage, request: ApiRequest, retries: number): Promise<Buffer> {
		try {
			return await readBody(response);
		} catch (error) {
			// A create whose answer broke off has most likely been done: say so, as for any ambiguous failure.
			throw this.connectionError(error as HttpFailure, request, retries, request.idempotent === false, requestIdOf(response));
		}
	}

	private connectionError(failure: HttpFailure, request: ApiRequest, retries: number, ambiguousCreate = false, requestId?: string): ClaudeConnectionError {
		const path = pathOf(request);
		const retried = retries > 0 ? ` after ${retries} retr${retries === 1 ? 'y' : 'ies'}` : '';
		const hint =
			failure.code === 'ECREDENTIALS'
				? 'Check that this n8n host has an AWS identity (environment, profile, container or instance role) and that the allowed sources include it.'
				: ambiguousCreate
					? 'The request may have reached the gateway, so it was not sent again to avoid creating a duplicate. Check the list of existing items before running it again.'
					: failure.code === 'ETIMEDOUT'
						? 'The gateway did not answer in time. Raise the timeout option, or try again later.'
						: `Check that ${this.baseUrl.origin} can be reached from this n8n host.`;
		const message =
			failure.code === 'ECREDENTIALS'
				? `Could not get AWS credentials for ${request.method} ${path}: ${failure.message}`
				: `${request.method} ${path} failed${retried}: ${failure.message} (${failure.code}).`;
		return new ClaudeConnectionError(message, failure.code, request.method, path, retries, hint, requestId);
	}
}

export function createClient(config: ConnectionConfig, options?: ClientOptions): ClaudeAwsClient {
	return new ClaudeAwsClient(config, options);
}

function apiErrorFrom(status: number, body: Buffer, response: IncomingMessage, method: string, path: string, retries: number): ClaudeApiError {
	let parsed: any;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		parsed = undefined;
	}
	const error = parsed?.error ?? {};
	const text = body.toString('utf8').trim();
	return new ClaudeApiError({
		status,
		errorType: typeof error.type === 'string' ? error.type : errorTypeForStatus(status),
		apiMessage:
			typeof error.message === 'string'
				? error.message
				: typeof parsed?.message === 'string'
					? parsed.message
					: text
						? text.slice(0, 300)
						: `HTTP ${status} with no body`,
		requestId: (typeof parsed?.request_id === 'string' ? parsed.request_id : undefined) ?? requestIdOf(response),
		method,
		path,
		retries,
	});
}

function errorTypeForStatus(status: number): string {
	const types: Record<number, string> = {
		400: 'invalid_request_error',
		401: 'authentication_error',
		403: 'permission_error',
		404: 'not_found_error',
		413: 'request_too_large',
		429: 'rate_limit_error',
		529: 'overloaded_error',
	};
	return types[status] ?? (status >= 500 ? 'api_error' : 'http_error');
}

function statusForErrorType(type: string | undefined): number {
	const statuses: Record<string, number> = {
		invalid_request_error: 400,
		authentication_error: 401,
		permission_error: 403,
		not_found_error: 404,
		request_too_large: 413,
		rate_limit_error: 429,
		api_error: 500,
		overloaded_error: 529,
	};
	return statuses[type ?? ''] ?? 500;
}

function rfc3986(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function requestIdOf(response: IncomingMessage): string | undefined {
	const value = response.headers['request-id'] ?? response.headers['x-amzn-requestid'];
	return Array.isArray(value) ? value[0] : value;
}

function pathOf(request: Pick<ApiRequest, 'path'>): string {
	return /^https?:\/\//i.test(request.path) ? new URL(request.path).pathname : request.path;
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
	return out;
}

function describeCredentialFailure(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	// Providers' messages name sources, never secrets; keep them short.
	return message.split('\n')[0].slice(0, 300);
}

/**
 * After the final event only the end of the chunked body is still in flight. Reading it returns the
 * keep-alive socket to the pool; destroying the response would cost every streamed message a new
 * connection (and TLS handshake). A server that keeps the stream open past the grace period is cut.
 */
function finishInBackground(response: IncomingMessage, graceMs = 5_000): void {
	const timer = setTimeout(() => response.destroy(), graceMs);
	timer.unref();
	response.once('close', () => clearTimeout(timer));
	response.resume();
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new HttpFailure('the execution was cancelled', 'ABORTED', true));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(new HttpFailure('the execution was cancelled', 'ABORTED', true));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

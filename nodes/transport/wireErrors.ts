/**
 * What the gateway says when something failed, read once: error bodies, SSE `error` events, request
 * IDs, and the status <-> error type tables. Every text is cleaned of the request's secrets.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ClaudeApiError, ClaudeStreamError } from './errors';
import { redact } from './redact';
import type { SseMessage } from './sse';

export interface SseEvent<T = any> {
	event: string;
	data: T;
	id?: string;
}

/** The request an error belongs to. */
export interface WireContext {
	method: string;
	path: string;
	retries?: number;
	requestId?: string;
	/** Values to remove from every text (see redact.ts). */
	secrets?: Iterable<string>;
}

const TYPE_OF_STATUS: Record<number, string> = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	403: 'permission_error',
	404: 'not_found_error',
	413: 'request_too_large',
	429: 'rate_limit_error',
	529: 'overloaded_error',
};

const STATUS_OF_TYPE: Record<string, number> = {
	...Object.fromEntries(Object.entries(TYPE_OF_STATUS).map(([status, type]) => [type, Number(status)])),
	api_error: 500,
};

export function errorTypeForStatus(status: number): string {
	return TYPE_OF_STATUS[status] ?? (status >= 500 ? 'api_error' : 'http_error');
}

/** The status an error type stands for (SSE error events carry a type but no status); unknown types are 500. */
export function statusForErrorType(type: string | undefined): number {
	return Object.prototype.hasOwnProperty.call(STATUS_OF_TYPE, type ?? '') ? STATUS_OF_TYPE[type!] : 500;
}

export function requestIdOf(headers: IncomingHttpHeaders): string | undefined {
	const value = headers['request-id'] ?? headers['x-amzn-requestid'];
	return Array.isArray(value) ? value[0] : value;
}

/** An error answer (a 3xx, or status >= 400) as a ClaudeApiError: the API's error object when there is one, else the body's text. */
export function apiErrorFrom(status: number, body: Buffer, headers: IncomingHttpHeaders, context: WireContext): ClaudeApiError {
	const text = body.toString('utf8');
	let parsed: any;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	const error = parsed?.error ?? {};
	if (status >= 300 && status < 400 && typeof error.message !== 'string') {
		const location = headers.location ? ` to ${redact(String(headers.location), context.secrets).slice(0, 200)}` : '';
		return new ClaudeApiError({
			status,
			errorType: 'http_error',
			apiMessage: `The gateway answered with a redirect${location}; a signed request is not followed elsewhere.`,
			requestId: requestIdOf(headers) ?? context.requestId,
			method: context.method,
			path: context.path,
			retries: context.retries ?? 0,
			reason: 'redirected',
		});
	}
	// Cleaned before it is cut short: a secret cut in half could no longer be found.
	const message =
		typeof error.message === 'string'
			? redact(error.message, context.secrets)
			: typeof parsed?.message === 'string'
				? redact(parsed.message, context.secrets)
				: text.trim()
					? redact(text.trim(), context.secrets).slice(0, 300)
					: `HTTP ${status} with no body`;
	return new ClaudeApiError({
		status,
		errorType: typeof error.type === 'string' ? redact(error.type, context.secrets) : errorTypeForStatus(status),
		apiMessage: message,
		requestId: (typeof parsed?.request_id === 'string' ? parsed.request_id : undefined) ?? requestIdOf(headers) ?? context.requestId,
		method: context.method,
		path: context.path,
		retries: context.retries ?? 0,
	});
}

/** A 2xx answer whose body is not the JSON it should be. */
export function invalidJsonError(status: number, context: WireContext): ClaudeApiError {
	return new ClaudeApiError({
		status,
		errorType: 'invalid_response',
		apiMessage: 'The gateway answered with a body that is not valid JSON.',
		requestId: context.requestId,
		method: context.method,
		path: context.path,
		retries: context.retries ?? 0,
	});
}

/**
 * One SSE message as an event with JSON data. Data that is not JSON is a ClaudeStreamError; an `error`
 * event is the ClaudeApiError it reports. `streamName` words the messages ("The session event stream").
 */
export function decodeSseEvent<T = any>(message: SseMessage, context: WireContext & { streamName?: string }): SseEvent<T> {
	const name = context.streamName ?? 'The event stream';
	let data: any;
	try {
		data = message.data ? JSON.parse(message.data) : undefined;
	} catch {
		throw new ClaudeStreamError(redact(`${name} sent an event "${message.event}" whose data is not JSON.`, context.secrets), context.path, context.requestId);
	}
	if (message.event === 'error') {
		const error = data?.error ?? {};
		throw new ClaudeApiError({
			status: statusForErrorType(error.type),
			errorType: typeof error.type === 'string' ? redact(error.type, context.secrets) : 'api_error',
			apiMessage: redact(typeof error.message === 'string' ? error.message : `${name} reported an error.`, context.secrets),
			requestId: (typeof data?.request_id === 'string' ? data.request_id : undefined) ?? context.requestId,
			method: context.method,
			path: context.path,
			retries: context.retries ?? 0,
		});
	}
	return { event: message.event, data, ...(message.id ? { id: message.id } : {}) };
}

/**
 * Failures as plain data: the n8n layer (nodes/shared/errors.ts) turns them into NodeApiError /
 * NodeOperationError and adds the advice for people. Each carries a machine `reason`; messages here
 * say what happened, never how to fix it in n8n.
 */

export type ErrorReason =
	// nothing was sent
	| 'config'
	| 'invalid_header_value'
	| 'credentials'
	| 'host_identity'
	// the gateway answered with an error
	| 'invalid_request'
	| 'authentication'
	| 'permission'
	| 'not_found'
	| 'too_large'
	| 'rate_limited'
	| 'overloaded'
	| 'server_error'
	| 'http_error'
	| 'redirected'
	| 'invalid_response'
	// no usable answer
	| 'timeout_idle'
	| 'timeout_total'
	| 'unreachable'
	| 'connection_lost'
	| 'ambiguous_create'
	| 'aborted'
	// a read that did not end as it should
	| 'stream_incomplete'
	| 'cursor_repeated';

/** A setting (credential field or node parameter) is unusable; nothing was sent. */
export class ClaudeConfigError extends Error {
	constructor(
		/** Which field is wrong, as the user sees it (e.g. "Region"). */
		readonly field: string,
		message: string,
		readonly hint?: string,
		readonly reason: ErrorReason = 'config',
	) {
		super(message);
		this.name = 'ClaudeConfigError';
	}
}

export interface ApiErrorDetails {
	status: number;
	errorType: string;
	apiMessage: string;
	requestId?: string;
	method: string;
	path: string;
	retries: number;
	/** Defaults to the reason of the status (reasonForStatus). */
	reason?: ErrorReason;
}

/** The gateway answered with an error status. */
export class ClaudeApiError extends Error {
	readonly status: number;
	readonly errorType: string;
	readonly apiMessage: string;
	readonly requestId?: string;
	readonly method: string;
	readonly path: string;
	readonly retries: number;
	readonly reason: ErrorReason;

	constructor(details: ApiErrorDetails) {
		super(`${details.status} ${details.errorType}: ${details.apiMessage}`);
		this.name = 'ClaudeApiError';
		this.status = details.status;
		this.errorType = details.errorType;
		this.apiMessage = details.apiMessage;
		this.requestId = details.requestId;
		this.method = details.method;
		this.path = details.path;
		this.retries = details.retries;
		this.reason = details.reason ?? (details.errorType === 'invalid_response' ? 'invalid_response' : reasonForStatus(details.status));
	}
}

export function reasonForStatus(status: number): ErrorReason {
	const reasons: Record<number, ErrorReason> = {
		400: 'invalid_request',
		401: 'authentication',
		403: 'permission',
		404: 'not_found',
		413: 'too_large',
		429: 'rate_limited',
		529: 'overloaded',
	};
	return reasons[status] ?? (status >= 500 ? 'server_error' : 'http_error');
}

export interface ConnectionErrorDetails {
	message: string;
	/** Node's error code (ECONNRESET, ETIMEDOUT...), or ECREDENTIALS / EINVALIDHEADER / ABORTED. */
	code: string;
	reason: ErrorReason;
	method: string;
	path: string;
	retries: number;
	/** The origin the request went to. */
	origin?: string;
	/** Advice that depends on details only the transport saw (e.g. which STS error came back). */
	hint?: string;
	requestId?: string;
}

/** No usable HTTP answer: refused, reset, timed out, cut mid-body, or credentials could not be resolved. */
export class ClaudeConnectionError extends Error {
	readonly code: string;
	readonly reason: ErrorReason;
	readonly method: string;
	readonly path: string;
	readonly retries: number;
	readonly origin?: string;
	readonly hint?: string;
	readonly requestId?: string;

	constructor(details: ConnectionErrorDetails) {
		super(details.message);
		this.name = 'ClaudeConnectionError';
		this.code = details.code;
		this.reason = details.reason;
		this.method = details.method;
		this.path = details.path;
		this.retries = details.retries;
		this.origin = details.origin;
		this.hint = details.hint;
		this.requestId = details.requestId;
	}
}

/** A streamed or paged answer ended early, was unreadable or did not move on: never a short result. */
export class ClaudeStreamError extends Error {
	constructor(
		message: string,
		readonly path: string,
		readonly requestId?: string,
		readonly reason: ErrorReason = 'stream_incomplete',
	) {
		super(message);
		this.name = 'ClaudeStreamError';
	}
}

/** A wait (back-off, poll interval) was cut short because the execution was cancelled. */
export class ClaudeAbortedError extends Error {
	readonly reason: ErrorReason = 'aborted';
	constructor(message = 'the execution was cancelled') {
		super(message);
		this.name = 'ClaudeAbortedError';
	}
}

export type ClaudeError = ClaudeConfigError | ClaudeApiError | ClaudeConnectionError | ClaudeStreamError;

export function isClaudeError(error: unknown): error is ClaudeError {
	return (
		error instanceof ClaudeConfigError ||
		error instanceof ClaudeApiError ||
		error instanceof ClaudeConnectionError ||
		error instanceof ClaudeStreamError
	);
}

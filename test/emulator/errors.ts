/** The Anthropic error envelope, which the gateway uses for every failure (including SigV4 ones). */
import type { ServerResponse } from 'node:http';

/** First-party error type for each status the API uses. */
const ERROR_TYPES: Record<number, string> = {
	400: 'invalid_request_error',
	401: 'authentication_error',
	402: 'billing_error',
	403: 'permission_error',
	404: 'not_found_error',
	408: 'timeout_error',
	409: 'invalid_request_error',
	413: 'request_too_large',
	429: 'rate_limit_error',
	500: 'api_error',
	502: 'api_error',
	503: 'api_error',
	504: 'timeout_error',
	529: 'overloaded_error',
};

const DEFAULT_MESSAGES: Record<string, string> = {
	invalid_request_error: 'Invalid request',
	authentication_error: 'invalid x-api-key',
	permission_error: 'Your API key does not have permission to use the specified resource.',
	not_found_error: 'Not found',
	request_too_large: 'Request exceeds the maximum allowed number of bytes.',
	rate_limit_error: 'Number of requests has exceeded your rate limit. Please try again later.',
	api_error: 'Internal server error',
	overloaded_error: 'Overloaded',
	timeout_error: 'Request timed out',
	billing_error: 'Your credit balance is too low.',
};

export function errorTypeForStatus(status: number): string {
	return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function defaultErrorMessage(type: string): string {
	return DEFAULT_MESSAGES[type] ?? 'Error';
}

export function errorBody(type: string, message: string, requestId: string, details?: Record<string, unknown>) {
	return { type: 'error', error: { type, message, ...(details ? { details } : {}) }, request_id: requestId };
}

/** Writes a JSON response with the request-id header; a no-op if the socket is already gone. */
export function writeJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	requestId: string,
	headers: Record<string, string> = {},
): void {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(text)),
		'request-id': requestId,
		...headers,
	});
	res.end(text);
}

export function writeError(
	res: ServerResponse,
	status: number,
	type: string,
	message: string,
	requestId: string,
	headers: Record<string, string> = {},
	details?: Record<string, unknown>,
): void {
	writeJson(res, status, errorBody(type, message, requestId, details), requestId, headers);
}

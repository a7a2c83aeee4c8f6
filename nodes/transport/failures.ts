/** Errors for requests that got no usable answer: what failed, where, after how many retries, and a machine reason. */
import type { IncomingMessage } from 'node:http';
import type { AuthConfig } from './config';
import { ClaudeConfigError, ClaudeConnectionError, ClaudeStreamError, type ErrorReason } from './errors';
import { failureOf, HttpFailure } from './http';
import { IdentityError } from './identity';
import { redact } from './redact';
import { displayPath } from './url';
import type { WireContext } from './wireErrors';

export interface FailedRequest {
	request: { method: string; path: string };
	origin: string;
	retries: number;
	secrets: Iterable<string>;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function reasonOf(failure: HttpFailure, ambiguousCreate: boolean): ErrorReason {
	if (failure.code === 'ABORTED') return 'aborted';
	// Said first: whatever cut it off, the create may have been done.
	if (ambiguousCreate) return 'ambiguous_create';
	if (failure.code === 'ETIMEDOUT') return failure.limit === 'total' ? 'timeout_total' : 'timeout_idle';
	return NOT_SENT_CODES.has(failure.code) ? 'unreachable' : 'connection_lost';
}

export function connectionError(failure: HttpFailure, where: FailedRequest, ambiguousCreate = false, requestId?: string): ClaudeConnectionError {
	const path = displayPath(where.request.path);
	const retried = where.retries > 0 ? ` after ${where.retries} retr${where.retries === 1 ? 'y' : 'ies'}` : '';
	return new ClaudeConnectionError({
		message: redact(`${where.request.method} ${path} failed${retried}: ${failure.message} (${failure.code}).`, where.secrets),
		code: failure.code,
		reason: reasonOf(failure, ambiguousCreate),
		method: where.request.method,
		path,
		retries: where.retries,
		origin: where.origin,
		requestId,
	});
}

/** Credentials could not be had: the identity provider's own words (STS, host chain), or the signer's. */
export function credentialsError(error: unknown, where: FailedRequest): ClaudeConnectionError {
	const path = displayPath(where.request.path);
	const identity = error instanceof IdentityError ? error : undefined;
	// Providers' messages name sources, never secrets; they are still cleaned, and kept short.
	const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
	return new ClaudeConnectionError({
		message: redact(identity ? identity.message : `Could not get AWS credentials for ${where.request.method} ${path}: ${detail}`, where.secrets),
		code: 'ECREDENTIALS',
		reason: identity?.step === 'hostIdentity' ? 'host_identity' : 'credentials',
		method: where.request.method,
		path,
		retries: where.retries,
		origin: where.origin,
		hint: identity?.hint,
	});
}

const FIELD_OF_HEADER: Record<string, string> = {
	'x-amz-security-token': 'Session Token',
	'anthropic-workspace-id': 'Workspace ID',
	'anthropic-beta': 'Beta',
};

/** Node refused a header value before sending: name the setting it came from, never the value. */
export function invalidHeaderError(failure: HttpFailure, authType: AuthConfig['type']): ClaudeConfigError {
	const header = /\["?([^"\]]+)"?\]/.exec(failure.message)?.[1]?.toLowerCase() ?? 'a header';
	const field = header === 'authorization' ? (authType === 'apiKey' ? 'API Key' : 'Access Key ID') : (FIELD_OF_HEADER[header] ?? `Header ${header}`);
	return new ClaudeConfigError(
		field,
		`contains a character that is not allowed in an HTTP header (sent as ${header}); nothing was sent.`,
		'Copy the value again: a zero-width space, line break or other invisible character often comes with a paste.',
		'invalid_header_value',
	);
}

/** An event stream that failed mid-way: says which time limit ended it, when one did. */
export function streamBrokeOff(error: unknown, response: IncomingMessage, context: WireContext): ClaudeStreamError {
	const failure = failureOf(response) ?? (error instanceof HttpFailure ? error : undefined);
	const code = failure?.code ?? (error as NodeJS.ErrnoException)?.code;
	const reason: ErrorReason = code === 'ETIMEDOUT' ? (failure?.limit === 'total' ? 'timeout_total' : 'timeout_idle') : 'stream_incomplete';
	const message = failure?.message ?? (error as Error)?.message ?? String(error);
	return new ClaudeStreamError(redact(`The event stream broke off: ${message}.`, context.secrets), context.path, context.requestId, reason);
}

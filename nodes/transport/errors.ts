/**
 * Failures as plain data: the n8n layer turns them into NodeApiError / NodeOperationError.
 * Messages here are written for the person reading the workflow's error panel.
 */

/** A setting (credential field or node parameter) is unusable; nothing was sent. */
export class ClaudeConfigError extends Error {
	constructor(
		/** Which field is wrong, as the user sees it (e.g. "Region"). */
		readonly field: string,
		message: string,
		readonly hint?: string,
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
	/** Seconds or ms the gateway asked us to wait, when it did. */
	retryAfterMs?: number;
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
	readonly hint: string;

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
		this.hint = hintForStatus(details);
	}
}

/** No usable HTTP answer: refused, reset, timed out, cut mid-body, or credentials could not be resolved. */
export class ClaudeConnectionError extends Error {
	constructor(
		message: string,
		readonly code: string,
		readonly method: string,
		readonly path: string,
		readonly retries: number,
		readonly hint: string,
		readonly requestId?: string,
	) {
		super(message);
		this.name = 'ClaudeConnectionError';
	}
}

/** A streamed answer (SSE or JSONL) ended early or was unreadable: never a short result. */
export class ClaudeStreamError extends Error {
	constructor(
		message: string,
		readonly path: string,
		readonly requestId?: string,
	) {
		super(message);
		this.name = 'ClaudeStreamError';
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

function hintForStatus(d: ApiErrorDetails): string {
	const retried = d.retries > 0 ? ` (retried ${d.retries} time${d.retries === 1 ? '' : 's'})` : '';
	if (d.errorType === 'invalid_response') {
		// A 2xx whose body could not be read: the call itself went through, so a create was most likely done.
		return 'The gateway accepted the request but its answer could not be read, so it was not sent again. If it creates something (a batch, file or session), check the list of existing items before running it again.';
	}
	switch (d.status) {
		case 400:
			return 'The gateway refused the request as invalid: check the parameter named in the message.';
		case 401:
			return 'Authentication failed: a short-term API key may have expired (they live at most 12 hours). Mint a new one, or use AWS access keys.';
		case 403:
			return /signature|security token|expired|not yet current/i.test(d.apiMessage)
				? 'The request signature was refused: check the access key, secret and session token, and that this host\'s clock is correct.'
				: /workspace/i.test(d.apiMessage)
					? 'Check the Workspace ID in the credential: it must be a workspace of this AWS account and region.'
					: 'Check the Workspace ID in the credential and that the IAM principal is allowed the aws-external-anthropic action for this call.';
		case 404:
			return `Nothing was found at ${d.path}: check the ID in the request.`;
		case 408:
			return `The gateway timed out the request${retried}.`;
		case 413:
			return 'The request is larger than the API allows (Messages 32 MB, Batches 256 MB, Files 500 MB).';
		case 429:
			return `Rate limited by the gateway${retried}. Lower the node's concurrency, or raise the workspace's rate limits.`;
		case 529:
			return `Claude is overloaded right now${retried}. Try again later.`;
		default:
			return d.status >= 500 ? `The gateway had an internal error${retried}. Try again later.` : '';
	}
}

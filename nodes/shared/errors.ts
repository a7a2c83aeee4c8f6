/**
 * Transport failures as n8n errors a person can act on: what failed, on which item, and what to do.
 * The transport says what happened and why (a machine `reason`); the advice, in n8n's words, is here.
 */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { ClaudeAbortedError, ClaudeApiError, ClaudeConfigError, ClaudeConnectionError, ClaudeStreamError } from '../transport/errors';
import { redactPatterns } from '../transport/redact';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && (error as { context?: { itemIndex?: number } }).context) {
			(error as { context: { itemIndex?: number } }).context.itemIndex ??= itemIndex;
		}
		return error;
	}
	const item = itemIndex !== undefined ? ` (item ${itemIndex})` : '';
	// The transport cleaned its texts of the request's secrets; this catches any that came another way.
	const clean = redactPatterns;
	if (error instanceof ClaudeApiError) {
		const apiMessage = clean(error.apiMessage);
		const hint = apiErrorHint(error);
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		const description = `${hint}${hint ? ' ' : ''}${error.method} ${error.path} answered ${error.status} ${error.errorType}.${request}`;
		// AWS's signature errors carry the canonical request after a blank line: keep the headline here.
		const message = `${error.status} ${error.errorType}: ${apiMessage.split(/\n\s*\n/)[0].trim()}${item}`;
		return keepMessage(
			new NodeApiError(
				node,
				{ type: 'error', error: { type: error.errorType, message: apiMessage }, request_id: error.requestId ?? null } as JsonObject,
				{ message, description: clean(description), httpCode: String(error.status), itemIndex },
			),
			message,
		);
	}
	if (error instanceof ClaudeConfigError) {
		// Our own words about a setting, never a gateway's: nothing to clean (and a forged header shown as typed helps).
		const message = `${error.field}: ${error.message}${item}`;
		return keepMessage(new NodeOperationError(node, message, { description: error.hint, itemIndex }), message);
	}
	if (error instanceof ClaudeConnectionError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		const message = clean(`${error.message}${item}`);
		return keepMessage(new NodeOperationError(node, message, { description: clean(`${connectionHint(error)}${request}`), itemIndex }), message);
	}
	if (error instanceof ClaudeStreamError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		const message = clean(`${error.message}${item}`);
		return keepMessage(new NodeOperationError(node, message, { description: `${streamHint(error)}${request}`, itemIndex }), message);
	}
	const message = clean(`${error instanceof Error ? error.message : String(error)}${item}`);
	const description = error instanceof ClaudeAbortedError ? 'The execution was cancelled before this item was done.' : undefined;
	return keepMessage(new NodeOperationError(node, message, { description, itemIndex }), message);
}

/** A parameter problem found before any request: names the parameter and the item. */
export function parameterError(node: INode, parameter: string, message: string, itemIndex: number, hint?: string): NodeOperationError {
	return keepMessage(new NodeOperationError(node, `${parameter}: ${message} (item ${itemIndex})`, { description: hint, itemIndex }), `${parameter}: ${message} (item ${itemIndex})`);
}

const HOST_IDENTITY_HINT = 'Check that this n8n host has an AWS identity (environment, profile, container or instance role) and that the allowed sources include it.';
const AMBIGUOUS_HINT =
	'The request may have reached the gateway, so it was not sent again to avoid creating a duplicate. Check the list of existing items before running it again.';

/** 400s about a setting whose fix is not obvious from the API's message, keyed by that message. */
const BAD_REQUEST_HINTS: Array<[RegExp, string]> = [
	[
		/inference_geo/,
		"The model does not take Inference Region (inference_geo): only Claude 4.6 models and newer do. Pick a newer model, or remove the Inference Region option to run in the workspace's default region.",
	],
	[/\bspeed\b|fast.mode/i, 'Speed Fast is offered on some models only: pick a model with fast mode, or remove the Speed option (or set it to Standard).'],
];

export function apiErrorHint(e: ClaudeApiError): string {
	const retried = e.retries > 0 ? ` (retried ${e.retries} time${e.retries === 1 ? '' : 's'})` : '';
	if (e.reason === 'invalid_response') {
		// A 2xx whose body could not be read: the call itself went through, so a create was most likely done.
		return 'The gateway accepted the request but its answer could not be read, so it was not sent again. If it creates something (a batch, file or session), check the list of existing items before running it again.';
	}
	if (e.reason === 'redirected') {
		return 'A signed request is never followed to another address. Check the Base URL of the credential: it should point at the gateway (or a proxy) that answers directly.';
	}
	switch (e.status) {
		case 400:
			return BAD_REQUEST_HINTS.find(([pattern]) => pattern.test(e.apiMessage))?.[1] ?? 'The gateway refused the request as invalid: check the parameter named in the message.';
		case 401:
			return 'Authentication failed: a short-term API key may have expired (they live at most 12 hours). Mint a new one, or use AWS access keys.';
		case 403:
			return /signature|security token|expired|not yet current/i.test(e.apiMessage)
				? "The request signature was refused: check the access key, secret and session token, and that this host's clock is correct."
				: /workspace/i.test(e.apiMessage)
					? 'Check the Workspace ID in the credential: it must be a workspace of this AWS account and region.'
					: 'Check the Workspace ID in the credential and that the IAM principal is allowed the aws-external-anthropic action for this call.';
		case 404:
			return `Nothing was found at ${e.path}: check the ID in the request.`;
		case 408:
			return `The gateway timed out the request${retried}.`;
		case 413:
			return 'The request is larger than the API allows (Messages 32 MB, Batches 256 MB, Files 500 MB).';
		case 429:
			return `Rate limited by the gateway${retried}. Lower the node's concurrency, or raise the workspace's rate limits.`;
		case 529:
			return `Claude is overloaded right now${retried}. Try again later.`;
		default:
			return e.status >= 500 ? `The gateway had an internal error${retried}. Try again later.` : '';
	}
}

export function connectionHint(e: ClaudeConnectionError): string {
	switch (e.reason) {
		case 'host_identity':
			return HOST_IDENTITY_HINT;
		case 'credentials':
			return e.hint ?? HOST_IDENTITY_HINT;
		case 'ambiguous_create':
			return AMBIGUOUS_HINT;
		case 'timeout_idle':
			return 'The gateway did not answer in time. Raise the timeout option, or try again later.';
		case 'timeout_total':
			return 'The gateway kept sending, but too slowly to finish within the total time limit. Try again later.';
		case 'aborted':
			return 'The execution was cancelled before this request was done.';
		default:
			return `Check that ${e.origin ?? 'the gateway'} can be reached from this n8n host.`;
	}
}

export function streamHint(e: ClaudeStreamError): string {
	if (e.reason === 'cursor_repeated') {
		return `The gateway sent a page cursor of ${e.path} that it had sent before, so the list would never end; nothing partial was returned. Try again later.`;
	}
	const limit = e.reason === 'timeout_total' ? ' It did not finish within the total time limit.' : e.reason === 'timeout_idle' ? ' The gateway sent nothing for too long.' : '';
	return `The answer from ${e.path} was incomplete, so nothing partial was returned. Run the item again.${limit}`;
}

/**
 * n8n swaps a message that merely contains a Node error code (ECONNRESET, ETIMEDOUT, ENOENT...) for its
 * own generic sentence, which would drop what failed, where and after how many retries: put ours back.
 */
function keepMessage<E extends NodeApiError | NodeOperationError>(error: E, message: string): E {
	error.message = message;
	return error;
}

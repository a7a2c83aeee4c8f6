/** Transport failures as n8n errors a person can act on: what failed, on which item, and what to do. */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { ClaudeApiError, ClaudeConfigError, ClaudeConnectionError, ClaudeStreamError } from '../transport/errors';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && (error as { context?: { itemIndex?: number } }).context) {
			(error as { context: { itemIndex?: number } }).context.itemIndex ??= itemIndex;
		}
		return error;
	}
	const item = itemIndex !== undefined ? ` (item ${itemIndex})` : '';
	if (error instanceof ClaudeApiError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		const description = `${error.hint}${error.hint ? ' ' : ''}${error.method} ${error.path} answered ${error.status} ${error.errorType}.${request}`;
		// AWS's signature errors carry the canonical request after a blank line: keep the headline here.
		const message = `${error.status} ${error.errorType}: ${error.apiMessage.split(/\n\s*\n/)[0].trim()}${item}`;
		return keepMessage(
			new NodeApiError(
				node,
				{ type: 'error', error: { type: error.errorType, message: error.apiMessage }, request_id: error.requestId ?? null } as JsonObject,
				{ message, description, httpCode: String(error.status), itemIndex },
			),
			message,
		);
	}
	if (error instanceof ClaudeConfigError) {
		return keepMessage(new NodeOperationError(node, `${error.field}: ${error.message}${item}`, { description: error.hint, itemIndex }), `${error.field}: ${error.message}${item}`);
	}
	if (error instanceof ClaudeConnectionError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		return keepMessage(new NodeOperationError(node, `${error.message}${item}`, { description: `${error.hint}${request}`, itemIndex }), `${error.message}${item}`);
	}
	if (error instanceof ClaudeStreamError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		return keepMessage(
			new NodeOperationError(node, `${error.message}${item}`, {
				description: `The answer from ${error.path} was incomplete, so nothing partial was returned. Run the item again.${request}`,
				itemIndex,
			}),
			`${error.message}${item}`,
		);
	}
	const message = error instanceof Error ? error.message : String(error);
	return keepMessage(new NodeOperationError(node, `${message}${item}`, { itemIndex }), `${message}${item}`);
}

/** A parameter problem found before any request: names the parameter and the item. */
export function parameterError(node: INode, parameter: string, message: string, itemIndex: number, hint?: string): NodeOperationError {
	return keepMessage(new NodeOperationError(node, `${parameter}: ${message} (item ${itemIndex})`, { description: hint, itemIndex }), `${parameter}: ${message} (item ${itemIndex})`);
}

/**
 * n8n swaps a message that merely contains a Node error code (ECONNRESET, ETIMEDOUT, ENOENT...) for its
 * own generic sentence, which would drop what failed, where and after how many retries: put ours back.
 */
function keepMessage<E extends NodeApiError | NodeOperationError>(error: E, message: string): E {
	error.message = message;
	return error;
}

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
		return new NodeApiError(
			node,
			{ type: 'error', error: { type: error.errorType, message: error.apiMessage }, request_id: error.requestId ?? null } as JsonObject,
			{
				// AWS's signature errors carry the canonical request after a blank line: keep the headline here.
				message: `${error.status} ${error.errorType}: ${error.apiMessage.split(/\n\s*\n/)[0].trim()}${item}`,
				description,
				httpCode: String(error.status),
				itemIndex,
			},
		);
	}
	if (error instanceof ClaudeConfigError) {
		return new NodeOperationError(node, `${error.field}: ${error.message}${item}`, { description: error.hint, itemIndex });
	}
	if (error instanceof ClaudeConnectionError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		return new NodeOperationError(node, `${error.message}${item}`, { description: `${error.hint}${request}`, itemIndex });
	}
	if (error instanceof ClaudeStreamError) {
		const request = error.requestId ? ` Request ID: ${error.requestId}.` : '';
		return new NodeOperationError(node, `${error.message}${item}`, {
			description: `The answer from ${error.path} was incomplete, so nothing partial was returned. Run the item again.${request}`,
			itemIndex,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, `${message}${item}`, { itemIndex });
}

/** A parameter problem found before any request: names the parameter and the item. */
export function parameterError(node: INode, parameter: string, message: string, itemIndex: number, hint?: string): NodeOperationError {
	return new NodeOperationError(node, `${parameter}: ${message} (item ${itemIndex})`, { description: hint, itemIndex });
}

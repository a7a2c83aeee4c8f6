/** The Message Batches calls every operation and the trigger share, with errors that name the batch. */
import type { ClaudeAwsClient } from '../../transport/client';
import { ClaudeApiError } from '../../transport/errors';

export type ProcessingStatus = 'in_progress' | 'canceling' | 'ended';

export interface RequestCounts {
	processing: number;
	succeeded: number;
	errored: number;
	canceled: number;
	expired: number;
}

export interface MessageBatch {
	id: string;
	type: 'message_batch';
	processing_status: ProcessingStatus;
	request_counts: RequestCounts;
	ended_at: string | null;
	created_at: string;
	expires_at: string;
	archived_at: string | null;
	cancel_initiated_at: string | null;
	results_url: string | null;
}

export const BATCHES_PATH = '/v1/messages/batches';

export function batchPath(batchId: string, suffix = ''): string {
	return `${BATCHES_PATH}/${encodeURIComponent(batchId)}${suffix}`;
}

/** A 404 says which batch was not found, whatever wording the gateway used. */
export function namingBatch(error: unknown, batchId: string): unknown {
	if (error instanceof ClaudeApiError && error.status === 404) {
		return new ClaudeApiError({
			status: error.status,
			errorType: error.errorType,
			apiMessage: `No message batch with ID '${batchId}' in this workspace (${error.apiMessage})`,
			requestId: error.requestId,
			method: error.method,
			path: error.path,
			retries: error.retries,
		});
	}
	return error;
}

export async function getBatch(client: ClaudeAwsClient, batchId: string, signal?: AbortSignal): Promise<MessageBatch> {
	try {
		return await client.request<MessageBatch>({ method: 'GET', path: batchPath(batchId), signal });
	} catch (error) {
		throw namingBatch(error, batchId);
	}
}

export async function cancelBatch(client: ClaudeAwsClient, batchId: string): Promise<MessageBatch> {
	try {
		return await client.request<MessageBatch>({ method: 'POST', path: batchPath(batchId, '/cancel') });
	} catch (error) {
		throw namingBatch(error, batchId);
	}
}

export async function deleteBatch(client: ClaudeAwsClient, batchId: string): Promise<{ id: string; type: string }> {
	try {
		return await client.request({ method: 'DELETE', path: batchPath(batchId) });
	} catch (error) {
		throw namingBatch(error, batchId);
	}
}

/** Requests whose result is known once the batch has ended: the number of lines its results file must have. */
export function resultCount(counts: RequestCounts): number {
	return counts.succeeded + counts.errored + counts.canceled + counts.expired;
}

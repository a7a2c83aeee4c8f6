/** messages.batches: create, retrieve, list, cancel, delete, and where their results are. */
import type { DeletedMessageBatch, MessageBatch as SdkMessageBatch, MessageBatchRequestCounts } from '@anthropic-ai/sdk/resources/messages/batches';
import type { ClaudeAwsClient } from '../transport/client';
import { openBody, type BatchBody } from './batchBody';
import { route } from './path';
import { call, callAbout, defineNoun, list, type Paging } from './resource';

export type MessageBatch = SdkMessageBatch;
export type RequestCounts = MessageBatchRequestCounts;
export type ProcessingStatus = MessageBatch['processing_status'];

export const MESSAGE_BATCH = defineNoun('message batch', 'id');

/** What every batch answer must carry for the operations to read it. */
const BATCH_FIELDS = ['id', 'processing_status', 'request_counts'];

export const batches = {
	noun: MESSAGE_BATCH,
	path: route`/v1/messages/batches`,
	/**
	 * A body built by BatchBodyBuilder, streamed with its exact length and payload hash (betas in the header).
	 * Not idempotent: a retried create after a lost answer would run (and bill) the requests twice.
	 */
	create: (client: ClaudeAwsClient, body: BatchBody, signal?: AbortSignal) =>
		call<MessageBatch>(
			client,
			MESSAGE_BATCH,
			{
				method: 'POST',
				path: route`/v1/messages/batches`,
				stream: { open: () => openBody(body), contentType: 'application/json', contentLength: body.bytes, sha256: body.sha256 },
				...(body.betas.length ? { betas: body.betas } : {}),
				idempotent: false,
				signal,
			},
			BATCH_FIELDS,
		),
	retrieve: (client: ClaudeAwsClient, id: string, signal?: AbortSignal) =>
		callAbout<MessageBatch>(client, MESSAGE_BATCH, id, { method: 'GET', path: route`/v1/messages/batches/${id}`, signal }, BATCH_FIELDS),
	list: (client: ClaudeAwsClient, paging: Paging) => list<MessageBatch>(client, MESSAGE_BATCH, route`/v1/messages/batches`, paging),
	cancel: (client: ClaudeAwsClient, id: string) =>
		callAbout<MessageBatch>(client, MESSAGE_BATCH, id, { method: 'POST', path: route`/v1/messages/batches/${id}/cancel` }, BATCH_FIELDS),
	delete: (client: ClaudeAwsClient, id: string) =>
		callAbout<DeletedMessageBatch>(client, MESSAGE_BATCH, id, { method: 'DELETE', path: route`/v1/messages/batches/${id}` }, ['id']),
	/** The results path of a batch, for a gateway that does not name a results_url. */
	resultsPath: (id: string) => route`/v1/messages/batches/${id}/results`,
};

/** Requests whose result is known once the batch has ended: the number of lines its results file must have. */
export function resultCount(counts: RequestCounts): number {
	return counts.succeeded + counts.errored + counts.canceled + counts.expired;
}

/** messages.batches: create, retrieve, list, cancel, delete, and where their results are. */
import type { DeletedMessageBatch, MessageBatch as SdkMessageBatch, MessageBatchRequestCounts } from '@anthropic-ai/sdk/resources/messages/batches';
import type { ClaudeAwsClient } from '../transport/client';
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
	/** Not idempotent: a retried create after a lost answer would run (and bill) the requests twice. */
	create: (client: ClaudeAwsClient, body: unknown, signal?: AbortSignal) =>
		call<MessageBatch>(client, MESSAGE_BATCH, { ...withRequestBetas(body), method: 'POST', path: route`/v1/messages/batches`, idempotent: false, signal }, BATCH_FIELDS),
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

/**
 * A request's `betas` (a header param, see messages/types.ts) cannot travel in its params: the batch
 * create carries the betas of all its requests in its own anthropic-beta header, as the SDK's does.
 */
function withRequestBetas(body: unknown): { body: unknown; betas?: string[] } {
	const requests = (body as { requests?: unknown })?.requests;
	if (!Array.isArray(requests)) return { body };
	const betas = new Set<string>();
	const stripped = requests.map((request: { params?: { betas?: string[] } }) => {
		if (!request?.params?.betas) return request;
		const { betas: own, ...params } = request.params;
		for (const beta of own) betas.add(beta);
		return { ...request, params };
	});
	return betas.size ? { body: { ...(body as object), requests: stripped }, betas: [...betas] } : { body };
}

/** Requests whose result is known once the batch has ended: the number of lines its results file must have. */
export function resultCount(counts: RequestCounts): number {
	return counts.succeeded + counts.errored + counts.canceled + counts.expired;
}

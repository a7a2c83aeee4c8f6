/** Lists batches newest first, page by page, only as far back as the trigger needs. */
import type { ClaudeAwsClient } from '../transport/client';
import { batches as batchApi, type MessageBatch } from '../api/batches';
import { time } from './pollState';

const PAGE_SIZE = 100;
/** A batch ends at the latest 24 hours after creation; an hour more covers clock differences. */
export const LONGEST_BATCH_MS = 25 * 60 * 60 * 1000;

/**
 * Every batch created at or after `floor` (ms). Without one (first poll): every batch that could still
 * end, i.e. created in the last 25 hours by this host's clock (only used to bound the first listing).
 */
export async function scanBatches(client: ClaudeAwsClient, floorMs: number | null, now = Date.now()): Promise<MessageBatch[]> {
	const floor = floorMs ?? now - LONGEST_BATCH_MS;
	const batches: MessageBatch[] = [];
	let afterId: string | undefined;
	for (;;) {
		const page = await client.request<{ data?: MessageBatch[]; has_more?: boolean; last_id?: string }>({
			method: 'GET',
			path: batchApi.path,
			query: { limit: PAGE_SIZE, after_id: afterId },
		});
		const data = page?.data ?? [];
		for (const batch of data) {
			if (time(batch.created_at) < floor) return batches;
			batches.push(batch);
		}
		if (!page?.has_more || !page.last_id || data.length === 0) return batches;
		afterId = page.last_id;
	}
}

/** The newest batch that has ended (for a manual test run), looking at a few pages at most. */
export async function latestEnded(client: ClaudeAwsClient, maxPages = 5): Promise<MessageBatch | undefined> {
	let afterId: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const answer = await client.request<{ data?: MessageBatch[]; has_more?: boolean; last_id?: string }>({
			method: 'GET',
			path: batchApi.path,
			query: { limit: PAGE_SIZE, after_id: afterId },
		});
		const ended = (answer?.data ?? []).find((batch) => batch.processing_status === 'ended');
		if (ended) return ended;
		if (!answer?.has_more || !answer.last_id) return undefined;
		afterId = answer.last_id;
	}
	return undefined;
}

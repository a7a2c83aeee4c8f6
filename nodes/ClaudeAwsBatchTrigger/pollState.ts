/**
 * What the Batch Trigger remembers between polls (in the node's static data, so it survives restarts
 * and works when polls land on different workers):
 * - `watermark`: created_at of the oldest batch that had not ended at the last poll (or of the newest
 *   batch when all had ended). Batches created before it cannot still end, so the listing stops there.
 * - `emitted`: ID ⇒ created_at of the ended batches at or after the watermark that were already emitted
 *   (or existed before the trigger started), so none is emitted twice. Pruned as the watermark moves.
 */
import type { IDataObject } from 'n8n-workflow';
import type { MessageBatch } from '../ClaudeAwsBatches/helpers/batchApi';

export interface TriggerState {
	initialized: boolean;
	watermark: string | null;
	emitted: Record<string, string>;
}

/** Hard cap on remembered IDs, oldest dropped first: static data is saved with the workflow. */
export const MAX_REMEMBERED = 5_000;

export function readState(staticData: IDataObject): TriggerState {
	return {
		initialized: staticData.initialized === true,
		watermark: typeof staticData.watermark === 'string' ? staticData.watermark : null,
		emitted: staticData.emitted && typeof staticData.emitted === 'object' ? { ...(staticData.emitted as Record<string, string>) } : {},
	};
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.initialized = state.initialized;
	staticData.watermark = state.watermark;
	staticData.emitted = state.emitted;
}

/** ISO timestamps of the API compare as times, not as strings (fractions of seconds may differ in length). */
export function time(iso: string | null | undefined): number {
	const t = iso ? Date.parse(iso) : NaN;
	return Number.isFinite(t) ? t : 0;
}

/**
 * The state after a scan: ended batches not yet remembered are `fresh` (to emit, oldest end first),
 * the watermark moves forward, remembered IDs behind it are forgotten.
 */
export function advance(state: TriggerState, scanned: MessageBatch[]): { fresh: MessageBatch[]; next: TriggerState } {
	const emitted = { ...state.emitted };
	const fresh: MessageBatch[] = [];
	for (const batch of scanned) {
		if (batch.processing_status !== 'ended' || emitted[batch.id] !== undefined) continue;
		fresh.push(batch);
		emitted[batch.id] = batch.created_at;
	}
	fresh.sort((a, b) => time(a.ended_at) - time(b.ended_at) || time(a.created_at) - time(b.created_at));

	const running = scanned.filter((b) => b.processing_status !== 'ended').map((b) => time(b.created_at));
	const newest = scanned.map((b) => time(b.created_at));
	let watermark = state.watermark;
	if (running.length > 0) watermark = new Date(Math.min(...running)).toISOString();
	else if (newest.length > 0) watermark = new Date(Math.max(...newest)).toISOString();
	// Never backwards: a scan stops at the old watermark, so nothing before it was seen.
	if (state.watermark && watermark && time(watermark) < time(state.watermark)) watermark = state.watermark;

	const floor = time(watermark);
	let kept = Object.entries(emitted).filter(([, createdAt]) => time(createdAt) >= floor);
	if (kept.length > MAX_REMEMBERED) kept = kept.sort((a, b) => time(b[1]) - time(a[1])).slice(0, MAX_REMEMBERED);
	return { fresh, next: { initialized: true, watermark, emitted: Object.fromEntries(kept) } };
}

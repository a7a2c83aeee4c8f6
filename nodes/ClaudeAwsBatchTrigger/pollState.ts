/**
 * What the Batch Trigger remembers between polls, in the node's static data (so it survives restarts
 * and works when polls land on different workers). Only server timestamps are compared, never this
 * host's clock.
 *
 * - `newest`: created_at of the newest batch seen so far, and `atNewest`: the IDs created at exactly
 *   that time (several batches can share a timestamp). A batch created after it is new.
 * - `running`: ID ⇒ created_at of every batch that had not ended at the last poll. When one of them
 *   ends, it is emitted, however old it is.
 *
 * An ended batch is emitted when it is new or was running; nothing else is remembered, so the state
 * stays as small as the number of batches still running (each ends within 24 hours).
 * A poll lists batches newest first and stops below the oldest running batch, or below `newest`.
 */
import type { IDataObject } from 'n8n-workflow';
import type { MessageBatch } from '../api/batches';

export interface TriggerState {
	initialized: boolean;
	newest: string | null;
	atNewest: string[];
	running: Record<string, string>;
}

export function readState(staticData: IDataObject): TriggerState {
	const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, string>) } : {});
	return {
		initialized: staticData.initialized === true,
		newest: typeof staticData.newest === 'string' ? staticData.newest : null,
		atNewest: Array.isArray(staticData.atNewest) ? (staticData.atNewest as unknown[]).filter((id): id is string => typeof id === 'string') : [],
		running: record(staticData.running),
	};
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.initialized = state.initialized;
	staticData.newest = state.newest;
	staticData.atNewest = state.atNewest;
	staticData.running = state.running;
}

/** ISO timestamps compare as times, not strings (fractions of seconds may differ in length). */
export function time(iso: string | null | undefined): number {
	const t = iso ? Date.parse(iso) : NaN;
	return Number.isFinite(t) ? t : 0;
}

/** How far back a poll must list: the oldest running batch, else the newest batch seen (null: no state yet). */
export function scanFloor(state: TriggerState): number | null {
	const running = Object.values(state.running).map(time);
	if (running.length > 0) return Math.min(...running, state.newest ? time(state.newest) : Infinity);
	return state.newest ? time(state.newest) : null;
}

/** Ended batches to emit (oldest end first) and the state after a poll that listed `scanned`. */
export function advance(state: TriggerState, scanned: MessageBatch[]): { fresh: MessageBatch[]; next: TriggerState } {
	const newest = state.newest ? time(state.newest) : null;
	const seenAtNewest = new Set(state.atNewest);
	const isNew = (batch: MessageBatch) => {
		if (newest === null) return true;
		const created = time(batch.created_at);
		return created > newest || (created === newest && !seenAtNewest.has(batch.id));
	};

	const fresh: MessageBatch[] = [];
	const running: Record<string, string> = {};
	for (const batch of scanned) {
		if (batch.processing_status === 'ended') {
			if (isNew(batch) || state.running[batch.id] !== undefined) fresh.push(batch);
		} else {
			running[batch.id] = batch.created_at;
		}
	}
	fresh.sort((a, b) => time(a.ended_at) - time(b.ended_at) || time(a.created_at) - time(b.created_at));

	let nextNewest = state.newest;
	for (const batch of scanned) if (nextNewest === null || time(batch.created_at) > time(nextNewest)) nextNewest = batch.created_at;
	const atNewest = new Set(nextNewest === state.newest ? state.atNewest : []);
	for (const batch of scanned) if (nextNewest !== null && time(batch.created_at) === time(nextNewest)) atNewest.add(batch.id);

	return { fresh, next: { initialized: true, newest: nextNewest, atNewest: [...atNewest], running } };
}

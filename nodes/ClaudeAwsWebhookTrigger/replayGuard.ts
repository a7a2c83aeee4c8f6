/**
 * Standard Webhooks' idempotency key is `webhook-id`: a captured delivery re-sent inside the timestamp
 * window verifies, so the IDs seen in that window are remembered. They live in the trigger's static data
 * (n8n stores it with the workflow, so every webhook process of a queue-mode setup reads the same list)
 * and, for two copies arriving at once in one process, in memory too.
 */
import type { IDataObject } from 'n8n-workflow';
import { TOLERANCE_SECONDS } from './standardWebhooks';

/** Bounds the static data; past it the oldest IDs are forgotten first (they are the nearest to expiring). */
export const MAX_REMEMBERED_IDS = 2000;

const STATIC_KEY = 'recentWebhookIds';

/** webhook-id => its signed timestamp (Unix seconds). */
type Seen = Record<string, number>;

const inProcess = new Map<string, number>();

/**
 * True when this delivery was already accepted; otherwise remembers it. `scope` tells triggers apart
 * in memory (workflow and node); static data is the node's own already.
 */
export function isReplay(staticData: IDataObject, scope: string, webhookId: string, timestamp: number, nowSeconds: number): boolean {
	const memoryKey = `${scope}\u0000${webhookId}`;
	forgetExpired(inProcess, nowSeconds);
	const stored = forgetExpired(readSeen(staticData), nowSeconds);
	if (inProcess.has(memoryKey) || Object.prototype.hasOwnProperty.call(stored, webhookId)) return true;

	inProcess.set(memoryKey, timestamp);
	stored[webhookId] = timestamp;
	// A new object, so n8n sees the static data changed and saves it.
	staticData[STATIC_KEY] = bounded(stored, MAX_REMEMBERED_IDS);
	if (inProcess.size > MAX_REMEMBERED_IDS * 4) inProcess.delete(inProcess.keys().next().value as string);
	return false;
}

function readSeen(staticData: IDataObject): Seen {
	const raw = staticData[STATIC_KEY];
	const seen: Seen = Object.create(null);
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
		for (const [id, at] of Object.entries(raw as IDataObject)) if (typeof at === 'number') seen[id] = at;
	}
	return seen;
}

/** A delivery whose timestamp left the window can no longer verify, so its ID need not be kept. */
function forgetExpired<T extends Seen | Map<string, number>>(seen: T, nowSeconds: number): T {
	const expired = (at: number) => nowSeconds - at > TOLERANCE_SECONDS;
	if (seen instanceof Map) {
		for (const [id, at] of seen) if (expired(at)) seen.delete(id);
	} else {
		for (const [id, at] of Object.entries(seen)) if (expired(at)) delete (seen as Seen)[id];
	}
	return seen;
}

function bounded(seen: Seen, max: number): IDataObject {
	const entries = Object.entries(seen);
	if (entries.length > max) entries.sort(([, a], [, b]) => a - b).splice(0, entries.length - max);
	return Object.fromEntries(entries);
}

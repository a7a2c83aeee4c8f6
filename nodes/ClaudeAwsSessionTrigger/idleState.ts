/**
 * What the Session Trigger remembers between polls, and the one pure step that decides what a poll
 * emits. Kept in the workflow's static data (`claudeSessions`), so it survives restarts and queue-mode
 * workers alike. Only the server's timestamps are compared, with each other and as instants: the host's
 * clock never enters, and "…:00Z" and "…:00.000+00:00" are the same time.
 *
 * - Per session: its last status and update time, and a cursor on its newest `session.status_idle`
 *   event (ID and processed_at). An idle transition is an idle event AFTER the cursor, so a session that
 *   ran and went idle again between two polls counts once, one that stays idle never counts twice, and
 *   a stale read that returns an older event neither fires nor moves the cursor back.
 * - `watermark`: the newest server timestamp seen so far. A session first seen later (a new one, or
 *   one that entered the Max Sessions window) fires only for an idle event after it.
 *
 * State written before this file (no `version`) had `startedAt` (this host's clock) and no idle times:
 * it is read as version 2, with the newest update time it holds as the watermark (its `startedAt` only
 * when it holds no session) and cursors compared by ID until the next idle event gives them a time.
 */
import type { IDataObject } from 'n8n-workflow';
import type { SessionEvent } from '../api/sessions';

export interface SessionMemory {
	status: string;
	updatedAt: string;
	lastIdleEventId: string | null;
	/** processed_at of that event; null for state from before version 2. */
	lastIdleAt?: string | null;
}

export interface TriggerState {
	version: 2;
	/** Which sessions the memory is about; a changed setting starts over (first poll records only). */
	watchKey: string;
	watermark: string | null;
	sessions: Record<string, SessionMemory>;
}

export interface ListedSession {
	id: string;
	status?: unknown;
	created_at?: unknown;
	updated_at?: unknown;
	[key: string]: unknown;
}

export interface Observation {
	session: ListedSession;
	/** The session's newest idle event, when the poll read it. */
	idle?: SessionEvent;
}

export interface PollOptions {
	/** "Fetch Test Event": every idle session as it is now. */
	manual: boolean;
	/** Emit only these stop reasons; empty emits all. Filtered transitions are consumed all the same. */
	stopReasons: string[];
}

const KEY = 'claudeSessions';

/** Milliseconds since the epoch, NaN when the value is not a timestamp. */
export function instant(value: unknown): number {
	return typeof value === 'string' && value !== '' ? Date.parse(value) : NaN;
}

type Cursor = { id: string; at: unknown };

/** Whether event `a` comes after cursor `b`: by instant, then by ID; by identity when a time is missing. */
export function isAfter(a: Cursor, b: Cursor | null): boolean {
	if (!b) return true;
	if (a.id === b.id) return false;
	const ta = instant(a.at);
	const tb = instant(b.at);
	if (Number.isNaN(ta) || Number.isNaN(tb)) return true;
	return ta !== tb ? ta > tb : a.id > b.id;
}

function laterOf(a: string | null, b: unknown): string | null {
	if (typeof b !== 'string' || Number.isNaN(instant(b))) return a;
	return a === null || Number.isNaN(instant(a)) || instant(b) > instant(a) ? b : a;
}

export function readState(staticData: IDataObject): TriggerState | undefined {
	const raw = staticData[KEY] as Record<string, any> | undefined;
	if (!raw || typeof raw !== 'object' || !raw.sessions || typeof raw.sessions !== 'object') return undefined;
	const sessions: Record<string, SessionMemory> = {};
	let newestUpdate: string | null = null;
	for (const [id, memory] of Object.entries(raw.sessions as Record<string, any>)) {
		if (!memory || typeof memory !== 'object') continue;
		sessions[id] = {
			status: String(memory.status ?? ''),
			updatedAt: String(memory.updatedAt ?? ''),
			lastIdleEventId: typeof memory.lastIdleEventId === 'string' ? memory.lastIdleEventId : null,
			lastIdleAt: typeof memory.lastIdleAt === 'string' ? memory.lastIdleAt : null,
		};
		newestUpdate = laterOf(newestUpdate, memory.updatedAt);
	}
	// Old state: the newest server time it holds; its host-clock startedAt only when it holds none.
	const watermark = raw.version === 2 ? laterOf(null, raw.watermark) : (newestUpdate ?? laterOf(null, raw.startedAt));
	return { version: 2, watchKey: String(raw.watchKey ?? ''), watermark, sessions };
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData[KEY] = state as unknown as IDataObject;
}

function isFirst(previous: TriggerState | undefined, watchKey: string): previous is undefined {
	return !previous || previous.watchKey !== watchKey;
}

/** Whether the poll must read the session's newest idle event (one request), or already knows it. */
export function needsIdleEvent(previous: TriggerState | undefined, watchKey: string, session: ListedSession, manual: boolean): boolean {
	if (session.status !== 'idle') return false;
	if (manual || isFirst(previous, watchKey)) return true;
	const before = previous.sessions[session.id];
	if (!before || before.status !== 'idle') return true;
	const now = instant(session.updated_at);
	const then = instant(before.updatedAt);
	// Not updated since the last poll: no need to read its events again.
	if (Number.isNaN(now) || Number.isNaN(then)) return String(session.updated_at ?? '') !== before.updatedAt;
	return now > then;
}

/** The idle events to emit, oldest first, and the state after a poll that saw `observed`. */
export function advance(
	previous: TriggerState | undefined,
	watchKey: string,
	observed: Observation[],
	options: PollOptions,
): { emit: Array<Required<Observation>>; next: TriggerState } {
	const first = isFirst(previous, watchKey);
	const next: TriggerState = { version: 2, watchKey, watermark: first ? null : previous.watermark, sessions: {} };
	const emit: Array<Required<Observation>> = [];

	for (const { session, idle } of observed) {
		const before = first ? undefined : previous.sessions[session.id];
		const memory: SessionMemory = {
			status: String(session.status ?? ''),
			updatedAt: String(session.updated_at ?? ''),
			lastIdleEventId: before?.lastIdleEventId ?? null,
			lastIdleAt: before?.lastIdleAt ?? null,
		};
		next.sessions[session.id] = memory;
		next.watermark = laterOf(laterOf(laterOf(next.watermark, session.created_at), session.updated_at), idle?.processed_at);
		if (session.status !== 'idle' || !idle) continue;

		const cursor = memory.lastIdleEventId ? { id: memory.lastIdleEventId, at: memory.lastIdleAt } : null;
		const moved = isAfter({ id: idle.id, at: idle.processed_at }, cursor);
		// The same event gives a cursor from older state the time it lacked.
		if (moved || (idle.id === memory.lastIdleEventId && !memory.lastIdleAt)) {
			memory.lastIdleEventId = idle.id;
			memory.lastIdleAt = typeof idle.processed_at === 'string' ? idle.processed_at : null;
		}
		if (!options.manual && (first || !moved || (!before && !newToWatch(session, idle, previous.watermark)))) continue;
		const stopReason = idle.stop_reason?.type;
		if (options.stopReasons.length > 0 && !options.stopReasons.includes(stopReason ?? '')) continue;
		emit.push({ session, idle });
	}

	emit.sort((a, b) => byTime(a.idle, b.idle));
	return { emit, next };
}

/** A session first seen now: only an idle event after everything seen before is a transition to report. */
function newToWatch(session: ListedSession, idle: SessionEvent, watermark: string | null): boolean {
	if (watermark === null) return true;
	const mark = instant(watermark);
	const at = instant(idle.processed_at);
	if (!Number.isNaN(at)) return at > mark;
	// Without the event's time, a session created after the watermark is new all the same.
	const created = instant(session.created_at);
	return !Number.isNaN(created) && created > mark;
}

function byTime(a: SessionEvent, b: SessionEvent): number {
	const ta = instant(a.processed_at);
	const tb = instant(b.processed_at);
	if (ta !== tb && !(Number.isNaN(ta) && Number.isNaN(tb))) return Number.isNaN(ta) ? -1 : Number.isNaN(tb) ? 1 : ta - tb;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

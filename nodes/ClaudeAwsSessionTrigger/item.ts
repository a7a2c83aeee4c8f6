/**
 * The trigger's item: the shared turn output (the same fields the Sessions node gives for the same
 * turn) plus what only a poll knows: which idle event it saw, when, and the session as listed.
 */
import type { IDataObject } from 'n8n-workflow';
import type { SessionEvent } from '../api/sessions';
import { turnItem } from '../shared/sessionTurn';

/**
 * `turn`: the events after the input that started the turn, up to the idle event (which may or may not
 * be included); undefined when the reply was not asked for.
 */
export function triggerItem(session: { id: unknown; [field: string]: unknown }, idle: SessionEvent, turn: SessionEvent[] | undefined, includeEvents: boolean): IDataObject {
	const events = turn && (turn[turn.length - 1]?.id === idle.id ? turn : [...turn, idle]);
	const sessionId = String(session.id);
	const usage = (session.usage as IDataObject | undefined) ?? null;
	return {
		...turnItem({ sessionId, end: idle, events, sessionUsage: usage, includeEvents }),
		idle_event_id: idle.id,
		idled_at: idle.processed_at ?? null,
		session: session as IDataObject,
	};
}

/** The events of the turn that ended with `idle`, oldest first, from events listed newest first. */
export function turnEndingAt(newestFirst: SessionEvent[], idle: SessionEvent): SessionEvent[] {
	const from = newestFirst.findIndex((event) => event.id === idle.id);
	const turn: SessionEvent[] = [];
	for (const event of newestFirst.slice(from < 0 ? 0 : from + 1)) {
		if (event.type.startsWith('user.') || event.type === 'session.status_idle') break;
		turn.push(event);
	}
	return [...turn.reverse(), idle];
}

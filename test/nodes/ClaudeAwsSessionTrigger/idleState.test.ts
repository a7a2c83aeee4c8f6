/**
 * The Session Trigger's memory as a pure function of what a poll saw: no HTTP, no clock. Server
 * timestamps are compared as instants, so precision and offsets do not matter, and the host's time
 * never enters (the whole table also runs with the host clock at 1970 and at 2100).
 */
import type { SessionEvent } from '../../../nodes/api/sessions';
import { advance, isAfter, needsIdleEvent, readState, writeState, type ListedSession, type Observation, type TriggerState } from '../../../nodes/ClaudeAwsSessionTrigger/idleState';

const KEY = 'sessions::50';
const options = { manual: false, stopReasons: [] as string[] };
const session = (id: string, updated: string, status = 'idle', created = '2026-05-01T09:00:00Z'): ListedSession => ({ id, status, updated_at: updated, created_at: created });
const idle = (id: string, at: string, stop = 'end_turn'): SessionEvent => ({ id, type: 'session.status_idle', processed_at: at, stop_reason: { type: stop } });
const seen = (s: ListedSession, event?: SessionEvent): Observation => ({ session: s, ...(event ? { idle: event } : {}) });
const emitted = (result: ReturnType<typeof advance>) => result.emit.map((entry) => entry.idle.id);

/** State after a first poll that saw session A idle at 10:00:00Z with event e1. */
const afterFirst = (): TriggerState => advance(undefined, KEY, [seen(session('A', '2026-05-01T10:00:00Z'), idle('e1', '2026-05-01T10:00:00Z'))], options).next;

describe.each([
	['host clock at 1970', 0],
	['host clock at 2100', Date.UTC(2100, 0, 1)],
])('Session Trigger state (%s)', (_name, now) => {
	beforeAll(() => jest.useFakeTimers({ now }));
	afterAll(() => jest.useRealTimers());

	const cases: Array<{ name: string; state: () => TriggerState | undefined; poll: Observation[]; emits: string[]; cursor?: [string, string | null] }> = [
		{ name: 'first poll: records, emits nothing', state: () => undefined, poll: [seen(session('A', '2026-05-01T10:00:00Z'), idle('e1', '2026-05-01T10:00:00Z'))], emits: [], cursor: ['e1', '2026-05-01T10:00:00Z'] },
		{ name: 'a new idle event', state: afterFirst, poll: [seen(session('A', '2026-05-01T10:05:00Z'), idle('e2', '2026-05-01T10:05:00Z'))], emits: ['e2'], cursor: ['e2', '2026-05-01T10:05:00Z'] },
		{ name: 'the same event again', state: afterFirst, poll: [seen(session('A', '2026-05-01T10:00:00Z'), idle('e1', '2026-05-01T10:00:00Z'))], emits: [], cursor: ['e1', '2026-05-01T10:00:00Z'] },
		{
			name: 'the same event, read with another precision and offset',
			state: afterFirst,
			poll: [seen(session('A', '2026-05-01T10:00:00.000+00:00'), idle('e1', '2026-05-01T11:00:00.000+01:00'))],
			emits: [],
			cursor: ['e1', '2026-05-01T10:00:00Z'],
		},
		{
			// As strings "…:00.001Z" < "…:00Z" ('.' sorts before 'Z'): a string compare would call it older.
			name: 'a newer event whose string sorts lower',
			state: afterFirst,
			poll: [seen(session('A', '2026-05-01T10:00:00.001Z'), idle('e2', '2026-05-01T10:00:00.001Z'))],
			emits: ['e2'],
			cursor: ['e2', '2026-05-01T10:00:00.001Z'],
		},
		{
			// As strings "…T09:30:00-01:00" < "…T10:00:00Z", but it is 10:30Z.
			name: 'a newer event written with another offset',
			state: afterFirst,
			poll: [seen(session('A', '2026-05-01T10:30:00Z'), idle('e2', '2026-05-01T09:30:00-01:00'))],
			emits: ['e2'],
		},
		{
			name: 'an event older than the cursor (a stale read): neither fires nor moves the cursor back',
			state: afterFirst,
			poll: [seen(session('A', '2026-05-01T10:01:00Z'), idle('e0', '2026-05-01T09:59:59.999Z'))],
			emits: [],
			cursor: ['e1', '2026-05-01T10:00:00Z'],
		},
		{ name: 'another event at the very same instant: the higher ID is the later', state: afterFirst, poll: [seen(session('A', '2026-05-01T10:00:00Z'), idle('e2', '2026-05-01T10:00:00.000Z'))], emits: ['e2'] },
		{ name: 'at the same instant, a lower ID is not later', state: afterFirst, poll: [seen(session('A', '2026-05-01T10:00:00Z'), idle('e0', '2026-05-01T10:00:00Z'))], emits: [], cursor: ['e1', '2026-05-01T10:00:00Z'] },
		{ name: 'a running session keeps its cursor', state: afterFirst, poll: [seen(session('A', '2026-05-01T10:09:00Z', 'running'))], emits: [], cursor: ['e1', '2026-05-01T10:00:00Z'] },
		{
			name: 'a session first seen now fires only for an idle event after the watermark',
			state: afterFirst,
			poll: [seen(session('B', '2026-05-01T09:00:00Z'), idle('b1', '2026-05-01T09:00:00Z')), seen(session('C', '2026-05-01T10:02:00Z'), idle('c1', '2026-05-01T10:02:00+00:00'))],
			emits: ['c1'],
		},
		{
			name: 'several emitted oldest first, as instants',
			state: () => advance(undefined, KEY, [seen(session('A', '2026-05-01T10:00:00Z'), idle('e1', '2026-05-01T10:00:00Z')), seen(session('B', '2026-05-01T10:00:00Z'), idle('b1', '2026-05-01T10:00:00Z'))], options).next,
			poll: [seen(session('A', '2026-05-01T10:00:02Z'), idle('e2', '2026-05-01T10:00:02Z')), seen(session('B', '2026-05-01T10:00:01.5Z'), idle('b2', '2026-05-01T10:00:01.500+00:00'))],
			emits: ['b2', 'e2'],
		},
	];

	it.each(cases)('$name', ({ state, poll, emits, cursor }) => {
		const result = advance(state(), KEY, poll, options);
		expect(emitted(result)).toEqual(emits);
		if (cursor) expect([result.next.sessions.A.lastIdleEventId, result.next.sessions.A.lastIdleAt]).toEqual(cursor);
	});

	it('the watermark is the newest server time seen, never the host time, and never goes back', () => {
		const first = afterFirst();
		expect(first.watermark).toBe('2026-05-01T10:00:00Z');
		const later = advance(first, KEY, [seen(session('A', '2026-05-01T09:00:00.000+00:00'))], options).next;
		expect(later.watermark).toBe('2026-05-01T10:00:00Z');
	});

	it('a stop-reason filter consumes the transitions it does not emit', () => {
		const filtered = advance(afterFirst(), KEY, [seen(session('A', '2026-05-01T10:05:00Z'), idle('e2', '2026-05-01T10:05:00Z'))], { manual: false, stopReasons: ['requires_action'] });
		expect(emitted(filtered)).toEqual([]);
		expect(filtered.next.sessions.A.lastIdleEventId).toBe('e2');
	});

	it('a changed setting starts over; manual mode shows every idle session', () => {
		const poll = [seen(session('A', '2026-05-01T10:05:00Z'), idle('e2', '2026-05-01T10:05:00Z'))];
		expect(emitted(advance(afterFirst(), 'session:A', poll, options))).toEqual([]);
		expect(emitted(advance(afterFirst(), KEY, [seen(session('A', '2026-05-01T10:00:00Z'), idle('e1', '2026-05-01T10:00:00Z'))], { manual: true, stopReasons: [] }))).toEqual(['e1']);
	});

	it('reads a session\'s events only when it is idle and was updated since, compared as instants', () => {
		const state = afterFirst();
		expect(needsIdleEvent(state, KEY, session('A', '2026-05-01T10:00:00.000+00:00'), false)).toBe(false);
		expect(needsIdleEvent(state, KEY, session('A', '2026-05-01T10:00:00.001Z'), false)).toBe(true);
		expect(needsIdleEvent(state, KEY, session('A', '2026-05-01T10:09:00Z', 'running'), false)).toBe(false);
		expect(needsIdleEvent(state, KEY, session('B', '2026-05-01T09:00:00Z'), false)).toBe(true);
		expect(needsIdleEvent(state, 'session:A', session('A', '2026-05-01T10:00:00Z'), false)).toBe(true);
		expect(needsIdleEvent(state, KEY, session('A', '2026-05-01T10:00:00Z'), true)).toBe(true);
	});
});

describe('Session Trigger state stored by earlier versions', () => {
	// What an activated workflow has in its static data from before: host-clock startedAt, cursors by ID.
	const legacy = () => ({
		claudeSessions: {
			watchKey: KEY,
			startedAt: '2026-05-01T12:00:00.000Z',
			sessions: {
				A: { status: 'idle', updatedAt: '2026-05-01T10:00:00Z', lastIdleEventId: 'e1' },
				R: { status: 'running', updatedAt: '2026-05-01T10:30:00Z', lastIdleEventId: null },
			},
		},
	});

	it('is read on the first poll: same event stays quiet, a new one fires, the watermark is server time', () => {
		const state = readState(legacy())!;
		expect(state).toMatchObject({ version: 2, watchKey: KEY, watermark: '2026-05-01T10:30:00Z' });
		expect(state.sessions.A).toEqual({ status: 'idle', updatedAt: '2026-05-01T10:00:00Z', lastIdleEventId: 'e1', lastIdleAt: null });
		const poll = [seen(session('A', '2026-05-01T10:00:00Z'), idle('e1', '2026-05-01T10:00:00Z')), seen(session('R', '2026-05-01T10:40:00Z'), idle('r1', '2026-05-01T10:40:00Z'))];
		const result = advance(state, KEY, poll, options);
		expect(emitted(result)).toEqual(['r1']);
		expect(result.next.sessions.A.lastIdleAt).toBe('2026-05-01T10:00:00Z');

		const staticData: Record<string, any> = legacy();
		writeState(staticData, result.next);
		expect(staticData.claudeSessions.startedAt).toBeUndefined();
		expect(readState(staticData)).toEqual(result.next);
	});

	it('old state without sessions falls back to its startedAt once', () => {
		expect(readState({ claudeSessions: { watchKey: KEY, startedAt: '2026-05-01T12:00:00.000Z', sessions: {} } })?.watermark).toBe('2026-05-01T12:00:00.000Z');
		expect(readState({})).toBeUndefined();
		expect(readState({ claudeSessions: 'junk' })).toBeUndefined();
	});
});

describe('event order', () => {
	it('instant first, then ID; by identity when a time is missing', () => {
		expect(isAfter({ id: 'b', at: '2026-05-01T10:00:00.5Z' }, { id: 'a', at: '2026-05-01T10:00:00Z' })).toBe(true);
		expect(isAfter({ id: 'a', at: '2026-05-01T10:00:00Z' }, { id: 'b', at: '2026-05-01T10:00:00.5Z' })).toBe(false);
		expect(isAfter({ id: 'a', at: '2026-05-01T10:00:00Z' }, null)).toBe(true);
		expect(isAfter({ id: 'x', at: null }, { id: 'y', at: '2026-05-01T10:00:00Z' })).toBe(true);
		expect(isAfter({ id: 'y', at: null }, { id: 'y', at: null })).toBe(false);
	});
});

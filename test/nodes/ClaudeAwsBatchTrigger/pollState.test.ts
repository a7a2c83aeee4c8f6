/** The trigger's remembered state as a pure function of what a poll saw (no HTTP: the trigger tests cover the wire). */
import { advance, scanFloor, type TriggerState } from '../../../nodes/ClaudeAwsBatchTrigger/pollState';
import type { MessageBatch } from '../../../nodes/api/batches';

const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, second)).toISOString();
const batch = (id: string, created: number, status: MessageBatch['processing_status'], ended?: number): MessageBatch =>
	({ id, created_at: at(created), ended_at: ended === undefined ? null : at(ended), processing_status: status }) as MessageBatch;
const empty: TriggerState = { initialized: true, newest: null, atNewest: [], running: {} };

describe('Batch Trigger state', () => {
	it('emits ended batches not seen before, oldest end first, and remembers only the newest', () => {
		const { fresh, next } = advance(empty, [batch('c', 3, 'ended', 9), batch('b', 2, 'ended', 5), batch('a', 1, 'ended', 7)]);
		expect(fresh.map((b) => b.id)).toEqual(['b', 'a', 'c']);
		expect(next).toEqual({ initialized: true, newest: at(3), atNewest: ['c'], running: {} });
		expect(scanFloor(next)).toBe(Date.parse(at(3)));
		expect(advance(next, [batch('c', 3, 'ended', 9)]).fresh).toEqual([]);
	});

	it('batches created at the same instant as the newest one are told apart by ID', () => {
		const { next } = advance(empty, [batch('x', 3, 'ended', 4)]);
		const later = advance(next, [batch('y', 3, 'ended', 5), batch('x', 3, 'ended', 4)]);
		expect(later.fresh.map((b) => b.id)).toEqual(['y']);
		expect(later.next.atNewest.sort()).toEqual(['x', 'y']);
	});

	it('a running batch is remembered, scanned down to, and emitted when it ends, however old', () => {
		const first = advance(empty, [batch('new', 5, 'ended', 6), batch('slow', 2, 'in_progress'), batch('old', 1, 'ended', 3)]);
		expect(first.next.running).toEqual({ slow: at(2) });
		expect(scanFloor(first.next)).toBe(Date.parse(at(2)));
		const second = advance(first.next, [batch('new', 5, 'ended', 6), batch('slow', 2, 'ended', 8)]);
		expect(second.fresh.map((b) => b.id)).toEqual(['slow']);
		expect(second.next).toEqual({ initialized: true, newest: at(5), atNewest: ['new'], running: {} });
		expect(advance(second.next, [batch('new', 5, 'ended', 6)]).fresh).toEqual([]);
	});

	it('the state stays as small as the batches still running, however many ended', () => {
		const scanned = Array.from({ length: 20_000 }, (_, i) => batch(`b${i}`, 1 + (i % 50), 'ended', 60));
		const { fresh, next } = advance(empty, [batch('running', 0, 'in_progress'), ...scanned]);
		expect(fresh).toHaveLength(20_000);
		expect(Object.keys(next.running)).toEqual(['running']);
		expect(next.atNewest).toHaveLength(400);
		expect(advance(next, [batch('running', 0, 'in_progress'), ...scanned]).fresh).toEqual([]);
	});

	it('without any state the first listing is bounded by time, not by what was seen', () => {
		expect(scanFloor(empty)).toBeNull();
	});
});

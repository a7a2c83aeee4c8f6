/**
 * Issue 17.4: Node's timers take at most 2^31-1 ms (about 24.8 days); a longer setTimeout fires at
 * once. The transport's one sleep takes such waits in chunks. Fake timers (which copy Node's overflow
 * rule) stand in for the clock.
 */
import { MAX_TIMER_MS } from '../../nodes/transport/constants';
import { ClaudeAbortedError } from '../../nodes/transport/errors';
import { sleep } from '../../nodes/transport/sleep';

const DAY = 24 * 3600 * 1000;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function track(promise: Promise<void>) {
	const state = { settled: false as boolean | 'rejected', error: undefined as unknown };
	promise.then(
		() => (state.settled = true),
		(error) => ((state.settled = 'rejected'), (state.error = error)),
	);
	return state;
}

describe('17.4 waits longer than the timer range', () => {
	it('a plain setTimeout of 30 days fires at once (the bug the chunking avoids)', async () => {
		const fired = jest.fn();
		setTimeout(fired, 30 * DAY);
		await jest.advanceTimersByTimeAsync(1);
		expect(fired).toHaveBeenCalled();
	});

	it('sleep(30 days) is still waiting after 1 ms and after 2^31-1 ms, and ends at 30 days', async () => {
		const state = track(sleep(30 * DAY));
		await jest.advanceTimersByTimeAsync(1);
		expect(state.settled).toBe(false);
		await jest.advanceTimersByTimeAsync(MAX_TIMER_MS);
		expect(state.settled).toBe(false);
		await jest.advanceTimersByTimeAsync(30 * DAY - MAX_TIMER_MS - 2);
		expect(state.settled).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(state.settled).toBe(true);
	});

	it('takes the wait in chunks no longer than the timer range', () => {
		const chunks: number[] = [];
		const fakeTimer = ((callback: () => void, ms: number) => {
			chunks.push(ms);
			callback();
			return undefined as never;
		}) as unknown as typeof setTimeout;
		void sleep(60 * DAY, undefined, fakeTimer);
		expect(chunks).toEqual([MAX_TIMER_MS, MAX_TIMER_MS, 60 * DAY - 2 * MAX_TIMER_MS]);
		expect(chunks.every((ms) => ms <= MAX_TIMER_MS)).toBe(true);
	});

	it('an abort in a later chunk ends the wait at once with the one abort error', async () => {
		const controller = new AbortController();
		const state = track(sleep(30 * DAY, controller.signal));
		await jest.advanceTimersByTimeAsync(MAX_TIMER_MS + 10);
		controller.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect(state.settled).toBe('rejected');
		expect(state.error).toBeInstanceOf(ClaudeAbortedError);
		expect(jest.getTimerCount()).toBe(0);
	});

	it('short and odd waits: 0 still yields, NaN is 0, an aborted signal rejects before waiting', async () => {
		const zero = track(sleep(0));
		expect(zero.settled).toBe(false);
		await jest.advanceTimersByTimeAsync(0);
		expect(zero.settled).toBe(true);
		const nan = track(sleep(Number.NaN));
		await jest.advanceTimersByTimeAsync(0);
		expect(nan.settled).toBe(true);
		const controller = new AbortController();
		controller.abort();
		await expect(sleep(1000, controller.signal)).rejects.toBeInstanceOf(ClaudeAbortedError);
	});
});

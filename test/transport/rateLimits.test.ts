/** The pacing decision from the rate-limit headers, without a clock: states and `now` are given, tables of cases. */
import type { IncomingHttpHeaders } from 'node:http';
import { EMPTY_PACER_STATE, MAX_PACING_DELAY_MS, STALE_AFTER_MS, nextSendDelay, observe, parseWindow, recordSend, type PacerState, type RateLimitUnit } from '../../nodes/transport/rateLimits';
import { ClaudeAbortedError } from '../../nodes/transport/errors';
import { BLIND_IN_FLIGHT, RateLimitPacer } from '../../nodes/transport/pacer';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function headers(unit: RateLimitUnit, limit: unknown, remaining: unknown, reset?: unknown): IncomingHttpHeaders {
	const out: IncomingHttpHeaders = { [`anthropic-ratelimit-${unit}-limit`]: String(limit), [`anthropic-ratelimit-${unit}-remaining`]: String(remaining) };
	if (reset !== undefined) out[`anthropic-ratelimit-${unit}-reset`] = String(reset);
	return out;
}

/** 1,200 requests per minute = 20 per second, a bucket of 20: what the emulator says with setRateLimit({ perSecond: 20 }). */
const rpm1200 = (remaining: number) => headers('requests', 1200, remaining, iso(NOW + ((20 - remaining) / 20) * 1000));

describe('parseWindow: nonsense is no window, an unbelievable reset is no reset', () => {
	it.each([
		['a sane window', '1200', '15', iso(NOW + 250), { limit: 1200, remaining: 15, resetAt: NOW + 250 }],
		['no reset header', '1200', '15', undefined, { limit: 1200, remaining: 15, resetAt: undefined }],
		['reset in the past (beyond a clock second)', '1200', '15', iso(NOW - 5000), { limit: 1200, remaining: 15, resetAt: undefined }],
		['reset a moment ago (whole-second clocks)', '1200', '15', iso(NOW - 400), { limit: 1200, remaining: 15, resetAt: NOW }],
		['reset absurdly far (a day)', '1200', '15', iso(NOW + 86_400_000), { limit: 1200, remaining: 15, resetAt: undefined }],
		['reset not a date', '1200', '15', 'soon', { limit: 1200, remaining: 15, resetAt: undefined }],
		['negative remaining', '1200', '-3', iso(NOW + 250), undefined],
		['remaining over the limit', '10', '11', iso(NOW + 250), undefined],
		['NaN limit', 'NaN', '1', iso(NOW + 250), undefined],
		['zero limit', '0', '0', iso(NOW + 250), undefined],
		['empty remaining', '1200', '', iso(NOW + 250), undefined],
		['Infinity limit', 'Infinity', '5', iso(NOW + 250), undefined],
	])('%s', (_name, limit, remaining, reset, expected) => {
		expect(parseWindow(headers('requests', limit, remaining, reset), 'requests', NOW)).toEqual(expected);
	});

	it('absent headers are no window', () => {
		expect(parseWindow({}, 'requests', NOW)).toBeUndefined();
		expect(observe(EMPTY_PACER_STATE, { 'retry-after': '1' }, NOW, { unanswered: 0 })).toBe(EMPTY_PACER_STATE);
	});
});

describe('nextSendDelay: requests', () => {
	it.each([
		// remaining, requests sent since that answer and still unanswered, ms later, expected delay
		[15, 0, 0, 0],
		[1, 0, 0, 0],
		[0, 0, 0, 50],
		[0, 0, 20, 30],
		[0, 0, 50, 0],
		// Two sent after the answered one are not counted by the gateway yet: they take the room.
		[2, 2, 0, 50],
		[5, 2, 0, 0],
		// Far behind (a burst was sent blind): the wait is what refills the deficit, capped at one window.
		[0, 10, 0, 550],
	])('remaining %d, %d unanswered, %d ms later: wait %d ms', (remaining, unanswered, later, expected) => {
		const state = observe(EMPTY_PACER_STATE, rpm1200(remaining), NOW, { unanswered });
		expect(nextSendDelay(state, NOW + later)).toBe(expected);
	});

	it('each send takes one off until the gateway says otherwise: 3 left means 3 sends, then one every 50 ms', () => {
		let state: PacerState = observe(EMPTY_PACER_STATE, rpm1200(3), NOW, { unanswered: 0 });
		const delays: number[] = [];
		let now = NOW;
		for (let i = 0; i < 5; i++) {
			const delay = nextSendDelay(state, now);
			delays.push(delay);
			now += delay;
			state = recordSend(state, now);
		}
		expect(delays).toEqual([0, 0, 0, 50, 50]);
	});

	it('refills no further than the bucket the reset implies (20), not the per-minute limit', () => {
		let state = observe(EMPTY_PACER_STATE, rpm1200(0), NOW, { unanswered: 0 });
		expect(state.requests?.capacity).toBe(20);
		const later = NOW + 60_000;
		for (let i = 0; i < 20; i++) state = recordSend(state, later);
		expect(nextSendDelay(state, later)).toBe(50);
	});

	it('without a believable reset the bucket is taken as the whole per-minute limit', () => {
		const state = observe(EMPTY_PACER_STATE, headers('requests', 60, 0, 'garbage'), NOW, { unanswered: 0 });
		expect(state.requests?.capacity).toBe(60);
		expect(nextSendDelay(state, NOW)).toBe(1000);
	});

	it('no delay is longer than one window, whatever the headers say', () => {
		const state = observe(EMPTY_PACER_STATE, headers('requests', 1, 0), NOW, { unanswered: 5 });
		expect(nextSendDelay(state, NOW)).toBe(MAX_PACING_DELAY_MS);
	});

	it('what the gateway said a window ago is forgotten: its headers may have stopped, its limit changed', () => {
		// One request a minute, and one more already sent: still waiting a window later, forgotten just after.
		let state = observe(EMPTY_PACER_STATE, headers('requests', 1, 0), NOW, { unanswered: 1 });
		expect(nextSendDelay(state, NOW + STALE_AFTER_MS)).toBeGreaterThan(0);
		expect(nextSendDelay(state, NOW + STALE_AFTER_MS + 1)).toBe(0);
		state = recordSend(state, NOW + STALE_AFTER_MS + 1);
		expect(state).toEqual({});
	});

	it('no headers ever: no pacing (the back-off decides)', () => {
		expect(nextSendDelay(EMPTY_PACER_STATE, NOW)).toBe(0);
		expect(recordSend(EMPTY_PACER_STATE, NOW)).toBe(EMPTY_PACER_STATE);
	});
});

describe('nextSendDelay: tokens', () => {
	// 6,000 output tokens per minute = 100 per second, the bucket full at 6,000.
	const otpm = (remaining: number, at = NOW) => headers('output-tokens', 6000, remaining, iso(at + ((6000 - remaining) / 100) * 1000));

	it('learns what one request costs from two answers, and keeps that much room for each send', () => {
		let state = observe(EMPTY_PACER_STATE, otpm(5800), NOW, { unanswered: 0 });
		// First word: everything missing from a full bucket is taken as one request's cost (an overestimate).
		expect(state['output-tokens']?.cost).toBe(200);
		state = observe(state, otpm(5750, NOW + 500), NOW + 500, { unanswered: 0 });
		// Expected 5,850 after 0.5 s of refill, saw 5,750: one request takes about 100; learned slowly downwards.
		expect(state['output-tokens']?.cost).toBeCloseTo(180);
		const spike = observe(state, otpm(5400, NOW + 600), NOW + 600, { unanswered: 0 });
		// A larger sample moves it half way at once: being slow costs less than a 429, but one clump of answers is not one request.
		expect(spike['output-tokens']?.cost).toBeCloseTo(270);
	});

	it('an answer overtaken by a later one (more left than expected) changes nothing', () => {
		const state = observe(observe(EMPTY_PACER_STATE, otpm(5800), NOW, { unanswered: 0 }), otpm(5700, NOW + 100), NOW + 100, { unanswered: 3 });
		expect(observe(state, otpm(5790, NOW + 120), NOW + 120, { unanswered: 2 })).toBe(state);
	});

	it('waits until the bucket has one request’s cost, not just one token', () => {
		let state = observe(EMPTY_PACER_STATE, otpm(5800), NOW, { unanswered: 0 });
		state = observe(state, otpm(150, NOW + 100), NOW + 100, { unanswered: 0 });
		const cost = state['output-tokens']!.cost;
		expect(nextSendDelay(state, NOW + 100)).toBe(Math.ceil(((cost - 150) / 100) * 1000));
	});

	it('the tightest of several limits decides', () => {
		// Input tokens refill 1,000 per second; 200 left and full in 0.8 s: a bucket of 1,000, 800 per request at first sight.
		const tokensDecide = observe(EMPTY_PACER_STATE, { ...rpm1200(20), ...headers('input-tokens', 60_000, 200, iso(NOW + 800)) }, NOW, { unanswered: 0 });
		expect(nextSendDelay(tokensDecide, NOW)).toBe(600);
		const requestsDecide = observe(EMPTY_PACER_STATE, { ...rpm1200(0), ...headers('input-tokens', 60_000, 59_000, iso(NOW + 1000)) }, NOW, { unanswered: 0 });
		expect(nextSendDelay(requestsDecide, NOW)).toBe(50);
	});
});

describe('RateLimitPacer: shared by every request of a credential', () => {
	it('counts requests sent after the answered one as not yet seen by the gateway', async () => {
		const clock = { now: NOW };
		const pacer = new RateLimitPacer(() => clock.now);
		const first = await pacer.beforeSend();
		const second = await pacer.beforeSend();
		const third = await pacer.beforeSend();
		pacer.answered(first, rpm1200(2));
		// 2 left, 2 sent after the first and unanswered: no room.
		expect(nextSendDelay(pacer.snapshot, clock.now)).toBe(50);
		pacer.answered(second, rpm1200(1));
		// The third may not be counted in that 1 yet.
		expect(nextSendDelay(pacer.snapshot, clock.now)).toBe(50);
		pacer.answered(third, rpm1200(1));
		expect(nextSendDelay(pacer.snapshot, clock.now)).toBe(0);
		// An answer without headers (a dropped connection) changes nothing.
		const fourth = await pacer.beforeSend();
		pacer.answered(fourth, undefined);
		expect(nextSendDelay(pacer.snapshot, clock.now)).toBe(50);
	});
});

describe('RateLimitPacer: before the first answer', () => {
	function pacerWithTimers() {
		const timers: Array<() => void> = [];
		const setTimer = ((fn: () => void) => {
			timers.push(fn);
			return { ref() {}, unref() {} } as unknown as NodeJS.Timeout;
		}) as unknown as typeof setTimeout;
		return { pacer: new RateLimitPacer(() => NOW, setTimer), timers };
	}
	const settled = async <T>(p: Promise<T>) => {
		let done = false;
		void p.then(() => (done = true));
		for (let i = 0; i < 5; i++) await Promise.resolve();
		return done;
	};

	it(`lets ${BLIND_IN_FLIGHT} requests out blind, the rest after the first answer`, async () => {
		const { pacer } = pacerWithTimers();
		const blind = await Promise.all(Array.from({ length: BLIND_IN_FLIGHT }, () => pacer.beforeSend()));
		const next = pacer.beforeSend();
		expect(await settled(next)).toBe(false);
		pacer.answered(blind[0], rpm1200(19));
		expect(await settled(next)).toBe(true);
		// Informed once: no more holding back, whatever the later answers say.
		const more = await Promise.all(Array.from({ length: BLIND_IN_FLIGHT }, () => pacer.beforeSend()));
		expect(more).toHaveLength(BLIND_IN_FLIGHT);
	});

	it('a first answer that takes its time holds the others back only so long', async () => {
		const { pacer, timers } = pacerWithTimers();
		await Promise.all(Array.from({ length: BLIND_IN_FLIGHT }, () => pacer.beforeSend()));
		const next = pacer.beforeSend();
		expect(await settled(next)).toBe(false);
		timers[0]();
		expect(await settled(next)).toBe(true);
	});

	it('a waiting request ends when its signal aborts', async () => {
		const { pacer } = pacerWithTimers();
		await Promise.all(Array.from({ length: BLIND_IN_FLIGHT }, () => pacer.beforeSend()));
		const controller = new AbortController();
		const next = pacer.beforeSend(controller.signal);
		controller.abort();
		await expect(next).rejects.toBeInstanceOf(ClaudeAbortedError);
	});
});

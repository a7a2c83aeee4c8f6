/**
 * The retry decision as a pure function: every schedule is checked by feeding outcomes, with the
 * `now` and `random` seams fixed, so nothing here waits or reads a clock.
 */
import { MAX_RATE_LIMIT_WAITS, MIN_RETRY_DELAY_MS, RATE_LIMIT_PATIENCE_MS } from '../../nodes/transport/constants';
import {
	afterDecision,
	backoffDelayMs,
	decideRetry,
	initialRetryState,
	serverRetryDelayMs,
	type RetryDecision,
	type RetryOutcome,
	type RetryState,
} from '../../nodes/transport/retryPolicy';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const noJitter = () => 0;
const status = (code: number, headers: Record<string, string> = {}): RetryOutcome => ({ kind: 'status', status: code, headers });

/** Feeds the same outcome until the policy fails; returns every decision (attempts = decisions). */
function run(outcome: RetryOutcome, state: RetryState, limit = 10_000): RetryDecision[] {
	const decisions: RetryDecision[] = [];
	for (let i = 0; i < limit; i++) {
		const decision = decideRetry(outcome, state, { now: NOW, random: noJitter });
		decisions.push(decision);
		if (decision.action === 'fail') return decisions;
		state = afterDecision(state, decision);
	}
	throw new Error('the policy never gave up');
}

describe('back-off schedule', () => {
	it('doubles from 0.5 s to a cap of 8 s, and jitter only shortens it by up to 25%', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map((i) => backoffDelayMs(i, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
		expect(backoffDelayMs(0, () => 0.999999)).toBeCloseTo(375, 0);
	});

	it('retries 529 maxRetries times with the back-off, then fails', () => {
		const decisions = run(status(529), initialRetryState(2, true, false));
		expect(decisions).toEqual([
			{ action: 'retry', delayMs: 500, rateLimited: true },
			{ action: 'retry', delayMs: 1000, rateLimited: true },
			{ action: 'fail', delayMs: 0 },
		]);
	});

	it('does not retry 400, nor a create on a 500 (it may have been done), but does on a 529', () => {
		expect(decideRetry(status(400), initialRetryState(2, true, false)).action).toBe('fail');
		expect(decideRetry(status(500), initialRetryState(2, false, false)).action).toBe('fail');
		expect(decideRetry(status(529), initialRetryState(2, false, false)).action).toBe('retry');
	});

	it('follows x-should-retry either way', () => {
		expect(decideRetry(status(503, { 'x-should-retry': 'false' }), initialRetryState(2, true, false)).action).toBe('fail');
		expect(decideRetry(status(400, { 'x-should-retry': 'true' }), initialRetryState(2, true, false)).action).toBe('retry');
	});

	it('network failures: retried when idempotent or never sent; an abort or a bad header value never', () => {
		const retry = (code: string, beforeSend: boolean, idempotent: boolean) =>
			decideRetry({ kind: 'network', code, beforeSend }, initialRetryState(2, idempotent, false), { random: noJitter }).action;
		expect(retry('ECONNRESET', false, true)).toBe('retry');
		expect(retry('ECONNRESET', false, false)).toBe('fail');
		expect(retry('ECONNREFUSED', true, false)).toBe('retry');
		expect(retry('ABORTED', true, true)).toBe('fail');
		expect(retry('EINVALIDHEADER', true, true)).toBe('fail');
	});

	it('gets fresh credentials once on a 403 saying they expired, then treats it as any 403', () => {
		const expired: RetryOutcome = { kind: 'status', status: 403, headers: {}, credentialsExpired: true };
		expect(run(expired, initialRetryState(2, true, true)).map((d) => d.action)).toEqual(['refresh', 'fail']);
		expect(run(expired, initialRetryState(2, true, false)).map((d) => d.action)).toEqual(['fail']);
	});
});

describe('17.1: every retry costs something', () => {
	it.each([
		['retry-after: 0', { 'retry-after': '0' }],
		['retry-after: -5', { 'retry-after': '-5' }],
		['retry-after: a date in the past', { 'retry-after': new Date(NOW - 60_000).toUTCString() }],
		['retry-after-ms: 0', { 'retry-after-ms': '0' }],
		['retry-after-ms: -1', { 'retry-after-ms': '-1' }],
	])('%s is no wait at all: the back-off applies and counts as a retry', (_name, headers) => {
		expect(serverRetryDelayMs(headers, NOW)).toBeUndefined();
		const zero = run(status(429, headers), initialRetryState(1, true, false));
		expect(zero).toEqual([
			{ action: 'retry', delayMs: 500, rateLimited: true },
			{ action: 'fail', delayMs: 0 },
		]);
		// Max Retries 0: one request, then the 429 error.
		expect(run(status(429, headers), initialRetryState(0, true, false))).toEqual([{ action: 'fail', delayMs: 0 }]);
	});

	it('a tiny positive wait is raised to the floor, and rate-limit waits are capped in number as well as in time', () => {
		const decisions = run(status(429, { 'retry-after-ms': '1' }), initialRetryState(1, true, false));
		const waits = decisions.filter((d) => d.action === 'wait');
		expect(waits).toHaveLength(MAX_RATE_LIMIT_WAITS);
		expect(waits.every((d) => d.delayMs === MIN_RETRY_DELAY_MS)).toBe(true);
		expect(decisions.slice(MAX_RATE_LIMIT_WAITS).map((d) => d.action)).toEqual(['retry', 'fail']);
		expect(decisions.every((d) => d.action === 'fail' || d.delayMs >= MIN_RETRY_DELAY_MS)).toBe(true);
	});

	it('a retry on a tiny server delay (529 with retry-after-ms: 1) also waits the floor', () => {
		expect(decideRetry(status(529, { 'retry-after-ms': '1' }), initialRetryState(2, true, false))).toEqual({ action: 'retry', delayMs: MIN_RETRY_DELAY_MS, rateLimited: true });
	});

	it('long rate-limit waits stop at the total patience, then retries take over', () => {
		const decisions = run(status(429, { 'retry-after': '50' }), initialRetryState(1, true, false));
		const waited = decisions.filter((d) => d.action === 'wait').reduce((sum, d) => sum + d.delayMs, 0);
		expect(waited).toBeLessThanOrEqual(RATE_LIMIT_PATIENCE_MS);
		expect(decisions.map((d) => d.action)).toEqual(['wait', 'wait', 'retry', 'fail']);
		expect(decisions[2].delayMs).toBe(50_000);
	});

	it('reads retry-after seconds, an HTTP date and retry-after-ms; ignores waits over a minute like the SDK', () => {
		expect(serverRetryDelayMs({ 'retry-after': '2' }, NOW)).toBe(2000);
		expect(serverRetryDelayMs({ 'retry-after': new Date(NOW + 3000).toUTCString() }, NOW)).toBe(3000);
		expect(serverRetryDelayMs({ 'retry-after-ms': '150', 'retry-after': '9' }, NOW)).toBe(150);
		expect(serverRetryDelayMs({ 'retry-after': '61' }, NOW)).toBeUndefined();
		expect(serverRetryDelayMs({ 'retry-after': '' }, NOW)).toBeUndefined();
		expect(serverRetryDelayMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
	});
});

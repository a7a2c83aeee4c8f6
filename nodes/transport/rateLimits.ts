/**
 * Pacing from the gateway's own rate-limit headers (`anthropic-ratelimit-{requests,tokens,input-tokens,
 * output-tokens}-{limit,remaining,reset}`), so a known limit is not run into. Pure: the state is a value,
 * `now` is passed in, and the decision is tested as tables (test/transport/rateLimits.test.ts). The
 * adaptive back-off in throttle.ts stays in charge when the headers are absent or wrong.
 *
 * The API's limits are token buckets: `limit` per minute, refilled continuously; `remaining` is what is
 * left now and `reset` (RFC 3339) when the bucket is full again. So the refill rate is limit / 60 s and
 * the bucket's size is remaining + (reset - now) × rate (never above `limit`).
 */
import type { IncomingHttpHeaders } from 'node:http';

export const RATE_LIMIT_UNITS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;
export type RateLimitUnit = (typeof RATE_LIMIT_UNITS)[number];

const WINDOW_MS = 60_000;
/** A per-minute bucket is full within a minute; a reset much later than that is not believed. */
const MAX_RESET_AHEAD_MS = 2 * WINDOW_MS;
const RESET_SLACK_MS = 1000;
/** No pause the headers ask for is longer than one window: past that, the back-off decides. */
export const MAX_PACING_DELAY_MS = WINDOW_MS;
/** What the gateway said a window ago no longer holds: its limits may have changed, or its headers stopped. */
export const STALE_AFTER_MS = WINDOW_MS;
/** Weight of the newest sample when a token cost per request is learned. */
const COST_SMOOTHING = 0.2;
const COST_RISE = 0.5;

export interface RateLimitWindow {
	limit: number;
	remaining: number;
	/** Epoch ms, or undefined when the header was missing or not believable. */
	resetAt?: number;
}

export interface Bucket {
	/** Refill per ms. */
	ratePerMs: number;
	capacity: number;
	/** The client's estimate of what is left at `at`, what it sent since the last answer taken off. */
	level: number;
	at: number;
	/** What one request takes from this bucket: 1 for requests, learned from the answers for tokens. */
	cost: number;
	/** What the gateway said last, and when: the basis for learning `cost`. */
	observedRemaining: number;
	observedAt: number;
}

export type PacerState = Partial<Record<RateLimitUnit, Bucket>>;

export const EMPTY_PACER_STATE: PacerState = Object.freeze({});

/** Where the answer stands among the sends that share the pacer. */
export interface ObservationContext {
	/** Requests sent after the one answered that have no answer yet: the gateway has most likely not counted them. */
	unanswered: number;
}

/** One unit's window from the headers, or undefined when it is absent or nonsense (negative, NaN, remaining > limit). */
export function parseWindow(headers: IncomingHttpHeaders, unit: RateLimitUnit, now: number): RateLimitWindow | undefined {
	const limit = numberHeader(headers, `anthropic-ratelimit-${unit}-limit`);
	const remaining = numberHeader(headers, `anthropic-ratelimit-${unit}-remaining`);
	if (limit === undefined || remaining === undefined) return undefined;
	if (limit <= 0 || remaining < 0 || remaining > limit) return undefined;
	const rawReset = headerValue(headers, `anthropic-ratelimit-${unit}-reset`);
	const resetAt = rawReset === undefined ? undefined : Date.parse(rawReset);
	// A reset a moment in the past is a whole-second clock or a small skew: the bucket is full about now.
	const believable = resetAt !== undefined && Number.isFinite(resetAt) && resetAt >= now - RESET_SLACK_MS && resetAt - now <= MAX_RESET_AHEAD_MS;
	return { limit, remaining, resetAt: believable ? Math.max(resetAt, now) : undefined };
}

/** The state after an answer (any status: a 429 carries the headers too). Units the answer does not mention keep their estimate. */
export function observe(state: PacerState, headers: IncomingHttpHeaders, now: number, context: ObservationContext): PacerState {
	let next: PacerState | undefined;
	for (const unit of RATE_LIMIT_UNITS) {
		const window = parseWindow(headers, unit, now);
		if (!window) continue;
		const bucket = bucketFrom(state[unit], window, unit, now, context);
		if (bucket === state[unit]) continue;
		next ??= { ...state };
		next[unit] = bucket;
	}
	return next ?? state;
}

function bucketFrom(previous: Bucket | undefined, window: RateLimitWindow, unit: RateLimitUnit, now: number, context: ObservationContext): Bucket {
	const ratePerMs = window.limit / WINDOW_MS;
	const capacity = window.resetAt === undefined ? window.limit : clamp(window.remaining + (window.resetAt - now) * ratePerMs, window.remaining, window.limit);
	let cost = 1;
	if (unit !== 'requests') {
		if (previous && previous.ratePerMs === ratePerMs) {
			// What the gateway took between its last two answers, had nothing been sent, is about one request's cost.
			const expected = Math.min(capacity, previous.observedRemaining + (now - previous.observedAt) * ratePerMs);
			const sample = expected - window.remaining;
			// More left than expected: an answer that was overtaken by a later one. Taking it would make the
			// next sample look like an expensive request; the later answer already said more.
			if (sample < 0) return previous;
			// Up fast (a 429 costs more than a slower send), down slowly; never all the way to one clump of answers.
			const weight = sample > previous.cost ? COST_RISE : COST_SMOOTHING;
			cost = sample === 0 ? previous.cost : (1 - weight) * previous.cost + weight * sample;
		} else {
			// First word from the gateway: what is missing from a full bucket, an overestimate when several requests took it.
			cost = Math.max(1, capacity - window.remaining);
		}
	}
	const level = window.remaining - context.unanswered * cost;
	return { ratePerMs, capacity, level, at: now, cost, observedRemaining: window.remaining, observedAt: now };
}

/** What is left in a bucket at `now`, by the refill since the estimate. */
export function levelAt(bucket: Bucket, now: number): number {
	return Math.min(bucket.capacity, bucket.level + Math.max(0, now - bucket.at) * bucket.ratePerMs);
}

/** How long the next request should wait before it is sent; 0 when every known bucket has room for it. */
export function nextSendDelay(state: PacerState, now: number): number {
	let delay = 0;
	for (const unit of RATE_LIMIT_UNITS) {
		const bucket = state[unit];
		if (!bucket || isStale(bucket, now)) continue;
		const need = Math.min(Math.max(bucket.cost, 1), bucket.capacity);
		const level = levelAt(bucket, now);
		if (level >= need) continue;
		delay = Math.max(delay, Math.ceil((need - level) / bucket.ratePerMs));
	}
	return Math.min(delay, MAX_PACING_DELAY_MS);
}

/** The state after a request was sent: its cost comes off every known bucket until the gateway says otherwise. */
export function recordSend(state: PacerState, now: number): PacerState {
	let next: PacerState | undefined;
	for (const unit of RATE_LIMIT_UNITS) {
		const bucket = state[unit];
		if (!bucket) continue;
		next ??= { ...state };
		if (isStale(bucket, now)) delete next[unit];
		else next[unit] = { ...bucket, level: levelAt(bucket, now) - bucket.cost, at: now };
	}
	return next ?? state;
}

function isStale(bucket: Bucket, now: number): boolean {
	return now - bucket.observedAt > STALE_AFTER_MS;
}

function numberHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
	const raw = headerValue(headers, name);
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? value : undefined;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(high, Math.max(low, value));
}

/**
 * When and how long to wait before trying again, as the official SDK does, decided by one pure
 * function of what happened and where the request stands: no clock, no I/O, so every schedule is
 * tested by feeding outcomes (test/transport/retryPolicy.test.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { MAX_RATE_LIMIT_WAITS, MIN_RETRY_DELAY_MS, RATE_LIMIT_PATIENCE_MS } from './constants';

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
/** Statuses that mean the request was not processed, so even a create may be sent again. */
const NOT_PROCESSED_STATUSES = new Set([429, 503, 529]);
/** Failures that no retry can mend. */
const FINAL_CODES = new Set(['ABORTED', 'EINVALIDHEADER']);

export function isRetryableStatus(status: number, headers: IncomingHttpHeaders, idempotent: boolean): boolean {
	const should = headerValue(headers, 'x-should-retry');
	if (should === 'true') return true;
	if (should === 'false') return false;
	if (!idempotent) return NOT_PROCESSED_STATUSES.has(status);
	return RETRYABLE_STATUSES.has(status) || status >= 500;
}

/**
 * The gateway's own wait, when it gave a usable one. Like the SDK, a wait that is not positive (0, a
 * negative number, a date in the past) or over a minute is no wait at all: the back-off applies instead.
 */
export function serverRetryDelayMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
	const rawMs = headerValue(headers, 'retry-after-ms');
	if (rawMs !== undefined) {
		const ms = Number(rawMs);
		if (Number.isFinite(ms) && ms > 0 && ms <= 60_000) return ms;
	}
	const raw = headerValue(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	const delay = Number.isFinite(seconds) && raw.trim() !== '' ? seconds * 1000 : Date.parse(raw) - now;
	return Number.isFinite(delay) && delay > 0 && delay <= 60_000 ? delay : undefined;
}

/** Exponential back-off with jitter: 0.5 s, 1 s, 2 s ... capped at 8 s, minus up to 25%. */
export function backoffDelayMs(retryIndex: number, random: () => number = Math.random): number {
	const base = Math.min(500 * 2 ** retryIndex, 8000);
	return base * (1 - random() * 0.25);
}

export type RetryOutcome =
	/** An error status. `credentialsExpired`: a 403 saying the temporary credentials expired or were revoked. */
	| { kind: 'status'; status: number; headers: IncomingHttpHeaders; credentialsExpired?: boolean }
	/** No answer: `beforeSend` when no byte can have been processed. */
	| { kind: 'network'; code: string; beforeSend: boolean }
	/** Credentials could not be had (STS, host identity). */
	| { kind: 'identity'; retryable: boolean };

export interface RetryState {
	/** Retries made so far (each counts against maxRetries). */
	retries: number;
	maxRetries: number;
	idempotent: boolean;
	/** Rate-limit waits taken so far, and how long they were: these do not count as retries. */
	rateLimitWaits: number;
	rateLimitWaitedMs: number;
	/** Fresh credentials were fetched once already. */
	refreshed: boolean;
	/** The credentials can be fetched again (temporary or host credentials). */
	canRefresh: boolean;
}

export interface RetryDecision {
	/**
	 * retry: wait delayMs, then send again (a retry); wait: a rate-limit wait shared with the whole
	 * execution (not a retry); refresh: get fresh credentials and send again at once; fail: give up.
	 */
	action: 'retry' | 'wait' | 'fail' | 'refresh';
	delayMs: number;
	/** The gateway pushed back (429/529): the shared throttle should slow down. */
	rateLimited?: boolean;
}

export interface RetrySeams {
	now?: number;
	random?: () => number;
}

const FAIL: RetryDecision = { action: 'fail', delayMs: 0 };

export function initialRetryState(maxRetries: number, idempotent: boolean, canRefresh: boolean): RetryState {
	return { retries: 0, maxRetries, idempotent, rateLimitWaits: 0, rateLimitWaitedMs: 0, refreshed: false, canRefresh };
}

export function decideRetry(outcome: RetryOutcome, state: RetryState, seams: RetrySeams = {}): RetryDecision {
	const backoff = () => ({ action: 'retry' as const, delayMs: backoffDelayMs(state.retries, seams.random) });
	const canRetry = state.retries < state.maxRetries;
	switch (outcome.kind) {
		case 'identity':
			return outcome.retryable && canRetry ? backoff() : FAIL;
		case 'network':
			if (FINAL_CODES.has(outcome.code)) return FAIL;
			return (state.idempotent || outcome.beforeSend) && canRetry ? backoff() : FAIL;
		case 'status': {
			const { status, headers } = outcome;
			if (status === 403 && outcome.credentialsExpired && state.canRefresh && !state.refreshed) return { action: 'refresh', delayMs: 0 };
			if (!isRetryableStatus(status, headers, state.idempotent)) return FAIL;
			const serverDelay = serverRetryDelayMs(headers, seams.now ?? Date.now());
			const rateLimited = status === 429 || status === 529;
			if (status === 429 && serverDelay !== undefined) {
				const delayMs = Math.max(serverDelay, MIN_RETRY_DELAY_MS);
				if (state.rateLimitWaits < MAX_RATE_LIMIT_WAITS && state.rateLimitWaitedMs + delayMs <= RATE_LIMIT_PATIENCE_MS) {
					return { action: 'wait', delayMs, rateLimited };
				}
			}
			if (!canRetry) return FAIL;
			const delayMs = Math.max(serverDelay ?? backoffDelayMs(state.retries, seams.random), MIN_RETRY_DELAY_MS);
			return { action: 'retry', delayMs, rateLimited };
		}
	}
}

/** The state after acting on a decision. */
export function afterDecision(state: RetryState, decision: RetryDecision): RetryState {
	switch (decision.action) {
		case 'retry':
			return { ...state, retries: state.retries + 1 };
		case 'wait':
			return { ...state, rateLimitWaits: state.rateLimitWaits + 1, rateLimitWaitedMs: state.rateLimitWaitedMs + decision.delayMs };
		case 'refresh':
			return { ...state, refreshed: true };
		default:
			return state;
	}
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

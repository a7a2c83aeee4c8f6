/** When and how long to wait before trying again, as the official SDK does. */
import type { IncomingHttpHeaders } from 'node:http';

const RETRYABLE_STATUSES = new Set([408, 409, 429]);
/** Statuses that mean the request was not processed, so even a create may be sent again. */
const NOT_PROCESSED_STATUSES = new Set([429, 503, 529]);

export function isRetryableStatus(status: number, headers: IncomingHttpHeaders, idempotent: boolean): boolean {
	const should = headerValue(headers, 'x-should-retry');
	if (should === 'true') return true;
	if (should === 'false') return false;
	if (!idempotent) return NOT_PROCESSED_STATUSES.has(status);
	return RETRYABLE_STATUSES.has(status) || status >= 500;
}

/** The gateway's own wait, when it gave one and it is reasonable (the SDK ignores waits over a minute). */
export function serverRetryDelayMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
	const ms = Number(headerValue(headers, 'retry-after-ms'));
	if (headerValue(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0 && ms <= 60_000) return ms;
	const raw = headerValue(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	let delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(raw) - now;
	if (!Number.isFinite(delay)) return undefined;
	delay = Math.max(0, delay);
	return delay <= 60_000 ? delay : undefined;
}

/** Exponential back-off with jitter: 0.5 s, 1 s, 2 s ... capped at 8 s, minus up to 25%. */
export function backoffDelayMs(retryIndex: number, random: () => number = Math.random): number {
	const base = Math.min(500 * 2 ** retryIndex, 8000);
	return base * (1 - random() * 0.25);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The rate-limit pacer of one credential in this process: every client made from the same credential
 * (every execution, concurrent or not) shares it, because the gateway counts their requests together.
 * The decisions are rateLimits.ts's pure functions; this only keeps the state, the clock and the waits.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { EMPTY_PACER_STATE, nextSendDelay, observe, recordSend, type PacerState } from './rateLimits';
import { ClaudeAbortedError } from './errors';
import { sleep } from './sleep';

/**
 * Until the first answer of a credential has said whether (and which) limits apply, only this many of its
 * requests go out: a blind burst of the full concurrency against a small bucket is mostly 429s.
 */
export const BLIND_IN_FLIGHT = 8;
/** ... but never longer than this: a first answer that takes its time must not hold everyone back. */
export const BLIND_WAIT_MS = 2000;
/** A pacing wait looks again this often. */
const RECHECK_MS = 250;

export interface PacerTicket {
	readonly seq: number;
}

export class RateLimitPacer {
	private state: PacerState = EMPTY_PACER_STATE;
	private seq = 0;
	private readonly pending = new Set<number>();
	private informed = false;
	private readonly uninformedWaiters = new Set<() => void>();

	constructor(
		private readonly now: () => number = Date.now,
		private readonly setTimer: typeof setTimeout = setTimeout,
	) {}

	get snapshot(): PacerState {
		return this.state;
	}

	/** Waits until the known limits have room for one more request, then counts it as sent. */
	async beforeSend(signal?: AbortSignal): Promise<PacerTicket> {
		while (!this.informed && this.pending.size >= BLIND_IN_FLIGHT) await this.firstAnswer(signal);
		for (;;) {
			const delay = nextSendDelay(this.state, this.now());
			if (delay <= 0) break;
			// In steps: an answer meanwhile may say there is room sooner than the estimate that made the wait.
			await sleep(Math.min(delay, RECHECK_MS), signal);
		}
		this.state = recordSend(this.state, this.now());
		const ticket = { seq: ++this.seq };
		this.pending.add(ticket.seq);
		return ticket;
	}

	/** The answer to a ticket's request arrived (any status); headers undefined when there was none. */
	answered(ticket: PacerTicket, headers: IncomingHttpHeaders | undefined): void {
		if (!this.pending.delete(ticket.seq)) return;
		this.inform();
		if (!headers) return;
		let unanswered = 0;
		for (const seq of this.pending) if (seq > ticket.seq) unanswered++;
		this.state = observe(this.state, headers, this.now(), { unanswered });
	}

	private inform(): void {
		this.informed = true;
		for (const wake of [...this.uninformedWaiters]) wake();
	}

	private firstAnswer(signal?: AbortSignal): Promise<void> {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) return reject(new ClaudeAbortedError());
			const wake = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
				this.uninformedWaiters.delete(wake);
				resolve();
			};
			const onAbort = () => {
				clearTimeout(timer);
				this.uninformedWaiters.delete(wake);
				reject(new ClaudeAbortedError());
			};
			const timer = this.setTimer(() => this.inform(), BLIND_WAIT_MS);
			this.uninformedWaiters.add(wake);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}
}

/** Few credentials per process; the oldest pacer goes when there are more than this. */
const MAX_PACERS = 256;
const pacers = new Map<string, RateLimitPacer>();

/** The pacer of a credential (same key as its identity cache); a fresh one when the key is unknown. */
export function pacerFor(key: string | undefined): RateLimitPacer {
	if (key === undefined) return new RateLimitPacer();
	let pacer = pacers.get(key);
	if (pacer) {
		pacers.delete(key);
	} else {
		pacer = new RateLimitPacer();
		if (pacers.size >= MAX_PACERS) pacers.delete(pacers.keys().next().value as string);
	}
	pacers.set(key, pacer);
	return pacer;
}

/** For tests: forget every shared pacer. */
export function resetPacers(): void {
	pacers.clear();
}

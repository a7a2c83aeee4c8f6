/** The one abortable wait of the package: back-off, rate-limit pauses, poll intervals. */
import { MAX_TIMER_MS } from './constants';
import { ClaudeAbortedError } from './errors';

/**
 * Resolves after `ms`; rejects with ClaudeAbortedError as soon as `signal` aborts. Waits longer than
 * Node's timer range (2^31-1 ms, about 24.8 days) are taken in chunks: one longer setTimeout would fire
 * at once. `setTimer` is a seam for tests that count chunks.
 */
export function sleep(ms: number, signal?: AbortSignal, setTimer: typeof setTimeout = setTimeout): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new ClaudeAbortedError());
		let remaining = Number.isNaN(ms) ? 0 : Math.max(0, ms);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const onAbort = () => {
			if (timer) clearTimeout(timer);
			reject(new ClaudeAbortedError());
		};
		const next = () => {
			if (remaining <= 0) {
				signal?.removeEventListener('abort', onAbort);
				resolve();
				return;
			}
			const chunk = Math.min(remaining, MAX_TIMER_MS);
			remaining -= chunk;
			timer = setTimer(next, chunk);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		// The first chunk is scheduled even for 0 ms: a wait always yields to the event loop.
		const first = Math.min(remaining, MAX_TIMER_MS);
		remaining -= first;
		timer = setTimer(next, first);
	});
}

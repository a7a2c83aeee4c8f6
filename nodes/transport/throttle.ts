/**
 * Flow control for all requests of one client (one node execution):
 * - a shared pause: when the gateway says retry-after, every request of the execution waits it out
 *   together instead of each one hammering the gateway on its own;
 * - an adaptive in-flight limit (additive increase, multiplicative decrease): high until the gateway
 *   pushes back, then just under the rate it accepts.
 */
const MIN_EPISODE_MS = 1000;

export interface ThrottleSlot {
	release(): void;
}

export class RequestThrottle {
	private limit: number;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private pausedUntil = 0;
	private pauseTimer: NodeJS.Timeout | undefined;
	private lastDecrease = -Infinity;
	private successesSinceIncrease = 0;

	constructor(
		private readonly maxConcurrency: number,
		private readonly now: () => number = Date.now,
	) {
		this.limit = Math.max(1, maxConcurrency);
	}

	get currentLimit(): number {
		return this.limit;
	}

	/** Waits for a free slot outside any shared pause. */
	acquire(): Promise<ThrottleSlot> {
		return new Promise((resolve) => {
			this.waiting.push(() => resolve(this.newSlot()));
			this.drain();
		});
	}

	/**
	 * The gateway asked everyone to wait: pause all new requests and halve the in-flight limit once per
	 * episode. An episode lasts the pause, and at least MIN_EPISODE_MS: the requests already in flight
	 * when the gateway pushed back get their 429s too, and a gateway asking for no wait at all must not
	 * bring the limit down to 1 in a burst of them.
	 */
	rateLimited(delayMs: number): void {
		const now = this.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + delayMs);
		if (now - this.lastDecrease > Math.max(delayMs, MIN_EPISODE_MS)) {
			this.limit = Math.max(1, Math.floor(Math.min(this.limit, this.inFlight + 1) / 2));
			this.lastDecrease = now;
			this.successesSinceIncrease = 0;
		}
		this.schedule();
	}

	succeeded(): void {
		if (this.limit >= this.maxConcurrency) return;
		this.successesSinceIncrease++;
		// One step up per window of `limit` successes: roughly one round trip at the current rate.
		if (this.successesSinceIncrease >= this.limit) {
			this.successesSinceIncrease = 0;
			this.limit++;
			this.drain();
		}
	}

	/** Time left in the shared pause, for requests that are about to wait anyway. */
	pauseRemainingMs(): number {
		return Math.max(0, this.pausedUntil - this.now());
	}

	private newSlot(): ThrottleSlot {
		this.inFlight++;
		let released = false;
		return {
			release: () => {
				if (released) return;
				released = true;
				this.inFlight--;
				this.drain();
			},
		};
	}

	private drain(): void {
		if (this.pauseRemainingMs() > 0) {
			this.schedule();
			return;
		}
		while (this.waiting.length > 0 && this.inFlight < this.limit) {
			this.waiting.shift()!();
		}
	}

	private schedule(): void {
		if (this.pauseTimer) return;
		const wait = this.pauseRemainingMs();
		if (wait <= 0) return;
		this.pauseTimer = setTimeout(() => {
			this.pauseTimer = undefined;
			this.drain();
		}, wait);
	}
}

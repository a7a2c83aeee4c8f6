/** Gateway-wide token bucket: `perSecond` refill, `burst` capacity (default: perSecond, at least 1). */
export interface RateLimitSettings {
	perSecond: number;
	burst?: number;
}

export class TokenBucket {
	private tokens: number;
	private updatedAt: number;
	private readonly capacity: number;

	constructor(
		private readonly settings: RateLimitSettings,
		private readonly now: () => number = Date.now,
	) {
		this.capacity = Math.max(1, settings.burst ?? settings.perSecond);
		this.tokens = this.capacity;
		this.updatedAt = now();
	}

	/** Takes a token; returns 0 when allowed, else how many ms until a token is available. */
	take(): number {
		const now = this.now();
		this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.settings.perSecond);
		this.updatedAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		if (this.settings.perSecond <= 0) return 60_000;
		return Math.ceil(((1 - this.tokens) / this.settings.perSecond) * 1000);
	}
}

/** The API sends only `retry-after`, in whole seconds. */
export function retryAfterSeconds(waitMs: number): number {
	return Math.max(1, Math.ceil(waitMs / 1000));
}

/**
 * The gateway's rate limits, as the first-party API has them: token buckets refilled continuously, one
 * for requests and, when set, one for input tokens and one for output tokens per minute. Every answer
 * (the 429s too) carries `anthropic-ratelimit-<unit>-limit`, `-remaining` and `-reset` (RFC 3339, when the
 * bucket is full again) unless `headers: false`; `tokens-*` is the most restrictive of the token limits.
 */
import { buildReply, countInputTokens } from './resources/messageReply';

export interface RateLimitSettings {
	/** Requests per second; the `requests-limit` header says it per minute, as the API does. */
	perSecond?: number;
	/** Size of the requests bucket (default: perSecond, at least 1). */
	burst?: number;
	/** Input tokens per minute (the request's input tokens, counted as count_tokens does). */
	inputTokensPerMinute?: number;
	/** Output tokens per minute: a request needs some left, and the reply's output tokens are taken. */
	outputTokensPerMinute?: number;
	/** Send the anthropic-ratelimit-* headers (default true). False: only retry-after on a 429. */
	headers?: boolean;
}

export class TokenBucket {
	private tokens: number;
	private updatedAt: number;
	readonly capacity: number;

	constructor(
		readonly perSecond: number,
		capacity: number,
		private readonly now: () => number = Date.now,
	) {
		this.capacity = Math.max(1, capacity);
		this.tokens = this.capacity;
		this.updatedAt = now();
	}

	/** What is left now (may be below 0 after an output larger than what was left). */
	level(): number {
		const now = this.now();
		this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
		this.updatedAt = now;
		return this.tokens;
	}

	/** Ms until `amount` is available; 0 when it is. */
	waitFor(amount: number): number {
		const missing = Math.min(amount, this.capacity) - this.level();
		if (missing <= 0) return 0;
		if (this.perSecond <= 0) return 60_000;
		return Math.ceil((missing / this.perSecond) * 1000);
	}

	takeAmount(amount: number): void {
		this.level();
		this.tokens -= amount;
	}

	/** Takes a token; returns 0 when allowed, else how many ms until a token is available. */
	take(): number {
		const wait = this.waitFor(1);
		if (wait === 0) this.takeAmount(1);
		return wait;
	}

	/** When the bucket is full again (epoch ms). */
	fullAt(): number {
		const missing = this.capacity - this.level();
		return this.now() + (missing <= 0 || this.perSecond <= 0 ? 0 : (missing / this.perSecond) * 1000);
	}
}

export interface TokenCosts {
	inputTokens: number;
	outputTokens: number;
}

export interface Admission {
	/** 0: go ahead; else the ms until the request would fit. */
	waitMs: number;
	headers: Record<string, string>;
}

export class GatewayRateLimiter {
	private readonly requests?: TokenBucket;
	private readonly input?: TokenBucket;
	private readonly output?: TokenBucket;

	constructor(
		readonly settings: RateLimitSettings,
		now: () => number = Date.now,
	) {
		if (settings.perSecond) this.requests = new TokenBucket(settings.perSecond, settings.burst ?? settings.perSecond, now);
		if (settings.inputTokensPerMinute) this.input = new TokenBucket(settings.inputTokensPerMinute / 60, settings.inputTokensPerMinute, now);
		if (settings.outputTokensPerMinute) this.output = new TokenBucket(settings.outputTokensPerMinute / 60, settings.outputTokensPerMinute, now);
	}

	get countsTokens(): boolean {
		return !!(this.input || this.output);
	}

	/** Admits a request (taking what it costs from every bucket) or says how long it must wait; all or nothing. */
	admit(costs: TokenCosts): Admission {
		const waitMs = Math.max(this.requests?.waitFor(1) ?? 0, this.input?.waitFor(costs.inputTokens) ?? 0, this.output?.waitFor(1) ?? 0);
		if (waitMs === 0) {
			this.requests?.takeAmount(1);
			this.input?.takeAmount(costs.inputTokens);
			this.output?.takeAmount(costs.outputTokens);
		}
		return { waitMs, headers: this.settings.headers === false ? {} : this.headers() };
	}

	private headers(): Record<string, string> {
		const out: Record<string, string> = {};
		const put = (unit: string, bucket: TokenBucket, perMinute: number) => {
			out[`anthropic-ratelimit-${unit}-limit`] = String(Math.max(1, Math.round(perMinute)));
			out[`anthropic-ratelimit-${unit}-remaining`] = String(Math.max(0, Math.floor(bucket.level())));
			out[`anthropic-ratelimit-${unit}-reset`] = new Date(Math.ceil(bucket.fullAt())).toISOString();
		};
		if (this.requests) put('requests', this.requests, this.requests.perSecond * 60);
		const tokenBuckets: Array<[string, TokenBucket]> = [];
		if (this.input) tokenBuckets.push(['input-tokens', this.input]);
		if (this.output) tokenBuckets.push(['output-tokens', this.output]);
		for (const [unit, bucket] of tokenBuckets) put(unit, bucket, bucket.perSecond * 60);
		const tightest = tokenBuckets.sort(([, a], [, b]) => a.level() / a.capacity - b.level() / b.capacity)[0];
		if (tightest) put('tokens', tightest[1], tightest[1].perSecond * 60);
		return out;
	}
}

/** What a Messages request costs in tokens: its input as count_tokens counts it, the output of the reply it will get. */
export function messageTokenCosts(path: string, json: unknown): TokenCosts {
	if (path !== '/v1/messages' || !json || typeof json !== 'object') return { inputTokens: 0, outputTokens: 0 };
	try {
		return { inputTokens: countInputTokens(json as never), outputTokens: buildReply(json as never).usage.output_tokens };
	} catch {
		// An invalid request is refused by its handler; it costs what its input costs.
		return { inputTokens: 0, outputTokens: 0 };
	}
}

/** The API sends only `retry-after`, in whole seconds. */
export function retryAfterSeconds(waitMs: number): number {
	return Math.max(1, Math.ceil(waitMs / 1000));
}

/**
 * The API's per-batch limits, as one mutable object so tests can shrink them and exercise splitting
 * without 100,000 items. Also settable from the environment for the same reason in a real n8n.
 */
export const batchLimits = {
	/** Most requests the API accepts in one batch. */
	maxRequests: positiveIntFromEnv('CLAUDE_AWS_BATCH_MAX_REQUESTS', 100_000),
	/**
	 * Largest creation body we send. The API allows 256 MB; we stay a little under it (whether the API
	 * counts MB as 10^6 or 2^20 bytes, and for the headers), since a 413 would cost the whole upload.
	 */
	maxBytes: positiveIntFromEnv('CLAUDE_AWS_BATCH_MAX_BYTES', 255_000_000),
};

/** Pattern the API requires for custom_id. */
export const CUSTOM_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Prefix of the custom_ids this node makes up from item indexes. */
export const DEFAULT_CUSTOM_ID_PREFIX = 'item-';

/** An environment value may only lower a limit: raising it past the API's would just fail later. */
function positiveIntFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? Math.min(value, fallback) : fallback;
}

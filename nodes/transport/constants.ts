/** Wire constants of Claude Platform on AWS (checked against @anthropic-ai/sdk 1.14 / @anthropic-ai/aws-sdk 1.1). */
export const API_VERSION = '2026-10-21';
export const SIGNING_SERVICE = 'aws-external-anthropic';
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';
export const PACKAGE_NAME = 'n8n-nodes-claude-aws';
// Kept in step with package.json by test/transport/constants.test.ts; reading package.json at run time
// would cost a file read on every n8n start-up for a header.
export const PACKAGE_VERSION = '0.1.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;

/*
 * Tuning defaults and bounds: the one place they are set. Node options (Max Retries, Timeout,
 * Concurrency) default to and are clamped by these.
 */
export const DEFAULT_MAX_RETRIES = 2;
export const MAX_RETRIES_LIMIT = 10;
/** The official SDK waits up to 10 minutes for a response; n8n items should fail sooner than that. */
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_TIMEOUT_MS = DEFAULT_TIMEOUT_SECONDS * 1000;
/**
 * Whole-answer limit of a JSON request (response head and body), against a gateway that trickles bytes
 * and so never trips the idle timeout. Streams are exempt unless the call asks for one (see client.ts).
 */
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_TIMEOUT_MS = 24 * 3600 * 1000;
export const DEFAULT_MAX_CONCURRENCY = 64;
export const MAX_CONCURRENCY_LIMIT = 256;

/** How long, in total, one request may spend waiting out rate limits before it gives up. */
export const RATE_LIMIT_PATIENCE_MS = 120_000;
/** How many rate-limit waits one request may take besides its retries, however short each wait is. */
export const MAX_RATE_LIMIT_WAITS = 10;
/** No retry is free: a gateway asking for 0 ms (or 1 ms) still gets this long. */
export const MIN_RETRY_DELAY_MS = 100;

/** Node's timers take at most 2^31-1 ms; a longer delay fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Standard Webhooks verification (https://www.standardwebhooks.com), the scheme the platform signs with:
 * `webhook-signature` holds one or more space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`,
 * keyed with the base64 part of the `whsec_` secret. Timestamps more than 5 minutes away from now are
 * refused in both directions, so a captured delivery cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOLERANCE_SECONDS = 5 * 60;

export type Verdict = { ok: true } | { ok: false; reason: string };

export interface WebhookHeaders {
	id?: string;
	timestamp?: string;
	signature?: string;
}

/** The HMAC key of a `whsec_<base64>` secret; undefined when it is not usable. */
export function signingKey(secret: string): Buffer | undefined {
	const trimmed = secret.trim();
	const encoded = trimmed.startsWith('whsec_') ? trimmed.slice('whsec_'.length) : trimmed;
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
	const key = Buffer.from(encoded, 'base64');
	return key.length > 0 ? key : undefined;
}

export function verifyStandardWebhook(key: Buffer, headers: WebhookHeaders, body: Buffer, nowSeconds = Math.floor(Date.now() / 1000)): Verdict {
	const { id, timestamp, signature } = headers;
	if (!id || !timestamp || !signature) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
	if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp is not a Unix time in seconds' };
	const sent = Number(timestamp);
	if (nowSeconds - sent > TOLERANCE_SECONDS) return { ok: false, reason: 'webhook-timestamp is more than 5 minutes old (replayed or delayed delivery)' };
	if (sent - nowSeconds > TOLERANCE_SECONDS) return { ok: false, reason: 'webhook-timestamp is more than 5 minutes in the future' };

	const expected = createHmac('sha256', key)
		.update(`${id}.${timestamp}.`)
		.update(body)
		.digest();
	for (const candidate of signature.split(' ')) {
		const comma = candidate.indexOf(',');
		if (comma < 0 || candidate.slice(0, comma) !== 'v1') continue;
		const given = Buffer.from(candidate.slice(comma + 1), 'base64');
		// Same length first: timingSafeEqual throws otherwise, and the length is no secret.
		if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
	}
	return { ok: false, reason: 'no webhook-signature matches' };
}

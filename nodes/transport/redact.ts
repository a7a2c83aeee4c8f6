/**
 * Secrets out of error texts. A gateway or proxy may echo what it received (headers in a 400 message,
 * the canonical request in AWS's SignatureDoesNotMatch, a debug 502 page, an SSE error event), so every
 * text that goes into an error passes through here: first the values this client knows it sent (keys,
 * tokens, signatures), then patterns that catch the same kinds of values when the exact one is unknown.
 */
export const REDACTED = '[redacted]';

/** Shorter values are too likely to occur by chance to be replaced everywhere. */
const MIN_SECRET_LENGTH = 8;

const PATTERNS: Array<[RegExp, string]> = [
	// A header line or a JSON/query pair naming the value: keep the name, drop the value.
	[/((?:authorization|x-amz-security-token|x-api-key|x-amz-signature)["']?\s*[:=]\s*["']?)[^"'\r\n]+/gi, `$1${REDACTED}`],
	[/(Signature=)[0-9a-f]{16,}/gi, `$1${REDACTED}`],
	[/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`],
	[/aws-external-anthropic-api-key-[A-Za-z0-9._~+/=-]+/g, REDACTED],
	// STS answers and credential files.
	[/(<(SecretAccessKey|SessionToken)>)[^<]*(<\/\2>)/g, `$1${REDACTED}$3`],
	[/("(?:secretAccessKey|sessionToken|SecretAccessKey|SessionToken|secret_access_key|session_token|apiKey|api_key)"\s*:\s*")[^"]*"/g, `$1${REDACTED}"`],
	[/((?:aws_secret_access_key|aws_session_token)\s*=\s*)\S+/gi, `$1${REDACTED}`],
];

/** Removes known secret values (and their JSON- and URL-escaped forms), then anything the patterns recognise. */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
	let out = text;
	// Longest first: a whole Authorization value goes before the signature inside it.
	const known = [...new Set(secrets)].filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
	for (const secret of known) {
		for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), secret.replace(/\//g, '\\/'), encodeURIComponent(secret)])) {
			if (out.includes(form)) out = out.split(form).join(REDACTED);
		}
	}
	return redactPatterns(out);
}

export function redactPatterns(text: string): string {
	let out = text;
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/** The secret parts of headers a request was sent with: the whole Authorization value, its signature, the session token. */
export function secretsOfHeaders(headers: Record<string, string> | undefined): string[] {
	if (!headers) return [];
	const out: string[] = [];
	const authorization = headers.authorization;
	if (authorization) {
		out.push(authorization);
		const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
		if (signature) out.push(signature);
		const bearer = /^Bearer\s+(.+)$/.exec(authorization)?.[1];
		if (bearer) out.push(bearer);
	}
	if (headers['x-amz-security-token']) out.push(headers['x-amz-security-token']);
	return out;
}

/** The secrets a client holds: a growing set (credentials it was given, and those its identity provider returned). */
export class SecretSet implements Iterable<string> {
	private readonly values = new Set<string>();

	add(...values: Array<string | undefined>): void {
		for (const value of values) if (value && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
	}

	with(extra: Iterable<string>): string[] {
		return [...this.values, ...extra];
	}

	[Symbol.iterator](): Iterator<string> {
		return this.values[Symbol.iterator]();
	}
}

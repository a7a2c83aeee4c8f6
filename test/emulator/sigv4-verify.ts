/**
 * An independent AWS Signature Version 4 verifier, written from AWS's documented algorithm with node:crypto
 * only, so that it shares no code with the signer under test (@smithy/signature-v4).
 *
 * Non-S3 rules: the canonical URI is the normalised wire path URI-encoded once more (so "%" in an
 * already-encoded path becomes "%25"), query parameters are decoded, re-encoded and sorted, header values
 * are trimmed with inner whitespace collapsed, and the payload hash is `x-amz-content-sha256` when present.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

export interface SigV4Request {
	method: string;
	/** Path and query exactly as received (`req.url`). */
	url: string;
	/** Node's `rawHeaders`: name, value, name, value... */
	rawHeaders: string[];
	/** The buffered body; undefined for streamed bodies, which must be signed as UNSIGNED-PAYLOAD. */
	body?: Buffer;
}

export interface SigV4Key {
	secretAccessKey: string;
	sessionToken?: string;
	expiresAt?: number;
}

export interface SigV4VerifyOptions {
	region: string;
	service: string;
	now?: number;
	maxSkewMs?: number;
	lookupKey(accessKeyId: string): SigV4Key | undefined;
}

export type SigV4Result =
	| { ok: true; accessKeyId: string }
	| { ok: false; code: string; message: string; accessKeyId?: string };

export interface ParsedAuthorization {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
	terminator: string;
	signedHeaders: string[];
	signature: string;
}

/** RFC 3986 encoding as AWS does it: everything but unreserved characters, upper-case hex. */
export function awsUriEscape(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Canonical URI for non-S3 services: normalise "." / ".." / empty segments, then encode the wire path again. */
export function canonicalUri(rawPath: string): string {
	const segments: string[] = [];
	for (const segment of rawPath.split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') segments.pop();
		else segments.push(segment);
	}
	const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
	const normalised = `/${segments.join('/')}${trailing}`;
	return awsUriEscape(normalised).replace(/%2F/g, '/');
}

function decodeLoosely(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** Canonical query: each name and value decoded then re-encoded, sorted by name, then by value. */
export function canonicalQuery(rawQuery: string): string {
	const pairs: Array<[string, string]> = [];
	for (const part of rawQuery.split('&')) {
		if (!part) continue;
		const eq = part.indexOf('=');
		const name = eq < 0 ? part : part.slice(0, eq);
		const value = eq < 0 ? '' : part.slice(eq + 1);
		if (decodeLoosely(name).toLowerCase() === 'x-amz-signature') continue;
		pairs.push([awsUriEscape(decodeLoosely(name)), awsUriEscape(decodeLoosely(value))]);
	}
	pairs.sort(([aName, aValue], [bName, bValue]) =>
		aName === bName ? compare(aValue, bValue) : compare(aName, bName),
	);
	return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** All values per lower-cased header name, in arrival order. */
export function headerValues(rawHeaders: string[]): Map<string, string[]> {
	const headers = new Map<string, string[]>();
	for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
		const name = rawHeaders[i].toLowerCase();
		const list = headers.get(name) ?? [];
		list.push(rawHeaders[i + 1]);
		headers.set(name, list);
	}
	return headers;
}

function canonicalHeaderValue(values: string[] | undefined): string {
	return (values ?? []).map((value) => value.trim().replace(/\s+/g, ' ')).join(',');
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
	const kDate = hmac(`AWS4${secretAccessKey}`, date);
	const kRegion = hmac(kDate, region);
	const kService = hmac(kRegion, service);
	return hmac(kService, 'aws4_request');
}

export function parseAuthorization(header: string): ParsedAuthorization | { error: string } {
	if (!header.startsWith(`${ALGORITHM} `)) {
		return { error: `Unsupported Authorization Type` };
	}
	const fields = new Map<string, string>();
	for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
	}
	for (const required of ['Credential', 'SignedHeaders', 'Signature']) {
		if (!fields.get(required)) {
			return {
				error: `Authorization header requires '${required}' parameter. Authorization=${ALGORITHM} ${[...fields.keys()].join(', ')}`,
			};
		}
	}
	const scope = fields.get('Credential')!.split('/');
	if (scope.length !== 5) {
		return {
			error: `Credential should be scoped to a valid region, service and terminator: 'AKID/YYYYMMDD/region/service/aws4_request'.`,
		};
	}
	const [accessKeyId, date, region, service, terminator] = scope;
	return {
		accessKeyId,
		date,
		region,
		service,
		terminator,
		signedHeaders: fields.get('SignedHeaders')!.split(';'),
		signature: fields.get('Signature')!,
	};
}

/** '20150830T123600Z' -> epoch ms, or undefined when malformed. */
export function parseAmzDate(value: string): number | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const ms = Date.UTC(y, mo - 1, d, h, mi, s);
	return Number.isNaN(ms) ? undefined : ms;
}

export function formatAmzDate(ms: number): string {
	return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function buildCanonicalRequest(
	method: string,
	url: string,
	headers: Map<string, string[]>,
	signedHeaders: string[],
	payloadHash: string,
): string {
	const q = url.indexOf('?');
	const rawPath = q < 0 ? url : url.slice(0, q);
	const rawQuery = q < 0 ? '' : url.slice(q + 1);
	const canonicalHeaders = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers.get(name))}\n`).join('');
	return [
		method.toUpperCase(),
		canonicalUri(rawPath),
		canonicalQuery(rawQuery),
		canonicalHeaders,
		signedHeaders.join(';'),
		payloadHash,
	].join('\n');
}

const fail = (code: string, message: string, accessKeyId?: string): SigV4Result => ({ ok: false, code, message, accessKeyId });

export function verifySigV4(request: SigV4Request, options: SigV4VerifyOptions): SigV4Result {
	const headers = headerValues(request.rawHeaders);
	const authorization = headers.get('authorization')?.[0] ?? '';
	const parsed = parseAuthorization(authorization);
	if ('error' in parsed) return fail('IncompleteSignatureException', parsed.error);
	const { accessKeyId } = parsed;

	if (parsed.terminator !== 'aws4_request') {
		return fail('IncompleteSignatureException', `Credential should be scoped with a valid terminator: 'aws4_request', not '${parsed.terminator}'.`, accessKeyId);
	}
	if (parsed.service !== options.service) {
		return fail('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'.`, accessKeyId);
	}
	if (parsed.region !== options.region) {
		return fail('InvalidSignatureException', `Credential should be scoped to a valid region, not '${parsed.region}'.`, accessKeyId);
	}

	const amzDate = headers.get('x-amz-date')?.[0];
	if (!amzDate) {
		return fail('IncompleteSignatureException', `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`, accessKeyId);
	}
	const signedAt = parseAmzDate(amzDate);
	if (signedAt === undefined) {
		return fail('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`, accessKeyId);
	}
	if (parsed.date !== amzDate.slice(0, 8)) {
		return fail(
			'InvalidSignatureException',
			`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
			accessKeyId,
		);
	}
	const now = options.now ?? Date.now();
	const maxSkew = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
	if (signedAt < now - maxSkew) {
		return fail(
			'InvalidSignatureException',
			`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - maxSkew)} (${formatAmzDate(now)} - 5 min.)`,
			accessKeyId,
		);
	}
	if (signedAt > now + maxSkew) {
		return fail(
			'InvalidSignatureException',
			`Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + maxSkew)} (${formatAmzDate(now)} + 5 min.)`,
			accessKeyId,
		);
	}
	if (!parsed.signedHeaders.includes('host')) {
		return fail('InvalidSignatureException', `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`, accessKeyId);
	}

	const key = options.lookupKey(accessKeyId);
	if (!key) {
		return fail('UnrecognizedClientException', 'The security token included in the request is invalid.', accessKeyId);
	}
	const sentToken = headers.get('x-amz-security-token')?.[0];
	if (key.sessionToken !== undefined || sentToken !== undefined) {
		if (sentToken !== key.sessionToken) {
			return fail('UnrecognizedClientException', 'The security token included in the request is invalid.', accessKeyId);
		}
		if (!parsed.signedHeaders.includes('x-amz-security-token')) {
			return fail('InvalidSignatureException', `'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.`, accessKeyId);
		}
	}
	if (key.expiresAt !== undefined && key.expiresAt < now) {
		return fail('ExpiredTokenException', 'The security token included in the request is expired', accessKeyId);
	}

	const claimedHash = headers.get('x-amz-content-sha256')?.[0];
	let payloadHash: string;
	if (request.body === undefined) {
		if (claimedHash !== UNSIGNED_PAYLOAD) {
			return fail(
				'InvalidSignatureException',
				`Streamed request bodies must be signed with 'x-amz-content-sha256: ${UNSIGNED_PAYLOAD}'.`,
				accessKeyId,
			);
		}
		payloadHash = UNSIGNED_PAYLOAD;
	} else if (claimedHash === undefined) {
		payloadHash = sha256Hex(request.body);
	} else if (claimedHash === UNSIGNED_PAYLOAD) {
		payloadHash = UNSIGNED_PAYLOAD;
	} else if (/^[0-9a-f]{64}$/.test(claimedHash)) {
		if (claimedHash !== sha256Hex(request.body)) {
			return fail('InvalidSignatureException', `The provided 'x-amz-content-sha256' header does not match what was computed.`, accessKeyId);
		}
		payloadHash = claimedHash;
	} else {
		return fail('InvalidSignatureException', `x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD} or a valid sha256 value.`, accessKeyId);
	}

	const canonicalRequest = buildCanonicalRequest(request.method, request.url, headers, parsed.signedHeaders, payloadHash);
	const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
	const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
	const expected = createHmac('sha256', signingKey(key.secretAccessKey, parsed.date, parsed.region, parsed.service))
		.update(stringToSign, 'utf8')
		.digest('hex');
	if (!sameHex(expected, parsed.signature)) {
		// Like AWS, show what we signed so a client author can diff it; the session token is masked.
		const shown = sentToken ? canonicalRequest.split(sentToken).join('<x-amz-security-token>') : canonicalRequest;
		return fail(
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
				`The Canonical String for this request should have been\n'${shown}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
			accessKeyId,
		);
	}
	return { ok: true, accessKeyId };
}

function sameHex(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

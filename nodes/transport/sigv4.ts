/**
 * AWS Signature Version 4 for one request, with Node's crypto and nothing else: the same canonical request,
 * string to sign and headers as @smithy/signature-v4 (uriEscapePath on, checksum header on), checked against
 * it in test/transport/sigv4.test.ts. Smithy's general signer costs several times more per request (a clone of
 * the request, an HMAC of the credentials for its key cache, a dozen awaits); inside n8n every item is one
 * signature, so this is what the signer uses unless a benchmark hands it another SHA-256.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SigV4Credentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export interface SigV4Request {
	method: string;
	url: URL;
	headers: Record<string, string>;
	/** undefined hashes as an empty body; `payloadHash` wins over both. */
	body?: string | Uint8Array;
	payloadHash?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const GENERATED = new Set(['authorization', 'x-amz-date', 'date']);
// What smithy never signs, whatever the caller says.
const ALWAYS_UNSIGNABLE = new Set([
	'authorization',
	'cache-control',
	'connection',
	'expect',
	'from',
	'keep-alive',
	'max-forwards',
	'pragma',
	'referer',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
	'user-agent',
	'x-amzn-trace-id',
]);

const NEEDS_TRIM = /[\r\n\t]| {2}|^ | $/;

/** Derived signing keys by day, region, service and credentials: four HMACs saved on every later request of the day. */
export class SigningKeys {
	private readonly keys = new Map<string, Buffer>();

	get(credentials: SigV4Credentials, shortDate: string, region: string, service: string): Buffer {
		const id = `${shortDate}\n${region}\n${service}\n${credentials.accessKeyId}\n${credentials.secretAccessKey}\n${credentials.sessionToken ?? ''}`;
		let key = this.keys.get(id);
		if (!key) {
			key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, shortDate), region), service), 'aws4_request');
			// Credentials rotate and days pass: a handful of live keys is all one client needs.
			if (this.keys.size >= 8) this.keys.delete(this.keys.keys().next().value as string);
			this.keys.set(id, key);
		}
		return key;
	}
}

/** The headers to send: the request's (without any authorization, x-amz-date or date it had), host, x-amz-date, x-amz-content-sha256, the session token and authorization. */
export function signV4(request: SigV4Request, credentials: SigV4Credentials, region: string, service: string, keys: SigningKeys, unsignable: ReadonlySet<string>, now = new Date()): Record<string, string> {
	if (typeof credentials?.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string') throw new Error('Resolved credential object is not valid');
	const longDate = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
	const shortDate = longDate.slice(0, 8);
	const scope = `${shortDate}/${region}/${service}/aws4_request`;

	const headers: Record<string, string> = {};
	for (const name of Object.keys(request.headers)) if (!GENERATED.has(name.toLowerCase())) headers[name] = request.headers[name];
	headers.host = request.url.host;
	headers['x-amz-date'] = longDate;
	if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
	const given = Object.keys(headers).find((name) => name.toLowerCase() === 'x-amz-content-sha256');
	const payloadHash = given !== undefined ? headers[given] : (request.payloadHash ?? sha256Hex(request.body ?? ''));
	if (given === undefined) headers['x-amz-content-sha256'] = payloadHash;

	const canonical = new Map<string, string>();
	for (const name of Object.keys(headers).sort()) {
		const value = headers[name];
		if (value === undefined || value === null) continue;
		const lower = name.toLowerCase();
		if (ALWAYS_UNSIGNABLE.has(lower) || unsignable.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
		const text = String(value);
		// Most values need none of the three rewrites; testing once is cheaper than running them.
		canonical.set(lower, NEEDS_TRIM.test(text) ? text.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '') : text);
	}
	const names = [...canonical.keys()].sort();
	const signedHeaders = names.join(';');
	const canonicalRequest = `${request.method}\n${canonicalPath(request.url.pathname)}\n${canonicalQuery(request.url.searchParams)}\n${names.map((n) => `${n}:${canonical.get(n)}`).join('\n')}\n\n${signedHeaders}\n${payloadHash}`;
	const stringToSign = `${ALGORITHM}\n${longDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
	const signature = createHmac('sha256', keys.get(credentials, shortDate, region, service)).update(stringToSign, 'utf8').digest('hex');
	headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
	return headers;
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(data: string | Uint8Array): string {
	return typeof data === 'string' ? createHash('sha256').update(data, 'utf8').digest('hex') : createHash('sha256').update(data).digest('hex');
}

/** encodeURIComponent plus the characters RFC 3986 reserves that it leaves alone. */
function escapeUri(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Dot segments resolved, empty ones dropped, then every segment encoded once more (AWS's rule for services other than S3). */
function canonicalPath(path: string): string {
	const segments: string[] = [];
	for (const segment of path.split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') segments.pop();
		else segments.push(segment);
	}
	const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
	return escapeUri(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(params: URLSearchParams): string {
	const byKey = new Map<string, string[]>();
	for (const [key, value] of params) {
		if (key.toLowerCase() === 'x-amz-signature') continue;
		const encoded = escapeUri(key);
		const list = byKey.get(encoded) ?? [];
		list.push(`${encoded}=${escapeUri(value)}`);
		byKey.set(encoded, list);
	}
	return [...byKey.keys()]
		.sort()
		.map((key) => byKey.get(key)!.sort().join('&'))
		.join('&');
}

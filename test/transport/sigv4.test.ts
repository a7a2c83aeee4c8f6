/**
 * The transport's own SigV4 (nodes/transport/sigv4.ts) gives exactly the headers @smithy/signature-v4 gives
 * for the same request, date and credentials (the signer it replaced on the per-item path), and what it signs
 * passes the emulator's independent verifier.
 */
import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { RequestSigner, UNSIGNED_PAYLOAD } from '../../nodes/transport/signer';
import { signV4, SigningKeys, type SigV4Credentials } from '../../nodes/transport/sigv4';
import { verifySigV4 } from '../emulator/sigv4-verify';

const UNSIGNABLE = new Set(['content-length', 'accept-encoding', 'connection', 'user-agent', 'traceparent', 'tracestate', 'baggage']);
const SERVICE = 'aws-external-anthropic';
const KEYS: SigV4Credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TEMPORARY: SigV4Credentials = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEBYaDHqa0AP/token+with/slashes==' };

class NodeSha256 {
	private readonly hash: Hash;
	constructor(secret?: never) {
		this.hash = new Hash('sha256', secret);
	}
	update(data: Uint8Array | string) {
		this.hash.update(data);
	}
	digest() {
		return this.hash.digest();
	}
}

interface Case {
	name: string;
	method?: string;
	url: string;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
	unsigned?: boolean;
	credentials?: SigV4Credentials;
	region?: string;
}

const cases: Case[] = [
	{ name: 'a JSON POST', url: 'https://aws-external-anthropic.us-east-1.api.aws/v1/messages', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'anthropic-workspace-id': 'wrkspc_01' }, body: '{"model":"claude-sonnet-4-6","max_tokens":1024,"messages":[{"role":"user","content":"Grüße, 日本"}]}' },
	{ name: 'a GET with repeated and odd query values', method: 'GET', url: 'https://gw.example.com:8443/v1/models?limit=20&after_id=m_1&b=2&b=1&x=a%20b&y=%2A!%27()&empty=' },
	{ name: 'a path with spaces, percent escapes and dot segments', method: 'GET', url: 'http://127.0.0.1:4010/v1/files/./a%20b/../file_01%2Fx/' },
	{ name: 'headers with extra whitespace, line breaks and ones never signed', url: 'https://gw.example.com/v1/messages', headers: { 'x-custom': '  a   b\t c  ', 'x-multi': 'one\r\ntwo', 'user-agent': 'n8n', 'content-length': '5', 'proxy-authorization': 'x', 'sec-fetch-mode': 'cors', authorization: 'stale', 'x-amz-date': 'stale', connection: 'keep-alive' }, body: 'hello' },
	{ name: 'temporary credentials (session token)', url: 'https://gw.example.com/v1/messages/batches', headers: { 'content-type': 'application/json' }, body: '{}', credentials: TEMPORARY, region: 'eu-west-1' },
	{ name: 'an unsigned (streamed) payload', url: 'https://gw.example.com/v1/files', headers: { 'content-type': 'multipart/form-data; boundary=x' }, unsigned: true },
	{ name: 'a bytes body', url: 'https://gw.example.com/v1/files', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255, 254]) },
	{ name: 'an empty body', method: 'DELETE', url: 'https://gw.example.com/v1/files/file_01' },
];

const date = new Date('2026-12-01T23:19:07.123Z');

async function bySmithy(c: Case): Promise<Record<string, string>> {
	const url = new URL(c.url);
	const headers: Record<string, string> = { ...c.headers, host: url.host };
	if (c.unsigned) headers['x-amz-content-sha256'] = UNSIGNED_PAYLOAD;
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	const credentials = c.credentials ?? KEYS;
	const signer = new SignatureV4({ service: SERVICE, region: c.region ?? 'us-east-1', credentials: async () => credentials, sha256: NodeSha256 as never, uriEscapePath: true });
	const signed = await signer.sign(
		{ method: c.method ?? 'POST', protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query, headers, body: c.unsigned ? undefined : c.body },
		{ unsignableHeaders: UNSIGNABLE, signingDate: date },
	);
	return signed.headers as Record<string, string>;
}

function ours(c: Case, keys = new SigningKeys()): Record<string, string> {
	const url = new URL(c.url);
	const payload = c.unsigned ? { payloadHash: UNSIGNED_PAYLOAD } : { body: c.body };
	return signV4({ method: c.method ?? 'POST', url, headers: c.headers ?? {}, ...payload }, c.credentials ?? KEYS, c.region ?? 'us-east-1', SERVICE, keys, UNSIGNABLE, date);
}

describe.each(cases)('$name', (c) => {
	test('the same headers as @smithy/signature-v4, authorization included', async () => {
		expect(ours(c)).toEqual(await bySmithy(c));
	});

	test('passes the emulator verifier', () => {
		const url = new URL(c.url);
		const headers = ours(c);
		const rawHeaders = Object.entries(headers).flat();
		const body = c.unsigned ? undefined : Buffer.from(c.body ?? '');
		const credentials = c.credentials ?? KEYS;
		const result = verifySigV4(
			{ method: c.method ?? 'POST', url: `${url.pathname}${url.search}`, rawHeaders, body },
			{ region: c.region ?? 'us-east-1', service: SERVICE, now: date.getTime(), lookupKey: (id) => (id === credentials.accessKeyId ? { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken } : undefined) },
		);
		expect(result).toEqual({ ok: true, accessKeyId: credentials.accessKeyId });
	});
});

test('a signing key is derived once per day, region and credentials, and a new day or key gets its own', () => {
	const keys = new SigningKeys();
	const first = keys.get(KEYS, '20261201', 'us-east-1', SERVICE);
	expect(keys.get(KEYS, '20261201', 'us-east-1', SERVICE)).toBe(first);
	expect(keys.get(KEYS, '20261202', 'us-east-1', SERVICE)).not.toEqual(first);
	expect(keys.get(TEMPORARY, '20261201', 'us-east-1', SERVICE)).not.toEqual(first);
});

test('credentials that are not strings are refused before anything is signed', () => {
	expect(() => signV4({ method: 'GET', url: new URL('https://gw.example.com/'), headers: {} }, { accessKeyId: 'AKIA' } as SigV4Credentials, 'us-east-1', SERVICE, new SigningKeys(), UNSIGNABLE)).toThrow('Resolved credential object is not valid');
});

test('RequestSigner: a payload hash the caller computed is signed as the hash of the body, as smithy signs it', async () => {
	const url = new URL('https://gw.example.com/v1/messages/batches');
	const body = '{"requests":[]}';
	const payloadHash = createHash('sha256').update(body).digest('hex');
	for (const signer of [new RequestSigner('us-east-1', async () => KEYS), new RequestSigner('us-east-1', async () => KEYS, NodeSha256 as never)]) {
		const headers = await signer.sign({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payloadHash });
		expect(headers['x-amz-content-sha256']).toBe(payloadHash);
		const result = verifySigV4(
			{ method: 'POST', url: url.pathname, rawHeaders: Object.entries(headers).flat(), body: Buffer.from(body) },
			{ region: 'us-east-1', service: SERVICE, lookupKey: () => ({ secretAccessKey: KEYS.secretAccessKey }) },
		);
		expect(result).toEqual({ ok: true, accessKeyId: KEYS.accessKeyId });
	}
});

test('RequestSigner signs with it by default and with smithy when handed a SHA-256: both verify', async () => {
	const url = new URL('https://gw.example.com/v1/messages?beta=true');
	const request = { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{"a":1}' };
	for (const signer of [new RequestSigner('us-east-1', async () => KEYS), new RequestSigner('us-east-1', async () => KEYS, NodeSha256 as never)]) {
		const headers = await signer.sign(request);
		const result = verifySigV4(
			{ method: 'POST', url: `${url.pathname}${url.search}`, rawHeaders: Object.entries(headers).flat(), body: Buffer.from(request.body) },
			{ region: 'us-east-1', service: SERVICE, lookupKey: () => ({ secretAccessKey: KEYS.secretAccessKey }) },
		);
		expect(result).toEqual({ ok: true, accessKeyId: KEYS.accessKeyId });
	}
});

/**
 * Test-only HTTP helpers for talking to the emulator: raw requests, and requests signed with the `aws4`
 * package (independent of both our transport's signer and the emulator's verifier).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { TEST_ACCESS_KEY_ID, TEST_API_KEY, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from './fixtures';
import type { Emulator } from './types';

// aws4 ships no type declarations; this is the one call the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aws4: {
	sign(request: Record<string, unknown>, credentials: object): { headers: Record<string, string> };
} = require('aws4');

export const TEST_ANTHROPIC_VERSION = '2026-10-21';

export interface RawResponse {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	/** Parsed body, or undefined when it is not JSON. */
	json: any;
}

export interface RawRequestOptions {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** Abort after this many ms (for hang tests). */
	timeoutMs?: number;
}

/** Sends a request to the emulator exactly as given (nothing added but Host/Content-Length by node). */
export function rawRequest(emulator: Emulator, options: RawRequestOptions): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			`${emulator.url}${options.path}`,
			{ method: options.method ?? 'GET', headers: options.headers, timeout: options.timeoutMs },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: any;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

export interface SignOptions extends RawRequestOptions {
	credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
	/** Signing time (default now), for stale-signature tests. */
	date?: Date;
	region?: string;
	service?: string;
	/** Leave out the Anthropic headers (workspace, version). */
	bare?: boolean;
}

/** The Anthropic headers every call needs, plus JSON content type when there is a body. */
export function anthropicHeaders(body?: unknown, extra: Record<string, string> = {}): Record<string, string> {
	return {
		'anthropic-version': TEST_ANTHROPIC_VERSION,
		'anthropic-workspace-id': TEST_WORKSPACE_ID,
		...(body !== undefined ? { 'content-type': 'application/json' } : {}),
		...extra,
	};
}

/** Headers signed by aws4 for this request. */
export function signHeaders(emulator: Emulator, options: SignOptions): Record<string, string> {
	const headers: Record<string, string> = {
		...(options.bare ? {} : anthropicHeaders(options.body, {})),
		...options.headers,
		Host: `127.0.0.1:${emulator.port}`,
	};
	if (options.date) headers['X-Amz-Date'] = options.date.toISOString().replace(/[:-]|\.\d{3}/g, '');
	const signed = aws4.sign(
		{
			host: '127.0.0.1',
			path: options.path,
			method: options.method ?? 'GET',
			headers,
			body: options.body,
			service: options.service ?? 'aws-external-anthropic',
			region: options.region ?? emulator.region,
		},
		options.credentials ?? { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
	);
	return signed.headers;
}

export function signedRequest(emulator: Emulator, options: SignOptions): Promise<RawResponse> {
	return rawRequest(emulator, { ...options, headers: signHeaders(emulator, options) });
}

export function bearerRequest(
	emulator: Emulator,
	options: RawRequestOptions & { apiKey?: string; bare?: boolean },
): Promise<RawResponse> {
	return rawRequest(emulator, {
		...options,
		headers: {
			...(options.bare ? {} : anthropicHeaders(options.body)),
			authorization: `Bearer ${options.apiKey ?? TEST_API_KEY}`,
			...options.headers,
		},
	});
}

/** POST JSON with the default bearer key. */
export function postJson(emulator: Emulator, path: string, body: unknown, headers: Record<string, string> = {}) {
	return bearerRequest(emulator, { method: 'POST', path, body: JSON.stringify(body), headers });
}

/** Splits an SSE body into {event, data} pairs (data JSON-parsed). */
export function parseSse(text: string): Array<{ event: string; data: any }> {
	const events: Array<{ event: string; data: any }> = [];
	for (const block of text.split('\n\n')) {
		if (!block.trim()) continue;
		let event = 'message';
		const data: string[] = [];
		for (const line of block.split('\n')) {
			if (line.startsWith('event:')) event = line.slice(6).trim();
			else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
		}
		if (data.length) events.push({ event, data: JSON.parse(data.join('\n')) });
	}
	return events;
}

/**
 * Test-side HTTP client for the emulator, independent of the package's transport: signs with the `aws4`
 * package, talks node:http, and reads SSE streams event by event. Used by the Managed Agents, webhook
 * and STS emulator tests.
 */
import { request as httpRequest, type IncomingMessage, type ClientRequest } from 'node:http';
import type { Emulator } from './types';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from './fixtures';

// aws4 ships no type declarations; this is the one function used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aws4: { sign(options: Record<string, any>, credentials: object): Record<string, any> } = require('aws4');

export const MANAGED_AGENTS_HEADERS = {
	'anthropic-version': '2023-06-01',
	'anthropic-beta': 'managed-agents-2026-04-01',
	'anthropic-workspace-id': TEST_WORKSPACE_ID,
};

export interface AwsCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export const DEFAULT_CREDENTIALS: AwsCredentials = {
	accessKeyId: TEST_ACCESS_KEY_ID,
	secretAccessKey: TEST_SECRET_ACCESS_KEY,
};

export interface TestResponse {
	status: number;
	headers: IncomingMessage['headers'];
	text: string;
	json: any;
}

export interface SignedRequest {
	method: string;
	path: string;
	body?: unknown;
	headers?: Record<string, string>;
	credentials?: AwsCredentials;
	service?: string;
}

/** Signs like a SigV4 client would: host, x-amz-date, body hash and (for temporary keys) the session token. */
function signedOptions(emulator: Emulator, request: SignedRequest) {
	const body =
		request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
		headers['content-type'] = 'application/json';
	}
	const options = aws4.sign(
		{
			host: `127.0.0.1:${emulator.port}`,
			method: request.method,
			path: request.path,
			service: request.service ?? 'aws-external-anthropic',
			region: emulator.region,
			headers,
			body,
		},
		request.credentials ?? DEFAULT_CREDENTIALS,
	);
	return { options: { ...options, hostname: '127.0.0.1', port: emulator.port, host: undefined }, body };
}

export function signedRequest(emulator: Emulator, request: SignedRequest): Promise<TestResponse> {
	const { options, body } = signedOptions(emulator, request);
	return new Promise((resolve, reject) => {
		const req = httpRequest(options as any, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: any;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A Managed Agents API call with the beta, version and workspace headers. */
export function agentsApi(emulator: Emulator, method: string, path: string, body?: unknown): Promise<TestResponse> {
	return signedRequest(emulator, { method, path, body, headers: { ...MANAGED_AGENTS_HEADERS } });
}

export interface SseEvent {
	event: string;
	data: any;
}

export interface OpenStream {
	status: number;
	events: SseEvent[];
	/** Resolves with the first collected event matching, waiting for it if needed. */
	waitFor(predicate: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
	/** Resolves when the server ends or cuts the stream; `cut` says whether it ended without a clean close. */
	ended: Promise<{ cut: boolean }>;
	close(): void;
}

/** Opens a signed SSE GET and parses `event:`/`data:` blocks as they arrive. */
export function openEventStream(emulator: Emulator, path: string): Promise<OpenStream> {
	const { options } = signedOptions(emulator, { method: 'GET', path, headers: { ...MANAGED_AGENTS_HEADERS, accept: 'text/event-stream' } });
	return new Promise((resolve, reject) => {
		let req: ClientRequest;
		const events: SseEvent[] = [];
		const waiters: Array<() => void> = [];
		let finish!: (result: { cut: boolean }) => void;
		const ended = new Promise<{ cut: boolean }>((done) => (finish = done));
		req = httpRequest(options as any, (res) => {
			let buffer = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => {
				buffer += chunk;
				let boundary: number;
				while ((boundary = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, boundary);
					buffer = buffer.slice(boundary + 2);
					const name = /^event: (.*)$/m.exec(block)?.[1];
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (name === undefined || data === undefined) continue;
					events.push({ event: name, data: JSON.parse(data) });
					for (const wake of waiters.splice(0)) wake();
				}
			});
			res.on('end', () => finish({ cut: false }));
			res.on('aborted', () => finish({ cut: true }));
			res.on('error', () => finish({ cut: true }));
			res.on('close', () => finish({ cut: !res.complete }));
			resolve({
				status: res.statusCode ?? 0,
				events,
				ended,
				close: () => req.destroy(),
				waitFor(predicate, timeoutMs = 3000) {
					return new Promise((found, fail) => {
						const timer = setTimeout(
							() => fail(new Error(`no matching SSE event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`)),
							timeoutMs,
						);
						const check = () => {
							const match = events.find(predicate);
							if (match) {
								clearTimeout(timer);
								found(match);
							} else {
								waiters.push(check);
							}
						};
						check();
					});
				},
			});
		});
		req.on('error', (error) => {
			finish({ cut: true });
			reject(error);
		});
		req.end();
	});
}

/** Polls until `check` returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 3000, everyMs = 20): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

/**
 * The Claude Platform on AWS gateway emulator: a real node:http server.
 * Per request: route match (404) -> body buffering -> record -> fault -> latency -> auth -> workspace/version/beta
 * -> rate limit -> handler. Buffering comes before auth because SigV4 covers the body hash.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticate, checkAnthropicHeaders, claimedAuth } from './auth';
import { createContext } from './context';
import { defaultErrorMessage, errorBody, errorTypeForStatus, writeError } from './errors';
import { FaultStore } from './faults';
import { newRequestId } from './ids';
import { GatewayRateLimiter, messageTokenCosts, retryAfterSeconds } from './rateLimit';
import { createRouter, type RouteMatch } from './router';
import { registerAll } from './resources';
import {
	TEST_ACCESS_KEY_ID,
	TEST_API_KEY,
	TEST_EXPIRED_API_KEY,
	TEST_REGION,
	TEST_SECRET_ACCESS_KEY,
	TEST_SESSION_TOKEN,
	TEST_TEMP_ACCESS_KEY_ID,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_WORKSPACE_ID,
} from './fixtures';
import { EmulatorHttpError, type Emulator, type EmulatorOptions, type Fault, type ReceivedRequest } from './types';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
const API_KEY_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function defaultIdentities(now = Date.now()): Emulator['identities'] {
	return {
		accessKeys: new Map([
			[TEST_ACCESS_KEY_ID, { secretAccessKey: TEST_SECRET_ACCESS_KEY }],
			[TEST_TEMP_ACCESS_KEY_ID, { secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY, sessionToken: TEST_SESSION_TOKEN }],
		]),
		apiKeys: new Map([
			[TEST_API_KEY, { expiresAt: now + API_KEY_LIFETIME_MS }],
			[TEST_EXPIRED_API_KEY, { expiresAt: now - 60 * 60 * 1000 }],
		]),
		workspaceIds: new Set([TEST_WORKSPACE_ID]),
	};
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const ownsFilesDir = !options.filesDir;
	const filesDir = options.filesDir ?? mkdtempSync(join(tmpdir(), 'claude-aws-emulator-'));
	const settings: Emulator['options'] = {
		port: options.port ?? 0,
		host: options.host ?? '127.0.0.1',
		region: options.region ?? TEST_REGION,
		latencyMs: options.latencyMs ?? 0,
		batchProcessingMs: options.batchProcessingMs ?? 300,
		sessionRunMs: options.sessionRunMs ?? 100,
		quiet: options.quiet ?? true,
		filesDir,
	};
	const router = createRouter();
	const faults = new FaultStore();
	const timers = new Set<NodeJS.Timeout>();
	const closeHooks: Array<() => void | Promise<void>> = [];
	let limiter: GatewayRateLimiter | null = null;
	let clockSkewMs = 0;
	let closed = false;

	/** A delay that the emulator's close() cancels, so no timer outlives it. */
	function sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	}

	// Requests being answered right now: tests assert concurrency from this, never from elapsed time.
	let inFlight = 0;
	const server = createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!settings.quiet) console.error('[emulator] handler crashed', error);
			if (!res.headersSent) writeError(res, 500, 'api_error', 'Internal server error', String(res.getHeader('request-id') ?? ''));
			else res.destroy();
		});
	});

	const emulator: Emulator = {
		url: '',
		port: 0,
		region: settings.region,
		options: settings,
		received: [],
		clearReceived() {
			emulator.received.length = 0;
			emulator.concurrency.highWater = inFlight;
		},
		concurrency: { highWater: 0 },
		faults: {
			inject: (rule) => faults.inject(rule),
			clear: () => faults.clear(),
		},
		setLatency(ms) {
			settings.latencyMs = ms;
		},
		setClockSkew(ms) {
			clockSkewMs = ms;
		},
		now() {
			return Date.now() + clockSkewMs;
		},
		setRateLimit(limit) {
			limiter = limit ? new GatewayRateLimiter(limit) : null;
		},
		identities: defaultIdentities(),
		state: {},
		onClose(hook) {
			closeHooks.push(hook);
		},
		async close() {
			if (closed) return;
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const hook of closeHooks) await hook();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			if (ownsFilesDir) rmSync(filesDir, { recursive: true, force: true });
		},
	};

	registerAll(router, emulator);

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAt = Date.now();
		const requestId = newRequestId();
		res.setHeader('request-id', requestId);
		const method = (req.method ?? 'GET').toUpperCase();
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const path = q < 0 ? url : url.slice(0, q);
		const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
		if (!settings.quiet) {
			res.on('finish', () => console.log(`[emulator] ${method} ${url} -> ${res.statusCode} (${Date.now() - startedAt} ms)`));
		}

		const match = router.match(method, path);
		if (!match) {
			req.resume();
			writeError(res, 404, 'not_found_error', `Not found: ${method} ${path}`, requestId);
			return;
		}
		const { route } = match;
		const record = recordOf(req, method, path, query);
		emulator.received.push(record);
		inFlight++;
		emulator.concurrency.highWater = Math.max(emulator.concurrency.highWater, inFlight);
		res.once('close', () => inFlight--);
		res.on('finish', () => {
			record.status = res.statusCode;
		});

		const fail = (error: EmulatorHttpError) => {
			record.errorType = error.errorType;
			writeError(res, error.status, error.errorType, error.message, requestId, error.headers, error.details);
		};

		let body: Buffer = Buffer.alloc(0);
		if (route.options.streamBody) {
			countStreamedBytes(req, record);
		} else {
			const buffered = await readBody(req, route.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
			if (buffered === 'too_large') {
				return fail(new EmulatorHttpError(413, 'request_too_large', defaultErrorMessage('request_too_large'), { connection: 'close' }));
			}
			if (buffered === 'aborted') return;
			body = buffered;
			record.bodyBytes = body.length;
			record.json = parseJsonBody(req, body);
		}

		const fault = faults.take(method, path, route.options.streamBody ? undefined : body);
		record.fault = fault?.type;
		await sleep(settings.latencyMs + (fault?.type === 'latency' ? fault.ms : 0));
		if (closed || res.destroyed) return;
		if (fault && applyConnectionFault(fault, req, res, requestId, record)) return;

		try {
			if (!route.options.noAuth) {
				const outcome = authenticate(req, route.options.streamBody ? undefined : body, emulator);
				record.auth = outcome.auth;
				record.principal = outcome.principal;
				checkAnthropicHeaders(req, route.options, emulator);
				// The gateway names the workspace that served the request; the SDK reads it (withResponse().workspace_id, APIError.workspaceID).
				res.setHeader('anthropic-workspace-id', String(req.headers['anthropic-workspace-id']));
			}
			const admission = limiter?.admit(limiter.countsTokens ? messageTokenCosts(path, record.json) : { inputTokens: 0, outputTokens: 0 });
			if (admission && admission.waitMs > 0) {
				throw new EmulatorHttpError(429, 'rate_limit_error', defaultErrorMessage('rate_limit_error'), {
					...admission.headers,
					'retry-after': String(retryAfterSeconds(admission.waitMs)),
				});
			}
			for (const [name, value] of Object.entries(admission?.headers ?? {})) res.setHeader(name, value);
			const ctx = createContext({
				req,
				res,
				emulator,
				requestId,
				path,
				params: match.params,
				query,
				body,
				record,
				streamFault: fault?.type === 'cutStream' || fault?.type === 'sseError' ? fault : undefined,
			});
			await route.handler(ctx);
		} catch (error) {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			if (error instanceof EmulatorHttpError) return fail(error);
			if (!settings.quiet) console.error('[emulator] handler error', error);
			return fail(new EmulatorHttpError(500, 'api_error', `Internal server error: ${(error as Error).message}`));
		}
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(settings.port, settings.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	emulator.port = address.port;
	settings.port = address.port;
	const hostForUrl = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
	emulator.url = `http://${hostForUrl}:${address.port}`;
	return emulator;
}

/**
 * Faults that replace the whole response. Returns true when the request is done.
 * cutStream/sseError/latency fall through: they shape a normal response.
 */
function applyConnectionFault(
	fault: Fault,
	req: IncomingMessage,
	res: ServerResponse,
	requestId: string,
	record: ReceivedRequest,
): boolean {
	switch (fault.type) {
		case 'reset':
			req.socket.destroy();
			return true;
		case 'resetMidBody':
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{"id":"msg_01EmulatorPartialBody","type":"message","role":"assistant","content":[{"type":"text","text":"Hel', () =>
				req.socket.destroy(),
			);
			return true;
		case 'hang':
			// Never answer; close() or the client's own timeout ends the socket.
			return true;
		case 'malformedJson': {
			const text = '{"id": "msg_';
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
			res.end(text);
			return true;
		}
		case 'status': {
			const type = errorTypeForStatus(fault.status);
			const text =
				fault.rawBody ?? JSON.stringify(fault.body ?? errorBody(type, defaultErrorMessage(type), requestId));
			if (fault.status >= 400) record.errorType = type;
			res.writeHead(fault.status, {
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(text)),
				...fault.headers,
			});
			res.end(text);
			return true;
		}
		default:
			return false;
	}
}

function recordOf(req: IncomingMessage, method: string, path: string, query: URLSearchParams): ReceivedRequest {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const claimed = claimedAuth(req);
	return {
		method,
		path,
		query: Object.fromEntries(query),
		headers,
		bodyBytes: 0,
		auth: claimed.auth,
		principal: claimed.principal,
		at: Date.now(),
		remotePort: req.socket.remotePort,
	};
}

/** Buffers the body; past maxBytes it stops keeping data but drains the rest so the client still reads the 413. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large' | 'aborted'> {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		req.resume();
		return Promise.resolve('too_large');
	}
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) tooLarge = true;
			if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
		req.on('aborted', () => resolve('aborted'));
		req.on('error', () => resolve('aborted'));
	});
}

function parseJsonBody(req: IncomingMessage, body: Buffer): unknown {
	if (!body.length || !/json/i.test(req.headers['content-type'] ?? 'application/json')) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Counts the bytes of a streamed upload without consuming it: read() emits 'data' in every mode
 * (flowing, paused, async iteration), so wrapping emit sees each chunk the handler gets.
 */
function countStreamedBytes(req: IncomingMessage, record: ReceivedRequest): void {
	const emit = req.emit.bind(req);
	req.emit = ((event: string | symbol, ...args: unknown[]) => {
		if (event === 'data' && Buffer.isBuffer(args[0])) record.bodyBytes += args[0].length;
		return emit(event, ...args);
	}) as typeof req.emit;
}

export type { RouteMatch };

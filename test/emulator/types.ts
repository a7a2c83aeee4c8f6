/**
 * Contracts shared by the emulator's core (server, auth, faults) and its resource modules.
 * A resource module exports `register(router: Router, emulator: Emulator): void` and keeps its own
 * in-memory store on the emulator's `state` bag under its own key.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimitSettings } from './rateLimit';

export interface EmulatorOptions {
	/** Port to listen on (0 = any free port). */
	port?: number;
	/** Host to bind (default 127.0.0.1). */
	host?: string;
	/** Region the gateway pretends to serve; the SigV4 scope must name it. */
	region?: string;
	/** Latency added to every response before its first byte, in ms. */
	latencyMs?: number;
	/** How long a message batch stays in_progress before it ends, in ms (default 300). */
	batchProcessingMs?: number;
	/** How long a session stays running before it goes idle, in ms (default 100). */
	sessionRunMs?: number;
	/** Folder for uploaded files (default: a fresh temp dir, removed on close). */
	filesDir?: string;
	/** Silence the request log (default true in tests). */
	quiet?: boolean;
}

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** Parsed JSON body when the request had a JSON body, else undefined. */
	json?: any;
	/** Body size in bytes (for streamed uploads: bytes received). */
	bodyBytes: number;
	/** How the request authenticated ('none' for noAuth routes or requests without credentials). */
	auth: 'sigv4' | 'bearer' | 'x-api-key' | 'none';
	/** The access key ID or a short label of the bearer key (never a secret). */
	principal: string;
	at: number;
	/** Status the emulator answered with (set when the response finished; undefined if the socket was cut). */
	status?: number;
	/** Error type of an error response (e.g. 'permission_error'). */
	errorType?: string;
	/** The injected fault this request got, if any. */
	fault?: Fault['type'];
	/** The client's port: tells its connections apart (a kept-alive one is reused, a fresh one is not). */
	remotePort?: number;
}

export type Fault =
	| { type: 'status'; status: number; body?: unknown; rawBody?: string; headers?: Record<string, string> }
	/** Destroy the socket before sending anything. */
	| { type: 'reset' }
	/** Send the status line, headers and part of the body, then destroy the socket. */
	| { type: 'resetMidBody' }
	/** Delay the response by ms, then serve normally. */
	| { type: 'latency'; ms: number }
	/** Never answer (the client's timeout must fire). */
	| { type: 'hang' }
	/** Serve a 200 with a body that is not valid JSON. */
	| { type: 'malformedJson' }
	/** For SSE and streamed responses: stop after N events/chunks and destroy the socket. */
	| { type: 'cutStream'; afterEvents?: number }
	/** For SSE responses: after N events (default 1), send an `error` event (default overloaded_error) and end. */
	| { type: 'sseError'; afterEvents?: number; errorType?: string; message?: string };

export interface FaultRule {
	method?: string;
	/** Exact path or a RegExp tested against the path (no query). */
	path?: string | RegExp;
	/** How many matching requests get the fault (default 1; with `probability`, default unlimited). */
	times?: number;
	/**
	 * Fire for this share (0..1) of matching requests instead of every one. The draw is a seeded hash of
	 * the request (method, path, buffered body) and of how many times that same request came before, so
	 * a retry draws anew and a run is reproducible whatever order concurrent requests arrive in.
	 */
	probability?: number;
	/** Seed of the probabilistic draw (default 0). */
	seed?: number;
	fault: Fault;
}

export interface SseWriter {
	/** Writes `event: name\ndata: JSON\n\n`. Resolves when flushed. */
	event(name: string, data: unknown): void;
	comment(text: string): void;
	end(): void;
}

export interface RouteContext {
	method: string;
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** Buffered body; empty for routes registered with { streamBody: true }. */
	body: Buffer;
	/** Parses the body as JSON or throws EmulatorHttpError 400 invalid_request_error. */
	json<T = any>(): T;
	req: IncomingMessage;
	res: ServerResponse;
	emulator: Emulator;
	requestId: string;
	/** Sends a JSON response with request-id header. */
	send(status: number, body: unknown, headers?: Record<string, string>): void;
	/** Starts an SSE response (200, text/event-stream); honours an injected cutStream fault. */
	sse(): SseWriter;
	/** Start a raw streamed response (e.g. file content, JSONL); honours cutStream (after N chunks). */
	stream(status: number, headers: Record<string, string>): NodeJS.WritableStream & { cutAfter?: number };
}

export type RouteHandler = (ctx: RouteContext) => void | Promise<void>;

export interface RouteOptions {
	/** Don't buffer the body: the handler reads ctx.req itself (multipart uploads). SigV4 must then be UNSIGNED-PAYLOAD. */
	streamBody?: boolean;
	/** The route is part of the Managed Agents beta: requests without the beta header get 400. */
	beta?: string;
	/** No auth (e.g. STS emulation, which has its own). */
	noAuth?: boolean;
	/** Largest accepted body in bytes before 413 request_too_large (default 256 MB; Messages use 32 MB). */
	maxBodyBytes?: number;
}

export interface Router {
	/** Pattern like '/v1/files/:file_id/content'. */
	add(method: string, pattern: string, handler: RouteHandler, options?: RouteOptions): void;
}

export class EmulatorHttpError extends Error {
	constructor(
		public status: number,
		public errorType: string,
		message: string,
		public headers: Record<string, string> = {},
		/**
		 * `error.details` of the envelope: `{error_code}` names the cause, and the SDK turns each
		 * `<status> <error_code>` it knows into its own error class (e.g. FileNotDownloadableError).
		 */
		public details?: { error_code: string } & Record<string, unknown>,
	) {
		super(message);
	}
}

export interface Emulator {
	url: string;
	port: number;
	region: string;
	options: Required<Omit<EmulatorOptions, 'filesDir'>> & { filesDir: string };
	/** Every request that passed routing (authenticated or not), newest last. */
	received: ReceivedRequest[];
	/** Also resets `concurrency.highWater` to the requests still in flight. */
	clearReceived(): void;
	/** The most requests (that passed routing) answered at the same time since the last clearReceived. */
	concurrency: { highWater: number };
	faults: {
		inject(rule: FaultRule): void;
		clear(): void;
	};
	setLatency(ms: number): void;
	/**
	 * Moves the gateway's clock by ms (positive: the gateway is ahead of the client). The SigV4 date
	 * check (still +-5 minutes) and key expiry use it, so a client whose clock is off can be tested.
	 */
	setClockSkew(ms: number): void;
	/** The gateway's clock: Date.now() plus the clock skew. */
	now(): number;
	/**
	 * Token-bucket rate limits for the whole gateway (null = off): requests per second and/or tokens per
	 * minute, 429 rate_limit_error with retry-after, anthropic-ratelimit-* headers unless headers: false.
	 */
	setRateLimit(limit: RateLimitSettings | null): void;
	/** Credentials the gateway accepts (mutable by tests, e.g. to add STS keys or expire a key). */
	identities: {
		accessKeys: Map<string, { secretAccessKey: string; sessionToken?: string; expiresAt?: number }>;
		apiKeys: Map<string, { expiresAt: number }>;
		workspaceIds: Set<string>;
	};
	/** Per-resource stores, owned by resource modules. */
	state: Record<string, any>;
	/** Runs a clean-up (e.g. clear a resource module's timers) when the emulator closes. */
	onClose(hook: () => void | Promise<void>): void;
	close(): Promise<void>;
}

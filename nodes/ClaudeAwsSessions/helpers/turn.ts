/**
 * Follows one turn of a session until it ends, without ever missing an event or returning half of it.
 *
 * The event stream only carries events produced after the client attached, so the stream is opened
 * BEFORE the turn's input is sent. A session started with its first message (initial_events) may run
 * before we attach, so then the history is read right after attaching. A stream that breaks is opened
 * again, and the gap is filled from the history (`GET /events`), de-duplicated by event ID. The turn
 * ends with `session.status_idle` (any stop reason), `session.status_terminated` or `session.deleted`.
 */
import type { IncomingMessage } from 'node:http';
import { namingNotFound } from '../../api/resource';
import { SESSION, sessions, type SessionEvent } from '../../api/sessions';
import type { ClaudeAwsClient, StreamedResponse } from '../../transport/client';
import { ClaudeApiError, ClaudeConnectionError, ClaudeStreamError } from '../../transport/errors';
import { streamBrokeOff } from '../../transport/failures';
import { sleep } from '../../transport/sleep';
import { parseSse } from '../../transport/sse';
import { decodeSseEvent } from '../../transport/wireErrors';

export interface TurnClients {
	/** Ordinary requests (send, list). */
	api: ClaudeAwsClient;
	/**
	 * The long-lived event stream. A separate client, so an open stream never holds one of the request
	 * slots that the item's own send needs (with concurrency 1 that would wait forever).
	 */
	events: ClaudeAwsClient;
}

export interface FollowOptions {
	/** Wait limit for the whole turn. */
	waitMs: number;
	/** How many times a broken stream is opened again before giving up. */
	maxReconnects?: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	/** First pause before opening a broken stream again; doubles up to 1 s. */
	reconnectDelayMs?: number;
}

export interface TurnEnd {
	/** This turn's events in order, up to and including the one that ended it. */
	events: SessionEvent[];
	end: SessionEvent;
}

/** The wait limit passed; the session keeps running and can be picked up later. */
export class TurnTimeoutError extends Error {
	constructor(
		readonly sessionId: string,
		readonly waitMs: number,
	) {
		super(`Session ${sessionId} did not finish its turn within ${Math.round(waitMs / 1000)} seconds; it may still be running.`);
		this.name = 'TurnTimeoutError';
	}
}

const ENDS_TURN = new Set(['session.status_idle', 'session.status_terminated', 'session.deleted']);
/** Stream-only previews and keep-alives: not session events. */
const NOT_EVENTS = new Set(['ping', 'event_start', 'event_delta']);

export function endsTurn(event: SessionEvent): boolean {
	return ENDS_TURN.has(event.type);
}

export class TurnFollower {
	private observed: SessionEvent[] = [];
	private ids = new Set<string>();
	/** ID of the last event we sent; null when the turn is the whole history (session started with its message). */
	private anchorId: string | null | undefined;
	/** Whether the history has been read since the turn's input was sent (it is authoritative on order). */
	private verified = false;
	private connection: StreamedResponse | undefined;

	constructor(
		private readonly clients: TurnClients,
		readonly sessionId: string,
	) {}

	/**
	 * Attaches to the stream, then `send` (if given) sends the turn's input; without `send` the turn is
	 * the session's whole history (a session created with its first message).
	 */
	async follow(send: (() => Promise<SessionEvent[]>) | undefined, options: FollowOptions): Promise<TurnEnd> {
		const maxReconnects = options.maxReconnects ?? 5;
		const controller = new AbortController();
		const onCancel = () => controller.abort();
		options.signal?.addEventListener('abort', onCancel, { once: true });
		let timedOut = false;
		// The transport's sleep: a Wait Limit beyond Node's timer range (about 24.8 days) must not fire at once.
		const deadline = new AbortController();
		sleep(options.waitMs, deadline.signal).then(
			() => {
				timedOut = true;
				controller.abort();
			},
			() => undefined,
		);
		const signal = controller.signal;
		signal.addEventListener('abort', () => this.connection?.body.destroy(), { once: true });
		const stopped = (error: unknown): unknown => (timedOut ? new TurnTimeoutError(this.sessionId, options.waitMs) : error);

		try {
			let events: AsyncIterator<SessionEvent>;
			try {
				events = await this.attach(signal);
				if (send) {
					const sent = await send();
					this.anchorId = sent.length > 0 ? sent[sent.length - 1].id : undefined;
				} else {
					this.anchorId = null;
					await this.reconcile(signal);
				}
			} catch (error) {
				throw stopped(error);
			}

			let reconnects = 0;
			for (;;) {
				try {
					const done = this.ended();
					if (done === 'verify') {
						await this.reconcile(signal);
						continue;
					}
					if (done) return done;
					const next = await events.next();
					if (next.done) throw new ClaudeStreamError('The session event stream ended before the turn did.', this.streamPath());
					this.observe(next.value);
				} catch (error) {
					if (signal.aborted) throw stopped(error);
					if (!isPassing(error)) throw error;
					if (++reconnects > maxReconnects) {
						throw new ClaudeStreamError(
							`The event stream of session ${this.sessionId} broke off ${reconnects} times (last: ${(error as Error).message}); the turn was not returned, not even in part.`,
							this.streamPath(),
						);
					}
					try {
						this.close();
						await sleep(Math.min(1000, (options.reconnectDelayMs ?? 100) * 2 ** (reconnects - 1)), signal);
						events = await this.attach(signal);
						await this.reconcile(signal);
					} catch (reopenError) {
						if (signal.aborted) throw stopped(reopenError);
						if (!isPassing(reopenError)) throw reopenError;
						// Counted on the next round, which tries again.
						events = failing(reopenError);
					}
				}
			}
		} finally {
			deadline.abort();
			options.signal?.removeEventListener('abort', onCancel);
			this.close();
		}
	}

	/**
	 * Opened with stream(), not sse(): the connection must be up (its answer head in) before the input is
	 * sent, and sse() connects only when first read.
	 */
	private async attach(signal: AbortSignal): Promise<AsyncIterator<SessionEvent>> {
		try {
			this.connection = await this.clients.events.stream(sessions.events.streamRequest(this.sessionId, signal));
		} catch (error) {
			throw namingNotFound(error, SESSION, this.sessionId);
		}
		return readEvents(this.connection, this.streamPath())[Symbol.asyncIterator]();
	}

	private streamPath(): string {
		return sessions.events.streamRequest(this.sessionId).path;
	}

	private close(): void {
		this.connection?.body.destroy();
		this.connection = undefined;
	}

	private observe(event: SessionEvent): void {
		if (!event?.id || this.ids.has(event.id)) return;
		this.ids.add(event.id);
		this.observed.push(event);
	}

	/**
	 * This turn's events so far: those after our input's echo. Without the echo, everything seen since
	 * attaching, which was before the input was sent.
	 */
	private turnEvents(): SessionEvent[] | undefined {
		if (this.anchorId === undefined) return undefined;
		if (this.anchorId === null) return this.observed;
		const at = this.observed.findIndex((event) => event.id === this.anchorId);
		return at < 0 ? this.observed : this.observed.slice(at + 1);
	}

	/** The ended turn; 'verify' when an end arrived but our input was never seen, so its place is unsure. */
	private ended(): TurnEnd | 'verify' | undefined {
		const events = this.turnEvents();
		if (!events) return undefined;
		const at = events.findIndex(endsTurn);
		if (at < 0) return undefined;
		if (typeof this.anchorId === 'string' && !this.ids.has(this.anchorId) && !this.verified) return 'verify';
		return { events: events.slice(0, at + 1), end: events[at] };
	}

	/**
	 * Reads the whole history, which is authoritative on order, and keeps after it only the streamed
	 * events it does not hold yet (they are newer than the read).
	 */
	private async reconcile(signal: AbortSignal): Promise<void> {
		const history = await sessions.events.list(this.clients.api, this.sessionId, { returnAll: true, pageSize: 100 }, { order: 'asc' }, signal);
		const listed = new Set(history.map((event) => event.id));
		const newer = this.observed.filter((event) => !listed.has(event.id));
		this.observed = [];
		this.ids = new Set();
		for (const event of [...history, ...newer]) this.observe(event);
		if (this.anchorId !== undefined) this.verified = true;
	}
}

/** The session's events from the stream: the transport's decoder, so an `error` event maps as everywhere else. */
async function* readEvents(connection: StreamedResponse, path: string): AsyncGenerator<SessionEvent> {
	const context = { method: 'GET', path, requestId: connection.requestId, streamName: 'The session event stream' };
	try {
		for await (const message of parseSse(connection.body)) {
			if (NOT_EVENTS.has(message.event)) continue;
			const { data } = decodeSseEvent(message, context);
			if (data && typeof data === 'object' && typeof data.id === 'string') yield data as SessionEvent;
		}
	} catch (error) {
		if (error instanceof ClaudeApiError || error instanceof ClaudeStreamError) throw error;
		throw streamBrokeOff(error, connection.body as IncomingMessage, context);
	}
}

/** Failures worth opening the stream again for: cuts, connection errors, overload and server errors. */
function isPassing(error: unknown): boolean {
	if (error instanceof ClaudeStreamError || error instanceof ClaudeConnectionError) return true;
	if (error instanceof ClaudeApiError) return error.status >= 500 || error.status === 408 || error.status === 409 || error.status === 429;
	return false;
}

function failing(error: unknown): AsyncIterator<SessionEvent> {
	return { next: () => Promise.reject(error) };
}

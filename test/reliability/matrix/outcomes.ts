/**
 * # Fault matrix: the specified outcome of every cell
 *
 * R = retried and succeeded within the retry budget (Max Retries 2): the output is complete and correct,
 *     the faulted route was hit twice (once faulted, once served); a create made exactly one object.
 * S = survived without a retry of the request: the Sessions turn follower re-attaches to the event
 *     stream and fills the gap from the history, so the turn is whole.
 * E = a clear error, not retried (one request to the faulted route), no output at all (never a partial
 *     result). API errors: "<status> <type>: <API message> (item N)", the description holds the hint,
 *     "<METHOD> <path> answered <status> <type>." and "Request ID: req_…". Connection errors:
 *     "<METHOD> <path> failed: <cause> (<code>). (item N)" and a hint. Creates: nothing created.
 * E* = like E, but the request is a non-idempotent create (batch, file, session): it is not sent again
 *     because the gateway may have done it, and the hint says to check the list before running again.
 * –  = not applicable (reason in the table below and in the skipped test's name).
 *
 * Where faults land: Messages POST /v1/messages (streamed); Batches create POST /v1/messages/batches;
 * Batches results GET …/batches/{id}/results (JSONL, after GET …/batches/{id}); Files upload POST /v1/files
 * (streamed multipart); Files download GET /v1/files/{id}/content (after GET /v1/files/{id}); Sessions
 * POST /v1/sessions, except the SSE faults, which hit GET /v1/sessions/{id}/events/stream. Credential and
 * clock faults hit the node's first request (for results and download: the metadata GET, so 0 hits on
 * the content route). An extra row beyond the six resources: Sessions send message (POST
 * /v1/sessions/{id}/events, a non-idempotent event send: a repeat would be a second turn; its SSE faults hit
 * the event stream; credential faults hit the event stream, which is opened before the send).
 *
 * | fault                        | Messages | Batch create | Batch results | Files upload | Files download | Sessions | Session send |
 * |------------------------------|----------|--------------|---------------|--------------|----------------|----------|--------------|
 * | 429 with retry-after (1 s)   | R (waits)| R (waits)    | R (waits)     | R (waits)    | R (waits)      | R (waits)| R (waits)    |
 * | 529 overloaded               | R        | R            | R             | R            | R              | R        | R            |
 * | 500 internal error           | R        | E* (1)       | R             | E* (1)       | R              | E* (1)   | E* (1)       |
 * | 503 unavailable              | R        | R            | R             | R            | R              | R        | R            |
 * | reset before the response    | R        | E*           | R             | E*           | R              | E*       | E*           |
 * | reset mid-body               | E (2)    | E*           | E (2)         | E*           | E (2)          | E*       | E*           |
 * | request timeout (hang, 1 s)  | R        | E*           | R             | E*           | R              | E*       | E*           |
 * | SSE stream cut mid-way       | E (2)    | – (3)        | E (2)         | – (3)        | E (2)          | S        | S            |
 * | SSE error event mid-stream   | E (4)    | – (3)        | – (5)         | – (3)        | – (5)          | S        | S            |
 * | malformed JSON body          | E (6)    | E* (7)       | E             | E* (7)       | E (8)          | E* (7)   | E* (7)       |
 * | 401 expired short-term key   | E        | E            | E             | E            | E              | E        | E            |
 * | 403 bad signature            | E        | E            | E             | E            | E              | E        | E            |
 * | 403 clock skew (10 min)      | E        | E            | E             | E            | E              | E        | E            |
 *
 * (1) A 500 does not say whether the create was done, and the API has no idempotency key (checked in
 *     SDK 1.14.0), so the transport sends creates with idempotent: false: only answers that mean "not
 *     processed" (429, 503, 529, x-should-retry) and failures before any byte was sent are retried.
 * (2) Once the body of an answer has started, the transport cannot retry it without handing out part of
 *     it twice: the item fails with "incomplete, so nothing partial was returned. Run the item again."
 * (3) The create answers with one small JSON body: no stream to cut.
 * (4) An error event after the answer began is Claude's own overload, reported as 529 overloaded_error.
 * (5) JSONL and file content are not SSE: no error events (the cut of these streams is the row above).
 * (6) A JSON body where an event stream was asked for: no message_stop, so nothing is returned.
 * (7) 200 with an unreadable body: the create was most likely done, so it is not sent again; the hint says so.
 * (8) The content ends at its own Content-Length but is not the file's size_bytes: refused.
 */
import type { FaultId } from './faults';

export type Outcome =
	| { kind: 'retried'; attempts?: number; minMs?: number }
	| { kind: 'survived'; minAttempts: number }
	| {
			kind: 'error';
			/** The whole message, as a pattern (see exact()). */
			message: RegExp;
			/** Pieces the description must contain. */
			description: RegExp[];
			httpCode?: string;
			/** Requests to the faulted route (default 1: not retried). */
			attempts?: number;
	  }
	| { kind: 'na'; reason: string };

export type ResourceKey = 'messages' | 'batchCreate' | 'batchResults' | 'fileUpload' | 'fileDownload' | 'sessionStart' | 'sessionSend';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole-string pattern from literal pieces and patterns. */
export function exact(...parts: Array<string | RegExp>): RegExp {
	return new RegExp(`^${parts.map((part) => (typeof part === 'string' ? escape(part) : part.source)).join('')}$`);
}
const piece = (...parts: Array<string | RegExp>) => new RegExp(parts.map((part) => (typeof part === 'string' ? escape(part) : part.source)).join(''));

const REQUEST_ID = /Request ID: req_[0-9A-Za-z]+\./;
const AMZ_DATE = /\d{8}T\d{6}Z/;
const ID = /[A-Za-z0-9_]+/;
const AMBIGUOUS_HINT = 'The request may have reached the gateway, so it was not sent again to avoid creating a duplicate. Check the list of existing items before running it again.';
const INCOMPLETE_HINT = /The answer from \/\S+ was incomplete, so nothing partial was returned\. Run the item again\./;

interface Route {
	method: string;
	/** The path as errors show it. */
	path: string | RegExp;
	/** " (item 0)" for per-item operations, "" for Batches create (one request for all items). */
	item: string;
}

function apiError(route: Route, status: number, type: string, apiMessage: string | RegExp, hint: string, attempts = 1): Outcome {
	return {
		kind: 'error',
		message: exact(`${status} ${type}: `, apiMessage, route.item),
		description: [piece(hint), piece(`${route.method} `, route.path, ` answered ${status} ${type}.`), REQUEST_ID],
		httpCode: String(status),
		attempts,
	};
}

function connectionError(route: Route, cause: string | RegExp, code: string | RegExp, hint: string | RegExp, withRequestId = false): Outcome {
	return {
		kind: 'error',
		message: exact(`${route.method} `, route.path, ' failed: ', cause, ' (', code, ').', route.item),
		description: [typeof hint === 'string' ? piece(hint) : hint, ...(withRequestId ? [REQUEST_ID] : [])],
	};
}

const SIGNATURE_HINT = "The request signature was refused: check the access key, secret and session token, and that this host's clock is correct.";

/** 401/403 answers to the node's first request. */
function authCells(first: Route, attemptsOnTarget: number): Record<'expiredKey' | 'badSignature' | 'clockSkew', Outcome> {
	return {
		expiredKey: apiError(
			first,
			401,
			'authentication_error',
			'The API key has expired. Generate a new short-term API key.',
			'Authentication failed: a short-term API key may have expired (they live at most 12 hours). Mint a new one, or use AWS access keys.',
			attemptsOnTarget,
		),
		badSignature: apiError(
			first,
			403,
			'permission_error',
			'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
			SIGNATURE_HINT,
			attemptsOnTarget,
		),
		clockSkew: apiError(
			first,
			403,
			'permission_error',
			piece('Signature expired: ', AMZ_DATE, ' is now earlier than ', AMZ_DATE, ' (', AMZ_DATE, ' - 5 min.)'),
			SIGNATURE_HINT,
			attemptsOnTarget,
		),
	};
}

/** Cells of a non-idempotent create. */
function createCells(route: Route): Partial<Record<FaultId, Outcome>> {
	return {
		serverError: apiError(route, 500, 'api_error', 'Internal server error', 'The gateway had an internal error. Try again later.'),
		// A streamed upload may still be writing when the socket goes (the write fails), or have just finished (the read does): the same ambiguous outcome either way.
		resetBeforeResponse: connectionError(route, /(socket hang up|(read|write) ECONNRESET|write EPIPE)/, /(ECONNRESET|EPIPE)/, AMBIGUOUS_HINT),
		resetMidBody: connectionError(route, 'connection closed before the whole response arrived', 'ECONNRESET', AMBIGUOUS_HINT, true),
		timeout: connectionError(route, 'no answer within 1000 ms', 'ETIMEDOUT', AMBIGUOUS_HINT),
		malformedJson: apiError(
			route,
			200,
			'invalid_response',
			'The gateway answered with a body that is not valid JSON.',
			'The gateway accepted the request but its answer could not be read, so it was not sent again. If it creates something (a batch, file or session), check the list of existing items before running it again.',
		),
		sseCut: { kind: 'na', reason: 'the create answers with one small JSON body, there is no stream to cut' },
		sseErrorEvent: { kind: 'na', reason: 'the create answers with JSON, not server-sent events' },
	};
}

const retried: Outcome = { kind: 'retried' };
const waited: Outcome = { kind: 'retried', minMs: 900 };
const always = { rateLimited: waited, overloaded: retried, unavailable: retried };
const idempotentRetries = { ...always, serverError: retried, resetBeforeResponse: retried, timeout: retried };

const messagesRoute: Route = { method: 'POST', path: '/v1/messages', item: ' (item 0)' };
const batchCreateRoute: Route = { method: 'POST', path: '/v1/messages/batches', item: '' };
const batchRoute: Route = { method: 'GET', path: piece('/v1/messages/batches/', ID), item: ' (item 0)' };
const fileUploadRoute: Route = { method: 'POST', path: '/v1/files', item: ' (item 0)' };
const fileRoute: Route = { method: 'GET', path: piece('/v1/files/', ID), item: ' (item 0)' };
const sessionsRoute: Route = { method: 'POST', path: '/v1/sessions', item: ' (item 0)' };
const sessionEventsRoute: Route = { method: 'POST', path: piece('/v1/sessions/', ID, '/events'), item: ' (item 0)' };

export const OUTCOMES: Record<ResourceKey, Record<FaultId, Outcome>> = {
	messages: {
		...idempotentRetries,
		resetMidBody: { kind: 'error', message: exact('The event stream broke off: aborted. (item 0)'), description: [INCOMPLETE_HINT, REQUEST_ID] },
		sseCut: { kind: 'error', message: exact('The event stream broke off: aborted. (item 0)'), description: [INCOMPLETE_HINT, REQUEST_ID] },
		sseErrorEvent: apiError(messagesRoute, 529, 'overloaded_error', 'Overloaded', 'Claude is overloaded right now. Try again later.'),
		malformedJson: {
			kind: 'error',
			message: exact('The event stream ended before it was complete; the partial answer was discarded. (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		...authCells(messagesRoute, 1),
	},
	batchCreate: {
		...always,
		...(createCells(batchCreateRoute) as Record<FaultId, Outcome>),
		...authCells(batchCreateRoute, 1),
	},
	batchResults: {
		...idempotentRetries,
		resetMidBody: {
			kind: 'error',
			message: exact('The results of batch ', ID, ' could not be read completely: aborted after 0 of 40 lines (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		sseCut: {
			kind: 'error',
			message: exact('The results of batch ', ID, ' could not be read completely: ', /(aborted|the download was cut) after \d+ of 40 lines/, ' (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		sseErrorEvent: { kind: 'na', reason: 'results are JSON Lines, not server-sent events (a cut of that stream is the row above)' },
		malformedJson: {
			kind: 'error',
			message: exact('The results of batch ', ID, ' could not be read completely: line 1 is not valid JSON (the download may have been cut) after 0 of 40 lines (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		...authCells(batchRoute, 0),
	},
	fileUpload: {
		...always,
		...(createCells(fileUploadRoute) as Record<FaultId, Outcome>),
		// The upload may still be streaming when the socket goes: then the write fails before any answer.
		resetMidBody: connectionError(fileUploadRoute, /(connection closed before the whole response arrived|socket hang up|write ECONNRESET|write EPIPE)/, /(ECONNRESET|EPIPE)/, AMBIGUOUS_HINT),
		...authCells(fileUploadRoute, 1),
	},
	fileDownload: {
		...idempotentRetries,
		resetMidBody: {
			kind: 'error',
			message: exact('The download of file ', ID, ' broke off after ', /\d+/, ' bytes: aborted. (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		sseCut: {
			kind: 'error',
			message: exact('The download of file ', ID, ' ', /(broke off after \d+ bytes: aborted\.|ended after \d+ of 262144 bytes\.)/, ' (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		sseErrorEvent: { kind: 'na', reason: 'file content is a byte stream, not server-sent events (a cut of that stream is the row above)' },
		malformedJson: {
			kind: 'error',
			message: exact('The download of file ', ID, ' ended after 12 of 262144 bytes. (item 0)'),
			description: [INCOMPLETE_HINT, REQUEST_ID],
		},
		...authCells(fileRoute, 0),
	},
	sessionStart: {
		...always,
		...(createCells(sessionsRoute) as Record<FaultId, Outcome>),
		sseCut: { kind: 'survived', minAttempts: 2 },
		sseErrorEvent: { kind: 'survived', minAttempts: 2 },
		...authCells(sessionsRoute, 1),
	},
	sessionSend: {
		...always,
		...(createCells(sessionEventsRoute) as Record<FaultId, Outcome>),
		sseCut: { kind: 'survived', minAttempts: 2 },
		sseErrorEvent: { kind: 'survived', minAttempts: 2 },
		// The follower attaches to the event stream before it sends: that GET is the first request refused.
		...authCells({ method: 'GET', path: piece('/v1/sessions/', ID, '/events/stream'), item: ' (item 0)' }, 0),
	},
};

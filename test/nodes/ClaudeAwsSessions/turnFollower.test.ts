/** Following a turn without a network: the stream's `error` events map through the transport's one table. */
import { PassThrough } from 'node:stream';
import { TurnFollower, type TurnClients } from '../../../nodes/ClaudeAwsSessions/helpers/turn';
import { ClaudeApiError } from '../../../nodes/transport/errors';

const SESSION_ID = 'sesn_011Wait';

/** An events client whose stream stays open and silent (or says what `write` gives), and a history of `history`. */
function fakeClients(write?: string, history: unknown[] = []): TurnClients & { opened: () => number } {
	let opened = 0;
	const events = {
		stream: async () => {
			opened++;
			const body = new PassThrough();
			if (write) body.write(write);
			return { status: 200, headers: {}, requestId: 'req_stream', body };
		},
	};
	const api = { paginate: async () => history, request: async () => ({ id: SESSION_ID, usage: null }) };
	return { api: api as never, events: events as never, opened: () => opened };
}

describe('following a turn', () => {
	it('an SSE error event maps through the transport table: request_too_large is 413, not retried', async () => {
		const clients = fakeClients('event: error\ndata: {"type":"error","error":{"type":"request_too_large","message":"too big"},"request_id":"req_sse"}\n\n');
		const error = await new TurnFollower(clients, SESSION_ID).follow(undefined, { waitMs: 60_000 }).catch((e) => e);
		expect(error).toBeInstanceOf(ClaudeApiError);
		expect(error).toMatchObject({ status: 413, errorType: 'request_too_large', apiMessage: 'too big', requestId: 'req_sse', path: `/v1/sessions/${SESSION_ID}/events/stream` });
		expect(clients.opened()).toBe(1);
	});

	it('a turn already in the history (a session started with its message) ends without a stream event', async () => {
		const history = [
			{ id: 'sevt_1', type: 'user.message', content: [{ type: 'text', text: 'hi' }] },
			{ id: 'sevt_2', type: 'agent.message', content: [{ type: 'text', text: 'hello' }] },
			{ id: 'sevt_3', type: 'session.status_idle', stop_reason: { type: 'end_turn' } },
		];
		const turn = await new TurnFollower(fakeClients(undefined, history), SESSION_ID).follow(undefined, { waitMs: 60_000 });
		expect(turn.end.id).toBe('sevt_3');
		expect(turn.events.map((e) => e.id)).toEqual(['sevt_1', 'sevt_2', 'sevt_3']);
	});
});

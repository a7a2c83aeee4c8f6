/**
 * One turn, one output: the Agents node (after a wait) and the Session Trigger (on an idle event) shape
 * the same events into the same fields. The trigger adds only what a poll knows (idle_event_id,
 * idled_at, session).
 */
import type { SessionEvent } from '../../nodes/api/sessions';
import { turnOutput } from '../../nodes/ClaudeAwsSessions/helpers/turnResult';
import { triggerItem, turnEndingAt } from '../../nodes/ClaudeAwsSessionTrigger/item';
import { textOf, turnItem } from '../../nodes/shared/sessionTurn';

const SESSION_ID = 'sesn_011Turn';
const USAGE = { input_tokens: 120, output_tokens: 30, active_seconds: 1.5 };
const at = (second: number) => `2026-05-01T10:00:${String(second).padStart(2, '0')}.000Z`;
let seq = 0;
const event = (type: string, fields: Record<string, unknown> = {}): SessionEvent => ({ id: `sevt_${++seq}`, type, processed_at: at(seq), ...fields });
const text = (value: string) => [{ type: 'text', text: value }];

/** A session's history: an earlier turn, then our input and the turn it started. */
function history(turn: (input: SessionEvent) => SessionEvent[]): { all: SessionEvent[]; input: SessionEvent; idle: SessionEvent } {
	const earlier = [event('user.message', { content: text('hi') }), event('agent.message', { content: text('old reply') }), event('session.status_idle', { stop_reason: { type: 'end_turn' } })];
	const input = event('user.message', { content: text('now') });
	const events = turn(input);
	return { all: [...earlier, input, ...events], input, idle: events[events.length - 1] };
}

/** A client whose only read is the session (for its usage). */
const client = { request: async () => ({ id: SESSION_ID, status: 'idle', usage: USAGE }) } as never;
const session = { id: SESSION_ID, status: 'idle', usage: USAGE, updated_at: at(59) };

async function bothPaths(all: SessionEvent[], input: SessionEvent, idle: SessionEvent, includeEvents: boolean) {
	// The Agents node's follower keeps the events after our input's echo, up to the end.
	const fromNode = await turnOutput(client, SESSION_ID, { events: all.slice(all.indexOf(input) + 1), end: idle }, { includeEvents });
	const { idle_event_id, idled_at, session: listed, ...fromTrigger } = triggerItem(session, idle, turnEndingAt([...all].reverse(), idle), includeEvents);
	expect({ idle_event_id, idled_at, listed }).toEqual({ idle_event_id: idle.id, idled_at: idle.processed_at, listed: session });
	return { fromNode, fromTrigger };
}

describe('session turn output', () => {
	const cases: Array<[string, (input: SessionEvent) => SessionEvent[]]> = [
		[
			'end of turn with two messages',
			() => [
				event('session.status_running'),
				event('agent.message', { content: text('first') }),
				event('agent.thinking'),
				event('agent.message', { content: [...text('second'), { type: 'image' }, ...text(' part')] }),
				event('session.status_idle', { stop_reason: { type: 'end_turn' } }),
			],
		],
		[
			'requires action: a custom tool and an MCP tool waiting',
			() => {
				const custom = event('agent.custom_tool_use', { name: 'lookup_order', input: { order_id: '7' } });
				const mcp = event('agent.mcp_tool_use', { name: 'search', input: { q: 'x' }, mcp_server_name: 'docs' });
				return [
					event('agent.message', { content: text('checking') }),
					custom,
					mcp,
					event('session.status_idle', { stop_reason: { type: 'requires_action', event_ids: [custom.id, mcp.id, 'sevt_unknown'] }, stop_details: { why: 'tools' } }),
				];
			},
		],
		[
			'a usage snapshot and a retried error in the turn',
			() => [
				event('session.error', { error: { type: 'overloaded_error', message: 'busy', retry_status: { type: 'retrying' } } }),
				event('agent.message', { content: 'plain string content' }),
				event('session.usage', { usage: { input_tokens: 5, output_tokens: 6 } }),
				event('session.status_idle', { stop_reason: { type: 'budget_reached' } }),
			],
		],
	];

	it.each(cases)('%s: the same fields from the Agents node and the Session Trigger', async (_name, turn) => {
		const { all, input, idle } = history(turn);
		for (const includeEvents of [false, true]) {
			const { fromNode, fromTrigger } = await bothPaths(all, input, idle, includeEvents);
			expect(fromTrigger).toEqual(fromNode);
			expect(Object.keys(fromTrigger).sort()).toEqual(Object.keys(fromNode).sort());
		}
	});

	it('shapes the reply, pending tool uses and usage as workflows read them', async () => {
		const { all, input, idle } = history(cases[1][1]);
		const { fromNode } = await bothPaths(all, input, idle, false);
		expect(fromNode).toEqual({
			session_id: SESSION_ID,
			status: 'idle',
			stop_reason: 'requires_action',
			reply: 'checking',
			pending_tool_uses: [
				{ id: expect.any(String), type: 'agent.custom_tool_use', name: 'lookup_order', input: { order_id: '7' }, answer_with: 'sendToolResult' },
				{ id: expect.any(String), type: 'agent.mcp_tool_use', name: 'search', input: { q: 'x' }, mcp_server_name: 'docs', answer_with: 'confirmToolUse' },
				{ id: 'sevt_unknown' },
			],
			stop_details: { why: 'tools' },
			usage: USAGE,
		});
	});

	it('a usage snapshot in the turn wins over the session read', async () => {
		const { all, input, idle } = history(cases[2][1]);
		const { fromNode } = await bothPaths(all, input, idle, false);
		expect(fromNode.usage).toEqual({ input_tokens: 5, output_tokens: 6 });
		expect(fromNode.reply).toBe('plain string content');
		expect(fromNode.errors).toEqual([{ type: 'overloaded_error', message: 'busy', retry_status: { type: 'retrying' } }]);
	});

	it('without the turn read (Include Reply off) only what the idle event and session say', () => {
		const idle = event('session.status_idle', { stop_reason: { type: 'requires_action', event_ids: ['sevt_x'] } });
		expect(turnItem({ sessionId: SESSION_ID, end: idle, sessionUsage: USAGE })).toEqual({ session_id: SESSION_ID, status: 'idle', stop_reason: 'requires_action', usage: USAGE });
	});

	it('a terminated session has no stop reason', () => {
		expect(turnItem({ sessionId: SESSION_ID, end: event('session.status_terminated'), events: [] })).toMatchObject({ status: 'terminated', stop_reason: null, reply: '' });
	});

	it('text of content: text blocks joined, strings as they are, anything else empty', () => {
		expect(textOf([...text('a'), { type: 'tool_use' }, ...text('b')])).toBe('ab');
		expect(textOf('s')).toBe('s');
		expect(textOf(undefined)).toBe('');
	});
});

/** Start Session and Send Message with Wait for Reply, over real HTTP against the emulator. */
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_CUSTOM_TOOL_NAME, SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 40 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.clearReceived();
	emulator.faults.clear();
	emulator.options.sessionRunMs = 40;
});

const start = (extra: Record<string, unknown> = {}) => ({
	resource: 'session',
	operation: 'start',
	agent: byId(SEED_RESEARCH_AGENT_ID),
	environment: byId(SEED_ENVIRONMENT_ID),
	message: '={{ $json.text }}',
	...extra,
});

describe('Start session', () => {
	it('creates the session with its first message and returns the agent reply of that turn', async () => {
		const result = await runSessions(emulator, start({ additionalFields: { title: 'Ticket 42', metadata: { entries: [{ key: 'ticket', value: '42' }] }, budgetUsd: 2.5 } }), {
			input: [{ text: 'Where is my parcel?' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		const out = result.json[0];
		expect(out).toMatchObject({
			status: 'idle',
			stop_reason: 'end_turn',
			reply: 'Agent reply: Where is my parcel?',
			usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
		});
		expect(out.session_id).toMatch(/^sesn_/);
		expect(out.events).toBeUndefined();
		expect(result.items[0][0].pairedItem).toEqual({ item: 0 });

		const create = wire(emulator, /^\/v1\/sessions$/).find((r) => r.method === 'POST')!;
		expect(create.headers['anthropic-beta']).toBe('managed-agents-2026-04-01');
		expect(create.json).toEqual({
			agent: SEED_RESEARCH_AGENT_ID,
			environment_id: SEED_ENVIRONMENT_ID,
			initial_events: [{ type: 'user.message', content: [{ type: 'text', text: 'Where is my parcel?' }] }],
			title: 'Ticket 42',
			metadata: { ticket: '42' },
			budget: { type: 'limit', max_list_cost: { amount: '250', currency: 'USD' } },
		});
		// Every Managed Agents call carried the beta flag.
		expect(wire(emulator).every((r) => r.headers['anthropic-beta'] === 'managed-agents-2026-04-01')).toBe(true);
	});

	it('pins the agent version, mounts files and returns the events of the turn on request', async () => {
		const a = emulator.state.files.addFile('a.pdf', 'application/pdf', 'A');
		const b = emulator.state.files.addFile('b.txt', 'text/plain', 'B');
		const result = await runSessions(emulator, start({ additionalFields: { agentVersion: 1, fileIds: `${a.id}, ${b.id}` }, options: { includeEvents: true } }), {
			input: [{ text: 'hi' }],
		});
		expect(result.error).toBeUndefined();
		const create = wire(emulator, /^\/v1\/sessions$/).find((r) => r.method === 'POST')!;
		expect(create.json.agent).toEqual({ type: 'agent', id: SEED_RESEARCH_AGENT_ID, version: 1 });
		expect(create.json.resources).toEqual([
			{ type: 'file', file_id: a.id },
			{ type: 'file', file_id: b.id },
		]);
		const types = (result.json[0].events as any[]).map((e) => e.type);
		expect(types).toEqual(['user.message', 'session.status_running', 'agent.message', 'session.status_idle']);
	});

	it('without Wait for Reply returns the created session at once', async () => {
		const result = await runSessions(emulator, start({ waitForReply: false }), { input: [{ text: 'later' }] });
		expect(result.json[0]).toMatchObject({ type: 'session', session_id: expect.stringMatching(/^sesn_/), id: result.json[0].session_id });
		expect(wire(emulator, /events/)).toHaveLength(0);
	});

	it('runs several items at once, each with its own reply', async () => {
		const result = await runSessions(emulator, start(), { input: [{ text: 'one' }, { text: 'two' }, { text: 'three' }] });
		expect(result.json.map((j) => j.reply)).toEqual(['Agent reply: one', 'Agent reply: two', 'Agent reply: three']);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('works with concurrency 1 (the open stream does not starve the item of request slots)', async () => {
		const result = await runSessions(emulator, start({ options: { concurrency: 1 } }), { input: [{ text: 'a' }, { text: 'b' }] });
		expect(result.error).toBeUndefined();
		expect(result.json.map((j) => j.reply)).toEqual(['Agent reply: a', 'Agent reply: b']);
	});
});

describe('Send message', () => {
	it('attaches to the stream before sending, and returns only this turn', async () => {
		const first = await runSessions(emulator, start(), { input: [{ text: 'first' }] });
		const sessionId = first.json[0].session_id as string;
		emulator.clearReceived();
		const second = await runSessions(
			emulator,
			{ resource: 'session', operation: 'sendMessage', sessionId: byId('={{ $json.session_id }}'), message: 'second', options: { includeEvents: true } },
			{ input: [{ session_id: sessionId }] },
		);
		expect(second.error).toBeUndefined();
		expect(second.json[0]).toMatchObject({ session_id: sessionId, reply: 'Agent reply: second', stop_reason: 'end_turn' });
		expect((second.json[0].events as any[]).map((e) => e.type)).toEqual(['session.status_running', 'agent.message', 'session.status_idle']);
		const order = wire(emulator).map((r) => `${r.method} ${r.path}`);
		expect(order.indexOf(`GET /v1/sessions/${sessionId}/events/stream`)).toBeLessThan(order.indexOf(`POST /v1/sessions/${sessionId}/events`));
		expect(wire(emulator, /\/events$/).find((r) => r.method === 'POST')!.json).toEqual({
			events: [{ type: 'user.message', content: [{ type: 'text', text: 'second' }] }],
		});
	});

	it('resumes a cut stream and fills the gap from the event history: the full reply, never a part', async () => {
		const first = await runSessions(emulator, start(), { input: [{ text: 'first' }] });
		const sessionId = first.json[0].session_id as string;
		emulator.options.sessionRunMs = 150;
		// The first stream breaks right after the echo of our message, the second after one more event.
		emulator.faults.inject({ method: 'GET', path: `/v1/sessions/${sessionId}/events/stream`, times: 2, fault: { type: 'cutStream', afterEvents: 1 } });
		const result = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId(sessionId), message: 'cut me', options: { includeEvents: true } });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ reply: 'Agent reply: cut me', stop_reason: 'end_turn', status: 'idle' });
		expect((result.json[0].events as any[]).map((e) => e.type)).toEqual(['session.status_running', 'agent.message', 'session.status_idle']);
		const streams = wire(emulator, /\/events\/stream$/);
		expect(streams.length).toBeGreaterThanOrEqual(2);
		expect(streams.filter((r) => r.fault === 'cutStream')).toHaveLength(2);
		expect(wire(emulator, /\/events$/).some((r) => r.method === 'GET')).toBe(true);
	});

	it('reports a stream that keeps breaking (and a history it cannot read) as an error, with nothing partial', async () => {
		const first = await runSessions(emulator, start(), { input: [{ text: 'first' }] });
		const sessionId = first.json[0].session_id as string;
		emulator.options.sessionRunMs = 2000;
		emulator.faults.inject({ method: 'GET', path: `/v1/sessions/${sessionId}/events/stream`, times: 50, fault: { type: 'cutStream', afterEvents: 1 } });
		emulator.faults.inject({ method: 'GET', path: `/v1/sessions/${sessionId}/events`, times: 50, fault: { type: 'status', status: 503 } });
		const result = await runSessions(
			emulator,
			{ resource: 'session', operation: 'sendMessage', sessionId: byId(sessionId), message: 'doomed', options: { maxRetries: 0 } },
			{ continueOnFail: true },
		);
		expect(result.json).toHaveLength(1);
		expect(result.json[0].reply).toBeUndefined();
		expect(String(result.json[0].error)).toContain(`event stream of session ${sessionId} broke off`);
		expect(String(result.json[0].error)).toContain('not even in part');
	});

	it('fails with the session ID when the wait limit passes, and leaves the session running', async () => {
		const first = await runSessions(emulator, start(), { input: [{ text: 'first' }] });
		const sessionId = first.json[0].session_id as string;
		emulator.options.sessionRunMs = 3000;
		const result = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId(sessionId), message: 'slow', options: { waitSeconds: 1 } });
		expect(result.error?.message).toContain(`Session ${sessionId} did not finish its turn within 1 seconds`);
		expect((result.error as any).description).toContain(`Session ID: ${sessionId}`);
		// Still running when the item failed: the node gave up at its limit, it did not wait for the turn.
		expect(emulator.state.sessions.get(sessionId).session.status).toBe('running');
	});
});

describe('Custom tool round trip', () => {
	it('stops with requires_action and the pending tool use, then takes the tool result and returns the final reply', async () => {
		const started = await runSessions(
			emulator,
			{ ...start(), agent: byId(SEED_SUPPORT_AGENT_ID) },
			{ input: [{ text: `please ${SEED_CUSTOM_TOOL_NAME} for order 7` }] },
		);
		expect(started.error).toBeUndefined();
		const out = started.json[0];
		expect(out).toMatchObject({ status: 'idle', stop_reason: 'requires_action', reply: '' });
		const pending = out.pending_tool_uses as any[];
		expect(pending).toHaveLength(1);
		expect(pending[0]).toMatchObject({ type: 'agent.custom_tool_use', name: SEED_CUSTOM_TOOL_NAME, answer_with: 'sendToolResult', id: expect.stringMatching(/^sevt_/) });

		const answered = await runSessions(
			emulator,
			{
				resource: 'session',
				operation: 'sendToolResult',
				sessionId: byId('={{ $json.session_id }}'),
				toolUseId: '={{ $json.pending_tool_uses[0].id }}',
				result: '{"status":"shipped"}',
			},
			{ input: [out] },
		);
		expect(answered.error).toBeUndefined();
		expect(answered.json[0]).toMatchObject({ session_id: out.session_id, stop_reason: 'end_turn', reply: 'Agent reply: tool said {"status":"shipped"}' });
		const sent = wire(emulator, /\/events$/).filter((r) => r.method === 'POST').pop()!;
		expect(sent.json).toEqual({
			events: [{ type: 'user.custom_tool_result', custom_tool_use_id: pending[0].id, content: [{ type: 'text', text: '{"status":"shipped"}' }] }],
		});
	});

	it('sends a tool confirmation in the SDK shape', async () => {
		const first = await runSessions(emulator, start(), { input: [{ text: 'first' }] });
		const result = await runSessions(emulator, {
			resource: 'session',
			operation: 'confirmToolUse',
			sessionId: byId(first.json[0].session_id as string),
			toolUseId: 'sevt_01PendingToolUse',
			decision: 'deny',
			denyMessage: 'not today',
			waitForReply: false,
		});
		expect(result.error).toBeUndefined();
		const sent = wire(emulator, /\/events$/).filter((r) => r.method === 'POST').pop()!;
		expect(sent.json).toEqual({ events: [{ type: 'user.tool_confirmation', tool_use_id: 'sevt_01PendingToolUse', result: 'deny', deny_message: 'not today' }] });
		expect(result.json[0].sent_events).toEqual([expect.objectContaining({ type: 'user.tool_confirmation' })]);
	});
});

describe('Turns that end badly', () => {
	it('a stream refused after the session was created fails the item with the session ID in its description', async () => {
		emulator.faults.inject({ method: 'GET', path: /^\/v1\/sessions\/[^/]+\/events\/stream$/, fault: { type: 'status', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'not allowed to stream' } } } });
		const result = await runSessions(emulator, start(), { input: [{ text: 'hello' }], continueOnFail: true });
		const created = wire(emulator, /^\/v1\/sessions$/).find((r) => r.method === 'POST')!;
		expect(created.status).toBe(200);
		expect(String(result.json[0].error)).toContain('403 permission_error: not allowed to stream');
		expect(String(result.json[0].errorDescription)).toMatch(/Session ID: sesn_\S+\.$/);
	});

	it('a session.error with exhausted retries fails the item with the session ID', async () => {
		const result = await runSessions(emulator, start(), { input: [{ text: 'please [[error]]' }], continueOnFail: true });
		expect(String(result.json[0].error)).toMatch(/The agent's turn in session sesn_\S+ failed: The emulated agent failed/);
		expect(result.json[0].errorDescription).toContain('Session ID: sesn_');
	});

	it('a terminated session is returned with status terminated', async () => {
		const result = await runSessions(emulator, start(), { input: [{ text: 'bye [[terminate]]' }] });
		expect(result.json[0]).toMatchObject({ status: 'terminated', stop_reason: null });
	});
});

/** Session management (get, list, list events, interrupt, archive, delete), agents and environments, and bad input. */
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { byId, runSessions, until, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 30 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.clearReceived();
	emulator.faults.clear();
	emulator.options.sessionRunMs = 30;
});

async function startSession(text: string, agent = SEED_RESEARCH_AGENT_ID, wait = true): Promise<string> {
	const result = await runSessions(emulator, {
		resource: 'session',
		operation: 'start',
		agent: byId(agent),
		environment: byId(SEED_ENVIRONMENT_ID),
		message: text,
		waitForReply: wait,
	});
	if (result.error) throw result.error;
	return result.json[0].session_id as string;
}

describe('Session management', () => {
	it('gets a session and says which one when it does not exist', async () => {
		const id = await startSession('get me');
		const got = await runSessions(emulator, { resource: 'session', operation: 'get', sessionId: byId(id) });
		expect(got.json[0]).toMatchObject({ session_id: id, id, status: 'idle', usage: { output_tokens: expect.any(Number) } });

		const missing = await runSessions(emulator, { resource: 'session', operation: 'get', sessionId: byId('sesn_01Missing') });
		expect(missing.error?.message).toContain("session 'sesn_01Missing' not found");
		expect(missing.error?.message).toContain('404');
	});

	it('lists sessions by status and agent, with Limit and with Return All across pages', async () => {
		const a = await startSession('one', SEED_SUPPORT_AGENT_ID);
		const b = await startSession('two', SEED_SUPPORT_AGENT_ID);
		emulator.clearReceived();
		const limited = await runSessions(emulator, { resource: 'session', operation: 'list', limit: 1, filters: { agentId: SEED_SUPPORT_AGENT_ID, statuses: ['idle'] } });
		expect(limited.json).toHaveLength(1);
		expect(limited.json[0].id).toBe(b);
		const query = wire(emulator, /^\/v1\/sessions$/)[0].query;
		expect(query).toMatchObject({ agent_id: SEED_SUPPORT_AGENT_ID, limit: '1' });
		expect(emulator.received[0].path).toBe('/v1/sessions');

		const all = await runSessions(emulator, { resource: 'session', operation: 'list', returnAll: true, filters: { agentId: SEED_SUPPORT_AGENT_ID } });
		expect(all.json.map((s) => s.id)).toEqual(expect.arrayContaining([a, b]));
		const none = await runSessions(emulator, { resource: 'session', operation: 'list', returnAll: true, filters: { agentId: SEED_SUPPORT_AGENT_ID, statuses: ['terminated'] } });
		expect(none.json).toEqual([]);
	});

	it('lists events in pages (Return All follows next_page) and filters by type', async () => {
		const id = await startSession('events please');
		emulator.clearReceived();
		const all = await runSessions(emulator, { resource: 'session', operation: 'listEvents', sessionId: byId(id), returnAll: true });
		expect(all.json.map((e) => e.type)).toEqual(['user.message', 'session.status_running', 'agent.message', 'session.status_idle']);
		const two = await runSessions(emulator, { resource: 'session', operation: 'listEvents', sessionId: byId(id), limit: 2, filters: { order: 'desc' } });
		expect(two.json.map((e) => e.type)).toEqual(['session.status_idle', 'agent.message']);
		const typed = await runSessions(emulator, { resource: 'session', operation: 'listEvents', sessionId: byId(id), returnAll: true, filters: { types: 'agent.message' } });
		expect(typed.json).toEqual([expect.objectContaining({ type: 'agent.message', session_id: id, content: [{ type: 'text', text: 'Agent reply: events please' }] })]);
	});

	it('interrupts a running session', async () => {
		emulator.options.sessionRunMs = 5000;
		const id = await startSession('long job', SEED_RESEARCH_AGENT_ID, false);
		expect(emulator.state.sessions.get(id).session.status).toBe('running');
		const result = await runSessions(emulator, { resource: 'session', operation: 'interrupt', sessionId: byId(id) });
		expect(result.json[0]).toMatchObject({ session_id: id, sent_events: [expect.objectContaining({ type: 'user.interrupt' })] });
		expect(emulator.state.sessions.get(id).session.status).toBe('idle');
	});

	it('archives a session; sending to it then says it is archived', async () => {
		const id = await startSession('archive me');
		const archived = await runSessions(emulator, { resource: 'session', operation: 'archive', sessionId: byId(id) });
		expect(archived.json[0].archived_at).toEqual(expect.any(String));
		const sent = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId(id), message: 'hello?' });
		expect(sent.error?.message).toBe(`Session ${id} is archived; it accepts no more events (item 0)`);
	});

	it('sending to a terminated session says it is terminated', async () => {
		const id = await startSession('end [[terminate]]');
		const sent = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId(id), message: 'hello?' });
		expect(sent.error?.message).toBe(`Session ${id} is terminated; it accepts no more events (item 0)`);
	});

	it('sending to an unknown session names it, before sending anything', async () => {
		const sent = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId('sesn_01Nobody'), message: 'hello?' });
		expect(sent.error?.message).toContain("session 'sesn_01Nobody' not found");
		expect(wire(emulator).filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('deletes a session', async () => {
		const id = await startSession('delete me');
		const deleted = await runSessions(emulator, { resource: 'session', operation: 'delete', sessionId: byId(id) });
		expect(deleted.json[0]).toMatchObject({ session_id: id, deleted: true, type: 'session_deleted' });
		expect(emulator.state.sessions.byId.has(id)).toBe(false);
	});
});

describe('Agents', () => {
	it('creates from fields, gets (also a pinned version), lists and archives', async () => {
		const created = await runSessions(emulator, {
			resource: 'agent',
			operation: 'create',
			name: 'Triage',
			model: byId('claude-sonnet-4-6'),
			system: 'Sort tickets.',
			tools: '[{"type":"custom","name":"close_ticket","input_schema":{"type":"object"}}]',
			additionalFields: { description: 'Sorts', metadata: { entries: [{ key: 'team', value: 'ops' }] } },
		});
		expect(created.error).toBeUndefined();
		const agent = created.json[0];
		expect(wire(emulator, /^\/v1\/agents$/).find((r) => r.method === 'POST')!.json).toEqual({
			name: 'Triage',
			model: 'claude-sonnet-4-6',
			system: 'Sort tickets.',
			tools: [{ type: 'custom', name: 'close_ticket', input_schema: { type: 'object' } }],
			description: 'Sorts',
			metadata: { team: 'ops' },
		});
		expect(agent).toMatchObject({ type: 'agent', name: 'Triage', version: 1 });

		const got = await runSessions(emulator, { resource: 'agent', operation: 'get', agentId: byId(agent.id as string), version: 1 });
		expect(got.json[0]).toMatchObject({ id: agent.id, version: 1 });
		expect(wire(emulator, /^\/v1\/agents\/agent_/).pop()!.query).toEqual({ version: '1' });

		const listed = await runSessions(emulator, { resource: 'agent', operation: 'list', returnAll: true });
		expect(listed.json.map((a) => a.id)).toEqual(expect.arrayContaining([agent.id, SEED_SUPPORT_AGENT_ID]));

		const archived = await runSessions(emulator, { resource: 'agent', operation: 'archive', agentId: byId(agent.id as string) });
		expect(archived.json[0].archived_at).toEqual(expect.any(String));
		const after = await runSessions(emulator, { resource: 'agent', operation: 'list', returnAll: true });
		expect(after.json.some((a) => a.id === agent.id)).toBe(false);
	});

	it('creates from JSON for power users', async () => {
		const created = await runSessions(emulator, {
			resource: 'agent',
			operation: 'create',
			definition: 'json',
			body: '{"name":"Raw","model":{"id":"claude-opus-4-6","speed":"standard"},"tools":[{"type":"agent_toolset_20260401"}]}',
		});
		expect(created.error).toBeUndefined();
		expect(created.json[0]).toMatchObject({ name: 'Raw', model: { id: 'claude-opus-4-6' } });
	});

	it('refuses malformed JSON, a missing name and an empty model before any request', async () => {
		const bad = await runSessions(emulator, { resource: 'agent', operation: 'create', name: 'X', model: byId('claude-sonnet-4-6'), tools: '[{"type":' });
		expect(bad.error?.message).toMatch(/^Tools \(JSON\): is not valid JSON .*\(item 0\)$/);
		const notArray = await runSessions(emulator, { resource: 'agent', operation: 'create', name: 'X', model: byId('claude-sonnet-4-6'), tools: '{"type":"custom"}' });
		expect(notArray.error?.message).toBe('Tools (JSON): must be a JSON array (item 0)');
		const noName = await runSessions(emulator, { resource: 'agent', operation: 'create', definition: 'json', body: '{"model":"claude-sonnet-4-6"}' });
		expect(noName.error?.message).toBe('Agent (JSON): needs a "name" (item 0)');
		// An empty required field is caught by n8n itself; an expression that comes out empty by the node.
		const noModel = await runSessions(emulator, { resource: 'agent', operation: 'create', name: 'X', model: byId('={{ $json.model }}') }, { input: [{ model: '' }] });
		expect(noModel.error?.message).toBe('Model: no model ID was given (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});

	it('names a missing agent', async () => {
		const got = await runSessions(emulator, { resource: 'agent', operation: 'get', agentId: byId('agent_01Missing') });
		expect(got.error?.message).toContain("agent 'agent_01Missing' not found");
	});
});

describe('Environments', () => {
	it('creates with a JSON config, gets, lists and archives', async () => {
		const created = await runSessions(emulator, {
			resource: 'environment',
			operation: 'create',
			name: 'data',
			config: '{"type":"cloud","packages":{"pip":["pandas"]}}',
			description: 'Pandas box',
		});
		expect(created.error).toBeUndefined();
		const env = created.json[0];
		expect(env).toMatchObject({ name: 'data', description: 'Pandas box', config: { type: 'cloud', packages: { pip: ['pandas'] } } });
		const got = await runSessions(emulator, { resource: 'environment', operation: 'get', environmentId: byId(env.id as string) });
		expect(got.json[0].id).toBe(env.id);
		const listed = await runSessions(emulator, { resource: 'environment', operation: 'list', limit: 100 });
		expect(listed.json.map((e) => e.id)).toEqual(expect.arrayContaining([env.id, SEED_ENVIRONMENT_ID]));
		const archived = await runSessions(emulator, { resource: 'environment', operation: 'archive', environmentId: byId(env.id as string) });
		expect(archived.json[0].archived_at).toEqual(expect.any(String));
		const withArchived = await runSessions(emulator, { resource: 'environment', operation: 'list', returnAll: true, includeArchived: true });
		expect(withArchived.json.some((e) => e.id === env.id)).toBe(true);
	});

	it('refuses a malformed config before any request', async () => {
		const bad = await runSessions(emulator, { resource: 'environment', operation: 'create', name: 'x', config: '{"type": cloud}' });
		expect(bad.error?.message).toMatch(/^Config \(JSON\): is not valid JSON/);
		const empty = await runSessions(emulator, { resource: 'environment', operation: 'create', name: '  ', config: '' });
		expect(empty.error?.message).toBe('Name: is empty (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});
});

describe('Bad input is refused before any request', () => {
	it('missing agent, missing environment, empty message, bad file IDs: each names the parameter and the item', async () => {
		const base = { resource: 'session', operation: 'start', agent: byId(SEED_RESEARCH_AGENT_ID), environment: byId(SEED_ENVIRONMENT_ID), message: '={{ $json.text }}' };
		// Required fields left empty are caught by n8n itself; expressions that come out empty by the node.
		const noAgent = await runSessions(emulator, { ...base, agent: byId('={{ $json.agent }}') }, { input: [{ text: 'x', agent: SEED_RESEARCH_AGENT_ID }, { text: 'x', agent: '' }] });
		expect(noAgent.error?.message).toBe('Agent: no agent ID was given (item 1)');
		const noEnv = await runSessions(emulator, { ...base, environment: byId('={{ $json.env }}') }, { input: [{ text: 'x' }] });
		expect(noEnv.error?.message).toBe('Environment: no environment ID was given (item 0)');
		const empty = await runSessions(emulator, base, { input: [{ text: 'fine' }, { text: '   ' }], continueOnFail: true });
		expect(empty.json[1].error).toBe('Message: is empty (item 1)');
		expect(empty.json[0].reply).toBe('Agent reply: fine');
		emulator.clearReceived();
		const badFiles = await runSessions(emulator, { ...base, additionalFields: { fileIds: 'file_1, ../etc' } }, { input: [{ text: 'x' }] });
		expect(badFiles.error?.message).toBe('File IDs: "../etc" is not a file ID (item 0)');
		const badMeta = await runSessions(
			emulator,
			{ ...base, additionalFields: { metadata: { entries: Array.from({ length: 17 }, (_, k) => ({ key: `k${k}`, value: 'v' })) } } },
			{ input: [{ text: 'x' }] },
		);
		expect(badMeta.error?.message).toBe('Metadata: has 17 keys; the API allows at most 16 (item 0)');
		const noSession = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId('={{ $json.session_id }}'), message: 'x' });
		expect(noSession.error?.message).toBe('Session: no session ID was given (item 0)');
		const noToolId = await runSessions(emulator, { resource: 'session', operation: 'sendToolResult', sessionId: byId('sesn_1'), toolUseId: '={{ $json.nothing }}' });
		expect(noToolId.error?.message).toBe('Tool Use ID: no tool use ID was given (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});

	it('a session status that changes under the node is still reported correctly after the wait', async () => {
		const id = await startSession('first');
		await until(() => (emulator.state.sessions.get(id).session.status === 'idle' ? true : undefined));
		const again = await runSessions(emulator, { resource: 'session', operation: 'sendMessage', sessionId: byId(id), message: 'second' });
		expect(again.json[0]).toMatchObject({ reply: 'Agent reply: second', status: 'idle' });
	});
});

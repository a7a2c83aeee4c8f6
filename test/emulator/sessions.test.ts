/** The emulator's Managed Agents resources over real HTTP: agents, environments, sessions, events and the event stream. */
import { startEmulator } from './server';
import type { Emulator } from './types';
import { agentsApi, eventually, openEventStream, signedRequest, MANAGED_AGENTS_HEADERS } from './signedTestClient';
import { SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID, SEED_CUSTOM_TOOL_NAME } from './resources/agents';
import { SEED_ENVIRONMENT_ID } from './resources/environments';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 30 });
});

afterAll(async () => {
	await emulator.close();
});

async function createSession(agent: unknown = SEED_RESEARCH_AGENT_ID, extra: Record<string, unknown> = {}) {
	const res = await agentsApi(emulator, 'POST', '/v1/sessions', { agent, environment_id: SEED_ENVIRONMENT_ID, ...extra });
	expect(res.status).toBe(200);
	return res.json;
}

function userMessage(text: string) {
	return { type: 'user.message', content: [{ type: 'text', text }] };
}

async function waitForStatus(sessionId: string, status: string) {
	return eventually(async () => {
		const res = await agentsApi(emulator, 'GET', `/v1/sessions/${sessionId}`);
		return res.json.status === status ? res.json : undefined;
	});
}

async function listEvents(sessionId: string, query = ''): Promise<any[]> {
	const res = await agentsApi(emulator, 'GET', `/v1/sessions/${sessionId}/events${query}`);
	expect(res.status).toBe(200);
	return res.json.data;
}

describe('agents', () => {
	it('lists the seeded agents and refuses calls without the beta header', async () => {
		const list = await agentsApi(emulator, 'GET', '/v1/agents');
		expect(list.status).toBe(200);
		expect(list.json.data.map((agent: any) => agent.id)).toEqual(expect.arrayContaining([SEED_SUPPORT_AGENT_ID, SEED_RESEARCH_AGENT_ID]));
		expect(list.json).toHaveProperty('next_page', null);

		const { 'anthropic-beta': _beta, ...withoutBeta } = MANAGED_AGENTS_HEADERS;
		const refused = await signedRequest(emulator, { method: 'GET', path: '/v1/agents', headers: withoutBeta });
		expect(refused.status).toBe(400);
		expect(refused.json.error.message).toContain('managed-agents-2026-04-01');
	});

	it('creates, updates (bumping the version), pages and archives an agent', async () => {
		const created = await agentsApi(emulator, 'POST', '/v1/agents', {
			name: 'Emulator test agent',
			model: 'claude-sonnet-4-6',
			tools: [{ type: 'custom', name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
			metadata: { team: 'qa' },
		});
		expect(created.status).toBe(200);
		const agent = created.json;
		expect(agent).toMatchObject({
			type: 'agent',
			version: 1,
			name: 'Emulator test agent',
			model: { id: 'claude-sonnet-4-6' },
			archived_at: null,
			metadata: { team: 'qa' },
			execution_identity: { type: 'service_account' },
		});
		expect(agent.id).toMatch(/^agent_01/);

		const unchanged = await agentsApi(emulator, 'POST', `/v1/agents/${agent.id}`, { name: 'Emulator test agent' });
		expect(unchanged.json.version).toBe(1);
		const updated = await agentsApi(emulator, 'POST', `/v1/agents/${agent.id}`, { system: 'Be brief.', version: 1 });
		expect(updated.json).toMatchObject({ version: 2, system: 'Be brief.' });
		const stale = await agentsApi(emulator, 'POST', `/v1/agents/${agent.id}`, { system: 'Other', version: 1 });
		expect(stale.status).toBe(409);

		const v1 = await agentsApi(emulator, 'GET', `/v1/agents/${agent.id}?version=1`);
		expect(v1.json.system).toBeNull();
		const versions = await agentsApi(emulator, 'GET', `/v1/agents/${agent.id}/versions`);
		expect(versions.json.data.map((a: any) => a.version)).toEqual([2, 1]);

		const firstPage = await agentsApi(emulator, 'GET', '/v1/agents?limit=1');
		expect(firstPage.json.data).toHaveLength(1);
		expect(firstPage.json.next_page).toEqual(expect.any(String));
		const secondPage = await agentsApi(emulator, 'GET', `/v1/agents?limit=1&page=${firstPage.json.next_page}`);
		expect(secondPage.json.data[0].id).not.toBe(firstPage.json.data[0].id);

		const archived = await agentsApi(emulator, 'POST', `/v1/agents/${agent.id}/archive`);
		expect(archived.json.archived_at).toEqual(expect.any(String));
		const listed = await agentsApi(emulator, 'GET', '/v1/agents?limit=100');
		expect(listed.json.data.some((a: any) => a.id === agent.id)).toBe(false);
		const withArchived = await agentsApi(emulator, 'GET', '/v1/agents?limit=100&include_archived=true');
		expect(withArchived.json.data.some((a: any) => a.id === agent.id)).toBe(true);

		const missing = await agentsApi(emulator, 'GET', '/v1/agents/agent_01DoesNotExist');
		expect(missing.status).toBe(404);
		expect(missing.json.error.message).toContain('agent_01DoesNotExist');
	});
});

describe('environments', () => {
	it('creates, updates, archives and deletes an environment', async () => {
		const created = await agentsApi(emulator, 'POST', '/v1/environments', { name: 'python', config: { type: 'cloud', packages: { pip: ['pandas'] } } });
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({
			type: 'environment',
			name: 'python',
			config: { type: 'cloud', networking: { type: 'unrestricted' }, packages: { pip: ['pandas'], npm: [] } },
		});
		const id = created.json.id;
		expect(id).toMatch(/^env_01/);

		const updated = await agentsApi(emulator, 'POST', `/v1/environments/${id}`, { description: 'data work', metadata: { a: '1' } });
		expect(updated.json).toMatchObject({ description: 'data work', metadata: { a: '1' } });
		const list = await agentsApi(emulator, 'GET', '/v1/environments');
		expect(list.json.data.map((e: any) => e.id)).toEqual(expect.arrayContaining([id, SEED_ENVIRONMENT_ID]));

		const archived = await agentsApi(emulator, 'POST', `/v1/environments/${id}/archive`);
		expect(archived.json.archived_at).toEqual(expect.any(String));
		const refusedSession = await agentsApi(emulator, 'POST', '/v1/sessions', { agent: SEED_RESEARCH_AGENT_ID, environment_id: id });
		expect(refusedSession.status).toBe(400);

		const deleted = await agentsApi(emulator, 'DELETE', `/v1/environments/${id}`);
		expect(deleted.json).toEqual({ id, type: 'environment_deleted' });
		expect((await agentsApi(emulator, 'GET', `/v1/environments/${id}`)).status).toBe(404);
	});
});

describe('sessions', () => {
	it('starts idle, runs on a user message and goes idle with the reply in the event list', async () => {
		const session = await createSession({ type: 'agent', id: SEED_RESEARCH_AGENT_ID, version: 1 }, { metadata: { ticket: '42' } });
		expect(session).toMatchObject({
			type: 'session',
			status: 'idle',
			environment_id: SEED_ENVIRONMENT_ID,
			agent: { type: 'agent', id: SEED_RESEARCH_AGENT_ID, version: 1 },
			metadata: { ticket: '42' },
			usage: { input_tokens: 0, output_tokens: 0 },
		});
		expect(session.id).toMatch(/^sesn_01/);

		const sent = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('hello there')] });
		expect(sent.status).toBe(200);
		expect(sent.json.data[0]).toMatchObject({ type: 'user.message', id: expect.stringMatching(/^sevt_01/), processed_at: expect.any(String) });
		expect((await agentsApi(emulator, 'GET', `/v1/sessions/${session.id}`)).json.status).toBe('running');

		const idle = await waitForStatus(session.id, 'idle');
		expect(idle.usage.input_tokens).toBeGreaterThan(0);
		expect(idle.usage.output_tokens).toBeGreaterThan(0);
		expect(idle.stats.active_seconds).toBeGreaterThan(0);

		const events = await listEvents(session.id);
		expect(events.map((e) => e.type)).toEqual(['user.message', 'session.status_running', 'agent.message', 'session.status_idle']);
		expect(events[2].content).toEqual([{ type: 'text', text: 'Agent reply: hello there' }]);
		expect(events[3]).toMatchObject({ stop_reason: { type: 'end_turn' }, stop_details: null });

		const onlyReplies = await listEvents(session.id, '?types[]=agent.message');
		expect(onlyReplies).toHaveLength(1);
		const newestFirst = await listEvents(session.id, '?order=desc&limit=2');
		expect(newestFirst.map((e) => e.type)).toEqual(['session.status_idle', 'agent.message']);

		// Usage accumulates over turns.
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('again')] });
		const second = await eventually(async () => {
			const res = await agentsApi(emulator, 'GET', `/v1/sessions/${session.id}`);
			return res.json.status === 'idle' && res.json.usage.output_tokens > idle.usage.output_tokens ? res.json : undefined;
		});
		expect(second.usage.input_tokens).toBeGreaterThan(idle.usage.input_tokens);
	});

	it('streams new events over SSE, with agent.message previews when asked', async () => {
		const session = await createSession();
		const stream = await openEventStream(emulator, `/v1/sessions/${session.id}/events/stream?event_deltas[]=agent.message`);
		expect(stream.status).toBe(200);
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('stream me')] });
		await stream.waitFor((e) => e.event === 'session.status_idle');
		stream.close();
		const names = stream.events.map((e) => e.event);
		expect(names).toEqual([
			'user.message',
			'session.status_running',
			'event_start',
			'event_delta',
			'event_delta',
			'agent.message',
			'session.status_idle',
		]);
		const message = stream.events.find((e) => e.event === 'agent.message')!;
		expect(message.data).toMatchObject({ type: 'agent.message', content: [{ type: 'text', text: 'Agent reply: stream me' }] });
		const deltas = stream.events.filter((e) => e.event === 'event_delta').map((e) => e.data.delta.content.text);
		expect(deltas.join('')).toBe('Agent reply: stream me');
		expect(stream.events[2].data).toEqual({ type: 'event_start', event: { type: 'agent.message', id: message.data.id } });
	});

	it('sends pings, honours cutStream and ends the stream when the session is deleted', async () => {
		const engine = emulator.state.sessions;
		engine.pingIntervalMs = 20;
		try {
			const session = await createSession();
			const pinged = await openEventStream(emulator, `/v1/sessions/${session.id}/events/stream`);
			await pinged.waitFor((e) => e.event === 'ping');
			const deleted = await agentsApi(emulator, 'DELETE', `/v1/sessions/${session.id}`);
			expect(deleted.json).toEqual({ id: session.id, type: 'session_deleted' });
			await pinged.waitFor((e) => e.event === 'session.deleted');
			expect(await pinged.ended).toEqual({ cut: false });
			expect((await agentsApi(emulator, 'GET', `/v1/sessions/${session.id}`)).status).toBe(404);
		} finally {
			engine.pingIntervalMs = 5000;
		}

		const session = await createSession();
		emulator.faults.inject({ path: `/v1/sessions/${session.id}/events/stream`, fault: { type: 'cutStream', afterEvents: 2 } });
		const cut = await openEventStream(emulator, `/v1/sessions/${session.id}/events/stream`);
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('cut me')] });
		expect(await cut.ended).toEqual({ cut: true });
		expect(cut.events.map((e) => e.event)).toEqual(['user.message', 'session.status_running']);
	});

	it('round-trips a custom tool call: requires_action, then the result resumes the agent', async () => {
		const session = await createSession(SEED_SUPPORT_AGENT_ID);
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, {
			events: [userMessage(`please ${SEED_CUSTOM_TOOL_NAME} for order 1234`)],
		});
		const idle = await eventually(async () => {
			const events = await listEvents(session.id);
			return events.find((e) => e.type === 'session.status_idle');
		});
		expect(idle.stop_reason.type).toBe('requires_action');
		const toolUse = (await listEvents(session.id)).find((e) => e.type === 'agent.custom_tool_use');
		expect(toolUse).toMatchObject({ name: SEED_CUSTOM_TOOL_NAME, input: expect.any(Object) });
		expect(idle.stop_reason.event_ids).toEqual([toolUse.id]);

		const wrongId = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, {
			events: [{ type: 'user.custom_tool_result', custom_tool_use_id: 'sevt_01Nope', content: [] }],
		});
		expect(wrongId.status).toBe(400);
		const blocked = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('hi')] });
		expect(blocked.status).toBe(400);
		expect(blocked.json.error.message).toContain(toolUse.id);

		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, {
			events: [{ type: 'user.custom_tool_result', custom_tool_use_id: toolUse.id, content: [{ type: 'text', text: 'shipped' }] }],
		});
		await waitForStatus(session.id, 'idle');
		const events = await eventually(async () => {
			const all = await listEvents(session.id);
			return all.filter((e) => e.type === 'session.status_idle').length === 2 ? all : undefined;
		});
		const reply = events.filter((e) => e.type === 'agent.message').pop();
		expect(reply.content[0].text).toBe('Agent reply: tool said shipped');
		expect(events[events.length - 1].stop_reason).toEqual({ type: 'end_turn' });
	});

	it('[[tool]] asks for a tool even when the agent has none of its own; initial_events start the run', async () => {
		const session = await createSession(SEED_RESEARCH_AGENT_ID, { initial_events: [userMessage('do it [[tool]]')] });
		expect(session.status).toBe('running');
		const toolUse = await eventually(async () => (await listEvents(session.id)).find((e) => e.type === 'agent.custom_tool_use'));
		expect(toolUse.name).toBe('emulator_tool');
	});

	it('answers messages that arrive while running one after another, then idles once', async () => {
		const session = await createSession();
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('one'), userMessage('two')] });
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('three')] });
		const events = await eventually(async () => {
			const all = await listEvents(session.id);
			return all.some((e) => e.type === 'session.status_idle') ? all : undefined;
		});
		expect(events.filter((e) => e.type === 'agent.message').map((e) => e.content[0].text)).toEqual([
			'Agent reply: one',
			'Agent reply: two',
			'Agent reply: three',
		]);
		expect(events.filter((e) => e.type === 'session.status_running')).toHaveLength(1);
		expect(events[events.length - 1].type).toBe('session.status_idle');
	});

	it('interrupts a running session', async () => {
		const session = await createSession();
		emulator.options.sessionRunMs = 2000;
		try {
			await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('long task')] });
			const interrupted = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [{ type: 'user.interrupt' }] });
			expect(interrupted.status).toBe(200);
		} finally {
			emulator.options.sessionRunMs = 30;
		}
		const state = await agentsApi(emulator, 'GET', `/v1/sessions/${session.id}`);
		expect(state.json.status).toBe('idle');
		const types = (await listEvents(session.id)).map((e) => e.type);
		expect(types).toEqual(['user.message', 'session.status_running', 'user.interrupt', 'session.status_idle']);
	});

	it('[[error]] emits session.error then idles; [[terminate]] terminates and further events are refused', async () => {
		const session = await createSession();
		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('[[error]]')] });
		const idle = await eventually(async () => (await listEvents(session.id)).find((e) => e.type === 'session.status_idle'));
		expect(idle.stop_reason.type).toBe('retries_exhausted');
		const error = (await listEvents(session.id)).find((e) => e.type === 'session.error');
		expect(error.error).toMatchObject({ type: 'unknown_error', retry_status: { type: 'exhausted' } });

		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('bye [[terminate]]')] });
		await waitForStatus(session.id, 'terminated');
		const refused = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('hello?')] });
		expect(refused.status).toBe(400);
		expect(refused.json.error.message).toContain('terminated');
	});

	it('archives, filters by status, updates and 404s', async () => {
		const session = await createSession();
		const updated = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}`, { title: 'Renamed', metadata: { k: 'v' } });
		expect(updated.json).toMatchObject({ title: 'Renamed', metadata: { k: 'v' } });
		expect((await listEvents(session.id)).map((e) => e.type)).toEqual(['session.updated']);

		const idleList = await agentsApi(emulator, 'GET', '/v1/sessions?statuses[]=idle&limit=100');
		expect(idleList.json.data.some((s: any) => s.id === session.id)).toBe(true);
		expect(idleList.json.data.every((s: any) => s.status === 'idle')).toBe(true);
		expect(idleList.json).toHaveProperty('prev_page', null);
		const terminatedList = await agentsApi(emulator, 'GET', '/v1/sessions?statuses[]=terminated&limit=100');
		expect(terminatedList.json.data.some((s: any) => s.id === session.id)).toBe(false);

		const archived = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/archive`);
		expect(archived.json.archived_at).toEqual(expect.any(String));
		const refused = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/events`, { events: [userMessage('hi')] });
		expect(refused.status).toBe(400);
		expect(refused.json.error.message).toContain('archived');
		const listed = await agentsApi(emulator, 'GET', '/v1/sessions?limit=100');
		expect(listed.json.data.some((s: any) => s.id === session.id)).toBe(false);

		const missing = await agentsApi(emulator, 'GET', '/v1/sessions/sesn_01Missing');
		expect(missing.status).toBe(404);
		expect(missing.json.error.message).toContain('sesn_01Missing');
		const missingEvents = await agentsApi(emulator, 'POST', '/v1/sessions/sesn_01Missing/events', { events: [userMessage('x')] });
		expect(missingEvents.status).toBe(404);
	});

	it('mounts file resources and refuses unknown files', async () => {
		const file = emulator.state.files.addFile('notes.txt', 'text/plain', 'hello');
		const session = await createSession(SEED_RESEARCH_AGENT_ID, { resources: [{ type: 'file', file_id: file.id }] });
		expect(session.resources).toEqual([
			expect.objectContaining({ type: 'file', file_id: file.id, mount_path: `/mnt/session/uploads/${file.id}`, id: expect.any(String) }),
		]);
		const refused = await agentsApi(emulator, 'POST', '/v1/sessions', {
			agent: SEED_RESEARCH_AGENT_ID,
			environment_id: SEED_ENVIRONMENT_ID,
			resources: [{ type: 'file', file_id: 'file_01Missing' }],
		});
		expect(refused.status).toBe(404);
	});
});

describe('session resources', () => {
	it('adds only files, hides repository tokens, refuses changes once the session is archived', async () => {
		const file = emulator.state.files.addFile('mount.txt', 'text/plain', 'mounted');
		const session = await createSession(SEED_RESEARCH_AGENT_ID, {
			resources: [{ type: 'github_repository', url: 'https://github.com/example/tools.git', authorization_token: 'ghp_secretToken' }],
		});
		const [repo] = session.resources;
		expect(repo).toMatchObject({ type: 'github_repository', mount_path: '/workspace/tools' });

		const notFile = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/resources`, { type: 'github_repository', url: 'https://github.com/x/y' });
		expect(notFile.status).toBe(400);
		const added = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/resources`, { type: 'file', file_id: file.id });
		expect(added.json).toMatchObject({ type: 'file', file_id: file.id, mount_path: `/mnt/session/uploads/${file.id}` });
		const missingFile = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/resources`, { type: 'file', file_id: 'file_01Missing' });
		expect(missingFile.status).toBe(404);

		const tokenOnFile = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/resources/${added.json.id}`, { authorization_token: 't' });
		expect(tokenOnFile.status).toBe(400);
		const rotated = await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/resources/${repo.id}`, { authorization_token: 'ghp_newSecret' });
		expect(rotated.status).toBe(200);
		expect(JSON.stringify(rotated.json)).not.toContain('ghp_newSecret');

		const listed = await agentsApi(emulator, 'GET', `/v1/sessions/${session.id}/resources?limit=1`);
		expect(listed.json).toMatchObject({ data: [{ id: repo.id }], next_page: expect.any(String) });

		await agentsApi(emulator, 'POST', `/v1/sessions/${session.id}/archive`);
		const afterArchive = await agentsApi(emulator, 'DELETE', `/v1/sessions/${session.id}/resources/${added.json.id}`);
		expect(afterArchive.status).toBe(400);
		expect(afterArchive.json.error.message).toContain('archived');
		expect((await agentsApi(emulator, 'GET', `/v1/sessions/${session.id}/resources/sesrsc_01Missing`)).status).toBe(404);
	});
});

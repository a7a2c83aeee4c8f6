/** Thread: List, Get, Archive, List Events against the emulator, and the dropdown of a session's threads. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { searchThreads } from '../../../nodes/shared/methods/sessionListSearch';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_RESEARCH_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { accessKeyCredentials } from '../../helpers/credentials';
import { byId, runSessions, wire } from './helpers';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 20 });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => emulator.clearReceived());

async function delegatingSession(): Promise<string> {
	const started = await runSessions(emulator, { resource: 'session', operation: 'start', agent: byId(SEED_RESEARCH_AGENT_ID), environment: byId(SEED_ENVIRONMENT_ID), message: 'split the work [[subagent]]' });
	if (started.error) throw started.error;
	return started.json[0].session_id as string;
}

const op = (operation: string, extra: Record<string, unknown>) => runSessions(emulator, { resource: 'thread', operation, ...(extra as any) });

describe('Thread', () => {
	it('lists the primary and the delegated thread, filters by status, gets one and lists its events', async () => {
		const sessionId = await delegatingSession();
		const all = await op('list', { sessionId: byId(sessionId), returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.json).toHaveLength(2);
		const [primary, child] = all.json;
		expect(primary).toMatchObject({ type: 'session_thread', session_id: sessionId, parent_thread_id: null, status: 'idle', agent: { id: SEED_RESEARCH_AGENT_ID } });
		expect(child).toMatchObject({ parent_thread_id: primary.id, status: 'idle' });
		const limited = await op('list', { sessionId: byId(sessionId), limit: 1 });
		expect(limited.json.map((t) => t.id)).toEqual([primary.id]);
		const running = await op('list', { sessionId: byId(sessionId), returnAll: true, filters: { statuses: ['running'] } });
		expect(running.json).toEqual([]);
		expect(wire(emulator, /\/threads$/).pop()!.query).toMatchObject({ 'statuses[]': 'running' });

		const got = await op('get', { sessionId: byId(sessionId), threadId: byId(child.id as string) });
		expect(got.json[0]).toMatchObject({ id: child.id, parent_thread_id: primary.id });

		const events = await op('listEvents', { sessionId: byId(sessionId), threadId: byId(child.id as string), returnAll: true });
		expect(events.json.map((e) => e.type)).toEqual(['session.status_running', 'agent.message', 'session.status_idle']);
		expect(events.json[1]).toMatchObject({ session_id: sessionId, thread_id: child.id, content: [{ type: 'text', text: 'Subagent reply: split the work [[subagent]]' }] });
		const primaryEvents = await op('listEvents', { sessionId: byId(sessionId), threadId: byId(primary.id as string), limit: 2 });
		expect(primaryEvents.json.map((e) => e.type)).toEqual(['user.message', 'session.status_running']);
	});

	it('archives a delegated thread (still readable), refuses the primary, and an unknown thread is 404', async () => {
		const sessionId = await delegatingSession();
		const [primary, child] = (await op('list', { sessionId: byId(sessionId), returnAll: true })).json;
		const archived = await op('archive', { sessionId: byId(sessionId), threadId: byId(child.id as string) });
		expect(archived.json[0]).toMatchObject({ id: child.id, archived_at: expect.any(String) });
		const stillThere = await op('get', { sessionId: byId(sessionId), threadId: byId(child.id as string) });
		expect(stillThere.json[0].archived_at).toBe(archived.json[0].archived_at);
		const primaryArchive = await op('archive', { sessionId: byId(sessionId), threadId: byId(primary.id as string) });
		expect(primaryArchive.error?.message).toMatch(/400.*primary thread/);
		const missing = await op('listEvents', { sessionId: byId(sessionId), threadId: byId('sthr_01Missing'), returnAll: true });
		expect(missing.error?.message).toMatch(/404.*sthr_01Missing/);
		const deletedSession = await runSessions(emulator, { resource: 'session', operation: 'delete', sessionId: byId(sessionId) });
		expect(deletedSession.error).toBeUndefined();
		const afterDelete = await op('list', { sessionId: byId(sessionId), returnAll: true });
		expect(afterDelete.error?.message).toMatch(/404.*session/);
	});

	it('a bad thread or session ID fails before any request, naming the field and the item', async () => {
		const thread = await op('get', { sessionId: byId('sesn_01A'), threadId: byId('a b') });
		expect(thread.error?.message).toContain('Thread: "a b" is not a thread ID (item 0)');
		const session = await op('list', { sessionId: byId('.') });
		expect(session.error?.message).toContain('Session: "." is not a session ID (item 0)');
		expect(wire(emulator)).toHaveLength(0);
	});

	it('the dropdown lists the threads of the session picked', async () => {
		const sessionId = await delegatingSession();
		const context = {
			getCredentials: async () => accessKeyCredentials(emulator),
			getCurrentNodeParameter: () => sessionId,
			getNode: () => ({ id: 'n1', name: 'Agents', type: 'claudeAwsSessions', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { claudePlatformAwsApi: { id: 'c', name: 'c' } } }),
		} as unknown as ILoadOptionsFunctions;
		const found = await searchThreads.call(context);
		expect(found.results.map((r) => r.name)).toEqual([expect.stringMatching(/^Primary thread sthr_\w+ \(idle\)$/), expect.stringMatching(/^Thread sthr_\w+ \(idle\)$/)]);
		expect(emulator.received.at(-1)!.headers['anthropic-beta']).toContain('managed-agents-2026-04-01');
	});
});

/** The polling session trigger through n8n-core's PollTriggerExecutor: once per idle transition, state across polls. */
import type { IDataObject } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsSessionTrigger } from '../../../nodes/ClaudeAwsSessionTrigger/ClaudeAwsSessionTrigger.node';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { SEED_CUSTOM_TOOL_NAME, SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { agentsApi } from '../../emulator/signedTestClient';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runPoll, type PollResult } from '../../helpers/runNode';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 20 });
});
afterAll(async () => {
	await emulator.close();
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function poll(parameters: IDataObject, staticData?: IDataObject, mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
	return runPoll({
		node: ClaudeAwsSessionTrigger,
		parameters: parameters as never,
		credentials: { claudePlatformAwsApi: accessKeyCredentials(emulator) },
		credentialTypes: [ClaudePlatformAwsApi],
		staticData,
		mode,
	});
}

async function createSession(agent = SEED_RESEARCH_AGENT_ID, text?: string): Promise<string> {
	const body: IDataObject = { agent, environment_id: SEED_ENVIRONMENT_ID };
	if (text) body.initial_events = [{ type: 'user.message', content: [{ type: 'text', text }] }];
	const res = await agentsApi(emulator, 'POST', '/v1/sessions', body);
	return res.json.id;
}

async function sendAndSettle(sessionId: string, text: string): Promise<void> {
	await agentsApi(emulator, 'POST', `/v1/sessions/${sessionId}/events`, { events: [{ type: 'user.message', content: [{ type: 'text', text }] }] });
	await settle(sessionId);
}

async function settle(sessionId: string): Promise<void> {
	const deadline = Date.now() + 3000;
	while (emulator.state.sessions.get(sessionId).session.status !== 'idle') {
		if (Date.now() > deadline) throw new Error('session did not go idle');
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('Claude on AWS Session Trigger', () => {
	it('one session: first poll records only, then exactly one item per idle transition', async () => {
		const id = await createSession(SEED_RESEARCH_AGENT_ID, 'before watching');
		await settle(id);
		const params = { watch: 'session', sessionId: byId(id) };

		const first = await poll(params);
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();

		const quiet = await poll(params, first.staticData);
		expect(quiet.items).toBeNull();

		await sendAndSettle(id, 'hello');
		const emitted = await poll(params, quiet.staticData);
		expect(emitted.json).toEqual([
			expect.objectContaining({ session_id: id, status: 'idle', stop_reason: 'end_turn', reply: 'Agent reply: hello', idle_event_id: expect.stringMatching(/^sevt_/) }),
		]);

		const again = await poll(params, emitted.staticData);
		expect(again.items).toBeNull();

		// Two turns between polls are one observed transition, reported with the latest reply.
		await sendAndSettle(id, 'second');
		await sendAndSettle(id, 'third');
		const next = await poll(params, again.staticData);
		expect(next.json.map((j) => j.reply)).toEqual(['Agent reply: third']);
		expect((await poll(params, next.staticData)).items).toBeNull();
	});

	it('sessions of an agent: new sessions that go idle are emitted, with pending tool calls and a stop-reason filter', async () => {
		const params = { watch: 'sessions', agentId: byId(SEED_SUPPORT_AGENT_ID), stopReasons: ['requires_action'] };
		await createSession(SEED_SUPPORT_AGENT_ID, 'old one');
		const first = await poll(params);
		expect(first.items).toBeNull();

		const needsTool = await createSession(SEED_SUPPORT_AGENT_ID, `${SEED_CUSTOM_TOOL_NAME} 99`);
		const plain = await createSession(SEED_SUPPORT_AGENT_ID, 'just chatting');
		const otherAgent = await createSession(SEED_RESEARCH_AGENT_ID, `${SEED_CUSTOM_TOOL_NAME} elsewhere [[tool]]`);
		await Promise.all([settle(needsTool), settle(plain), settle(otherAgent)]);

		const second = await poll(params, first.staticData);
		expect(second.json).toHaveLength(1);
		expect(second.json[0]).toMatchObject({
			session_id: needsTool,
			stop_reason: 'requires_action',
			pending_tool_uses: [expect.objectContaining({ type: 'agent.custom_tool_use', name: SEED_CUSTOM_TOOL_NAME })],
		});
		expect((await poll(params, second.staticData)).items).toBeNull();
	});

	it('a changed setting starts over; manual mode shows the current state without touching the stored one', async () => {
		const id = await createSession(SEED_RESEARCH_AGENT_ID, 'manual');
		await settle(id);
		const manual = await poll({ watch: 'session', sessionId: byId(id) }, undefined, 'manual');
		expect(manual.json).toEqual([expect.objectContaining({ session_id: id, reply: 'Agent reply: manual' })]);
		expect(manual.staticData.claudeSessions).toBeUndefined();

		const watching = await poll({ watch: 'session', sessionId: byId(id) });
		expect(watching.items).toBeNull();
		const other = await createSession(SEED_RESEARCH_AGENT_ID, 'other');
		await settle(other);
		// Watching another session is a fresh start: its existing idle is recorded, not emitted.
		const switched = await poll({ watch: 'session', sessionId: byId(other) }, watching.staticData);
		expect(switched.items).toBeNull();
	});

	it('state stored by the earlier version is taken over: no repeat of the idle event it had seen, then one item per transition', async () => {
		const id = await createSession(SEED_RESEARCH_AGENT_ID, 'stored before the update');
		await settle(id);
		const record = emulator.state.sessions.get(id);
		const lastIdle = [...record.events].reverse().find((event: IDataObject) => event.type === 'session.status_idle');
		const legacy = {
			claudeSessions: {
				watchKey: `session:${id}`,
				startedAt: '2000-01-01T00:00:00.000Z',
				sessions: { [id]: { status: 'idle', updatedAt: record.session.updated_at, lastIdleEventId: lastIdle.id } },
			},
		};
		const params = { watch: 'session', sessionId: byId(id) };
		const taken = await poll(params, legacy);
		expect(taken.error).toBeUndefined();
		expect(taken.items).toBeNull();
		expect(taken.staticData.claudeSessions).toMatchObject({ version: 2, watchKey: `session:${id}` });

		await sendAndSettle(id, 'after the update');
		const emitted = await poll(params, taken.staticData);
		expect(emitted.json.map((j) => j.reply)).toEqual(['Agent reply: after the update']);
		expect((await poll(params, emitted.staticData)).items).toBeNull();
	});

	it('an unknown session fails the poll naming it', async () => {
		const result = await poll({ watch: 'session', sessionId: byId('sesn_01Gone') });
		expect(result.error?.message).toMatch(/^404 not_found_error: .*sesn_01Gone/);
	});

	it('an ID that would change the request path is refused before any request, naming the field', async () => {
		const before = emulator.received.length;
		const result = await poll({ watch: 'session', sessionId: byId('..') });
		expect(result.error?.message).toMatch(/^Session: "\.\." is not an ID/);
		expect(emulator.received.length).toBe(before);
	});
});

/**
 * Contract test for the Managed Agents routes the Agents node added (issue 18): the official SDK drives the
 * emulator and every answer is checked against the SDK's declared type. Agents: a stale version and an
 * archived agent refused; environments: update and delete; sessions: update, list filters, vault IDs and
 * memory store resources; events: images and documents, user.define_outcome, user.tool_result; threads.
 */
import { APIError } from '@anthropic-ai/sdk';
import type { Emulator } from '../emulator/types';
import { SEED_RESEARCH_AGENT_ID, SEED_SUPPORT_AGENT_ID } from '../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../emulator/resources/environments';
import { createShapeChecker, type SdkTypeName, type ShapeChecker } from './sdkShapes';
import { MANAGED_AGENTS_BETA, describeRequestProblems, requestsSince, settled, startContractEmulator, until, type Clients } from './harness';

let emulator: Emulator;
let clients: Clients;
let shapes: ShapeChecker;

beforeAll(async () => {
	shapes = createShapeChecker();
	({ emulator, clients } = await startContractEmulator({ sessionRunMs: 20 }));
});
afterAll(async () => {
	await emulator?.close();
});

const expectShape = (name: SdkTypeName, value: unknown) => expect(shapes.issues(name, value)).toEqual([]);
const beta = { beta: MANAGED_AGENTS_BETA, auth: 'sigv4' } as const;

async function accepted<T>(body: () => Promise<T>): Promise<T> {
	const mark = emulator.received.length;
	const result = await body();
	const records = await settled(requestsSince(emulator, mark));
	expect(records.length).toBeGreaterThan(0);
	expect(describeRequestProblems(records, beta)).toEqual([]);
	return result;
}

async function failure(promise: Promise<unknown>, status: number): Promise<APIError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(APIError);
	expect((error as APIError).status).toBe(status);
	return error as APIError;
}

const idle = (sessionId: string) =>
	until(
		() => clients.sigv4.beta.sessions.retrieve(sessionId),
		(session) => session.status === 'idle',
	);

describe('agents and environments', () => {
	it('an update from a stale version is a 409 and changes nothing; an archived agent refuses updates', async () => {
		const agent = await clients.sigv4.beta.agents.create({ name: 'Stale check', model: 'claude-sonnet-4-6' });
		const v2 = await accepted(() => clients.sigv4.beta.agents.update(agent.id, { version: 1, system: 'v2', skills: [{ type: 'anthropic', skill_id: 'xlsx' }] }));
		expectShape('Agent', v2);
		expect(v2.version).toBe(2);
		await failure(clients.sigv4.beta.agents.update(agent.id, { version: 1, system: 'lost update' }), 409);
		expect((await clients.sigv4.beta.agents.retrieve(agent.id)).system).toBe('v2');
		const atOne = await clients.sigv4.beta.agents.retrieve(agent.id, { version: 1 });
		expectShape('Agent', atOne);
		expect(atOne.system).toBeNull();
		await clients.sigv4.beta.agents.archive(agent.id);
		await failure(clients.sigv4.beta.agents.update(agent.id, { system: 'after archive' }), 400);
	});

	it('environments: update keeps what is left out; delete, then 404', async () => {
		const environment = await clients.sigv4.beta.environments.create({ name: 'Contract env', description: 'kept' });
		const updated = await accepted(() => clients.sigv4.beta.environments.update(environment.id, { name: 'Contract env 2' }));
		expectShape('Environment', updated);
		expect(updated).toMatchObject({ name: 'Contract env 2', description: 'kept' });
		const deleted = await accepted(() => clients.sigv4.beta.environments.delete(environment.id));
		expectShape('EnvironmentDeleteResponse', deleted);
		await failure(clients.sigv4.beta.environments.retrieve(environment.id), 404);
	});
});

describe('sessions', () => {
	it('created with vault IDs and a memory store, updated, and found by the list filters', async () => {
		const session = await accepted(() =>
			clients.sigv4.beta.sessions.create({
				agent: { type: 'agent', id: SEED_RESEARCH_AGENT_ID, version: 1 },
				environment_id: SEED_ENVIRONMENT_ID,
				vault_ids: ['vlt_01Contract'],
				resources: [{ type: 'memory_store', memory_store_id: 'memstore_01Contract', access: 'read_only', instructions: 'Notes.' }],
			}),
		);
		expectShape('Session', session);
		expect(session.vault_ids).toEqual(['vlt_01Contract']);
		const updated = await accepted(() => clients.sigv4.beta.sessions.update(session.id, { title: 'Renamed', metadata: { k: 'v' } }));
		expectShape('Session', updated);
		expect(updated).toMatchObject({ title: 'Renamed', metadata: { k: 'v' } });

		const found: string[] = [];
		for await (const listed of clients.sigv4.beta.sessions.list({ memory_store_id: 'memstore_01Contract', agent_id: SEED_RESEARCH_AGENT_ID, agent_version: 1, order: 'asc', 'created_at[gte]': session.created_at })) {
			expectShape('Session', listed);
			found.push(listed.id);
		}
		expect(found).toEqual([session.id]);
	});

	it('events: images and documents, user.define_outcome with its outcome_id, user.tool_result for an agent.tool_use', async () => {
		const session = await clients.sigv4.beta.sessions.create({ agent: SEED_RESEARCH_AGENT_ID, environment_id: SEED_ENVIRONMENT_ID });
		const sent = await accepted(() =>
			clients.sigv4.beta.sessions.events.send(session.id, {
				events: [
					{
						type: 'user.message',
						content: [
							{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
							{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' }, title: 'notes.txt' },
							{ type: 'document', source: { type: 'file', file_id: 'file_01Contract' } },
							{ type: 'text', text: 'Look [[agent_tool]]' },
						],
					},
				],
			}),
		);
		expectShape('SendSessionEvents', sent);
		await idle(session.id);
		const events: any[] = [];
		for await (const event of clients.sigv4.beta.sessions.events.list(session.id)) events.push(event);
		const toolUse = events.find((event) => event.type === 'agent.tool_use');
		expect(toolUse).toBeDefined();
		for (const event of events) expectShape('SessionEvent', event);

		await accepted(() => clients.sigv4.beta.sessions.events.send(session.id, { events: [{ type: 'user.tool_result', tool_use_id: toolUse.id, content: [{ type: 'text', text: 'Tue' }] }] }));
		await idle(session.id);
		const outcome = await accepted(() =>
			clients.sigv4.beta.sessions.events.send(session.id, {
				events: [{ type: 'user.define_outcome', description: 'A haiku', rubric: { type: 'text', content: '5-7-5' }, max_iterations: 2 }],
			}),
		);
		expectShape('SendSessionEvents', outcome);
		expect((outcome.data?.[0] as any).outcome_id).toMatch(/^outc_/);
		await failure(
			clients.sigv4.beta.sessions.events.send(session.id, { events: [{ type: 'user.message', content: [{ type: 'image', source: { type: 'base64', media_type: 'application/zip', data: 'UEs=' } }] }] }),
			400,
		);
	});

	it('threads: list (statuses), retrieve, events, archive a delegated thread; the primary refuses archive', async () => {
		const session = await clients.sigv4.beta.sessions.create({
			agent: SEED_SUPPORT_AGENT_ID,
			environment_id: SEED_ENVIRONMENT_ID,
			initial_events: [{ type: 'user.message', content: [{ type: 'text', text: 'delegate [[subagent]]' }] }],
		});
		await idle(session.id);
		const threads: any[] = [];
		await accepted(async () => {
			for await (const thread of clients.sigv4.beta.sessions.threads.list(session.id, { statuses: ['idle'] })) threads.push(thread);
		});
		expect(threads).toHaveLength(2);
		for (const thread of threads) expectShape('SessionThread', thread);
		const [primary, child] = threads;
		expectShape('SessionThread', await accepted(() => clients.sigv4.beta.sessions.threads.retrieve(child.id, { session_id: session.id })));
		const events: any[] = [];
		await accepted(async () => {
			for await (const event of clients.sigv4.beta.sessions.threads.events.list(child.id, { session_id: session.id })) events.push(event);
		});
		expect(events.map((event) => event.type)).toEqual(['session.status_running', 'agent.message', 'session.status_idle']);
		for (const event of events) expectShape('SessionEvent', event);
		const archived = await accepted(() => clients.sigv4.beta.sessions.threads.archive(child.id, { session_id: session.id }));
		expectShape('SessionThread', archived);
		expect(archived.archived_at).toEqual(expect.any(String));
		await failure(clients.sigv4.beta.sessions.threads.archive(primary.id, { session_id: session.id }), 400);
		await clients.sigv4.beta.sessions.delete(session.id);
		await failure(clients.sigv4.beta.sessions.threads.retrieve(child.id, { session_id: session.id }), 404);
	});
});

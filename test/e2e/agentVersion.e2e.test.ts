/**
 * examples/07: a Schedule Trigger reads an agent, makes a new version with today's system prompt (based on the
 * version read) and starts a session pinned to that version, in a real n8n.
 */
import { SEED_ENVIRONMENT_ID } from '../emulator/resources/environments';
import { SEED_RESEARCH_AGENT_ID } from '../emulator/resources/agents';
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const WORKFLOW_ID = 'exAgentNewVersion01';

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

async function runOnce() {
	const execution = await api.runWorkflow(WORKFLOW_ID, 'Every Morning');
	expectSuccess(execution);
	const [read] = outputOf(execution, 'Read the Agent');
	const [updated] = outputOf(execution, 'New System Prompt');
	const [turn] = outputOf(execution, 'Morning Session');
	return { read: read.json, updated: updated.json, turn: turn.json };
}

test('a run makes the next version of the agent and a session pinned to it; a second run the same day keeps the version', async () => {
	const first = await runOnce();
	expect(first.read).toMatchObject({ id: SEED_RESEARCH_AGENT_ID, version: expect.any(Number) });
	expect(first.updated).toMatchObject({ id: SEED_RESEARCH_AGENT_ID, version: (first.read.version as number) + 1 });
	expect(first.updated.system).toMatch(/^You are the research agent\. Today is \d{4}-\d{2}-\d{2}: /);
	expect(first.turn).toMatchObject({ session_id: expect.stringMatching(/^sesn_/), stop_reason: 'end_turn', reply: 'Agent reply: Give me the morning briefing.' });

	const wire = await received();
	const update = wire.find((request) => request.method === 'POST' && request.path === `/v1/agents/${SEED_RESEARCH_AGENT_ID}`);
	expect(update?.json).toEqual({ version: first.read.version, system: first.updated.system });
	const created = wire.filter((request) => request.method === 'POST' && request.path === '/v1/sessions');
	expect(created).toHaveLength(1);
	expect(created[0].json).toMatchObject({
		agent: { type: 'agent', id: SEED_RESEARCH_AGENT_ID, version: first.updated.version },
		environment_id: SEED_ENVIRONMENT_ID,
		title: expect.stringContaining(`(agent v${first.updated.version})`),
	});

	// The same day the prompt is the same: the API makes no new version, and the session pins the current one.
	await clearReceived();
	const second = await runOnce();
	expect(second.read.version).toBe(first.updated.version);
	expect(second.updated.version).toBe(first.updated.version);
	const again = (await received()).filter((request) => request.method === 'POST' && request.path === '/v1/sessions');
	expect(again.map((request) => request.json.agent)).toEqual([{ type: 'agent', id: SEED_RESEARCH_AGENT_ID, version: first.updated.version }]);
	expect(second.turn.session_id).not.toBe(first.turn.session_id);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

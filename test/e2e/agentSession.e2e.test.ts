/**
 * examples/05: a Webhook trigger starts a Managed Agents session; Respond to Webhook returns the agent's
 * reply to the caller. The workflow is activated (published) like a user would, then called over HTTP.
 */
import { SEED_SUPPORT_AGENT_ID } from '../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../emulator/resources/environments';
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';
import { recordForLeakScan } from '../setup/leakRecorder';

const api = new N8nApi();
const WORKFLOW_ID = 'exAgentWebhook01';

beforeAll(async () => {
	await api.login();
	await api.activate(WORKFLOW_ID);
	await clearReceived();
});

async function ask(question: string): Promise<{ status: number; body: any }> {
	const response = await fetch(`${api.env.n8nUrl}/webhook/claude-aws-support`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ question }),
	});
	const text = await response.text();
	recordForLeakScan('webhook answer', text);
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

test("the webhook caller gets the agent's reply from a new session", async () => {
	const answer = await ask('Where is my parcel?');
	expect(answer.status).toBe(200);
	expect(answer.body).toEqual({ reply: 'Agent reply: Where is my parcel?', session_id: expect.stringMatching(/^sesn_/), stop_reason: 'end_turn' });

	const execution = await api.latestExecution(WORKFLOW_ID);
	expectSuccess(execution);
	expect(execution.mode).toBe('webhook');
	const [turn] = outputOf(execution, 'Ask the Agent');
	expect(turn.json).toMatchObject({ session_id: answer.body.session_id, status: 'idle', stop_reason: 'end_turn', reply: 'Agent reply: Where is my parcel?' });

	const wire = await received();
	const created = wire.filter((request) => request.method === 'POST' && request.path === '/v1/sessions');
	expect(created).toHaveLength(1);
	expect(created[0].json).toMatchObject({
		agent: SEED_SUPPORT_AGENT_ID,
		environment_id: SEED_ENVIRONMENT_ID,
		title: `Webhook question ${execution.id}`,
	});
	expect(created[0].headers['anthropic-beta']).toContain('managed-agents-');
});

test('two callers at once each get the reply to their own question', async () => {
	const [first, second] = await Promise.all([ask('First question'), ask('Second question')]);
	expect(first.body.reply).toBe('Agent reply: First question');
	expect(second.body.reply).toBe('Agent reply: Second question');
	expect(first.body.session_id).not.toBe(second.body.session_id);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

/**
 * examples/06 with examples/05: a webhook question makes the agent call its custom tool; the platform's
 * `session.requires_action` webhook (the emulator's Standard Webhooks sender) starts the Claude on AWS
 * Trigger workflow, which reads the tool call, answers it and gets the agent's reply.
 * Then a trigger in "Register on Activation" mode, in a workflow made here: activating it creates its
 * endpoint on the platform (the emulator), a delivery signed with the secret the platform returned starts
 * it, deactivating it deletes the endpoint.
 */
import { randomUUID } from 'node:crypto';
import { signStandardWebhook } from '../emulator/resources/webhooks';
import { TEST_WEBHOOK_SECRET } from '../emulator/fixtures';
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';
import { exampleTriggerEndpoints, registerTriggerEndpoint } from './triggerWebhooks';
import { recordForLeakScan } from '../setup/leakRecorder';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from './importFiles';

const api = new N8nApi();
const TRIGGER_WORKFLOW = 'exAgentToolTrig1';
let endpointId = '';
let triggerUrl = '';
/** What the example's Look Up Order node answers the tool call with. */
const RESULT = JSON.stringify({ asked: { request: 'Please lookup_order for order_id: 1042' }, status: 'shipped' });

beforeAll(async () => {
	await api.login();
	await api.activate('exAgentWebhook01');
	await api.activate(TRIGGER_WORKFLOW);
	const endpoint = exampleTriggerEndpoints(api.env.n8nUrl).find((candidate) => candidate.workflowId === TRIGGER_WORKFLOW)!;
	triggerUrl = endpoint.url;
	endpointId = await registerTriggerEndpoint(api.env.emulatorUrl, endpoint);
	await clearReceived();
});

afterAll(async () => {
	if (endpointId) await fetch(`${api.env.emulatorUrl}/_emulator/webhooks/${endpointId}`, { method: 'DELETE' });
});

test("the requires_action webhook runs the trigger workflow, which answers the tool and gets the agent's reply", async () => {
	const before = await api.executionIds(TRIGGER_WORKFLOW);
	const response = await fetch(`${api.env.n8nUrl}/webhook/claude-aws-support`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ question: 'Please lookup_order for order_id: 1042' }),
	});
	const started = (await response.json()) as { session_id: string; stop_reason: string };
	recordForLeakScan('webhook answer', started);
	expect(started.stop_reason).toBe('requires_action');

	const execution = await api.waitForNewExecution(TRIGGER_WORKFLOW, before);
	expectSuccess(execution);
	expect(execution.mode).toBe('webhook');
	const [event] = outputOf(execution, 'Agent Needs a Tool');
	expect(event.json).toMatchObject({ type: 'session.requires_action', event: { data: { id: started.session_id } } });
	const [call] = outputOf(execution, 'Pending Tool Call');
	expect(call.json).toMatchObject({ type: 'agent.custom_tool_use', name: 'lookup_order', input: { request: 'Please lookup_order for order_id: 1042' }, session_id: started.session_id });
	const [turn] = outputOf(execution, 'Send Tool Result');
	expect(turn.json).toMatchObject({
		session_id: started.session_id,
		status: 'idle',
		stop_reason: 'end_turn',
		reply: `Agent reply: tool said ${RESULT}`,
	});

	const sent = (await received()).filter((request) => request.method === 'POST' && request.path === `/v1/sessions/${started.session_id}/events`);
	expect(sent.map((request) => request.json.events[0])).toEqual([
		{ type: 'user.custom_tool_result', custom_tool_use_id: call.json.id, content: [{ type: 'text', text: RESULT }] },
	]);

	const deliveries = ((await (await fetch(`${api.env.emulatorUrl}/_emulator/webhooks/deliveries`)).json()) as { data: Array<{ url: string; status: number | null; body: string }> }).data.filter(
		(delivery) => delivery.url === triggerUrl,
	);
	expect(deliveries.map((delivery) => [JSON.parse(delivery.body).data.type, delivery.status])).toEqual([['session.requires_action', 200]]);
	// One delivery, one execution: nothing fired twice.
	expect((await api.executionIds(TRIGGER_WORKFLOW)).filter((id) => !before.includes(id))).toHaveLength(1);
});

test('a delivery with a bad signature is refused with 401 and starts nothing', async () => {
	const before = await api.executionIds(TRIGGER_WORKFLOW);
	const body = JSON.stringify({ type: 'event', id: 'wevt_forged', created_at: new Date().toISOString(), data: { type: 'session.requires_action', id: 'sesn_forged' } });
	const timestamp = Math.floor(Date.now() / 1000);
	const response = await fetch(triggerUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'webhook-id': 'msg_forged',
			'webhook-timestamp': String(timestamp),
			'webhook-signature': signStandardWebhook('whsec_' + Buffer.from('not the secret').toString('base64'), 'msg_forged', timestamp, body),
		},
		body,
	});
	expect(response.status).toBe(401);
	expect(await response.json()).toMatchObject({ error: 'Webhook signature verification failed' });
	// The same delivery, signed with the right secret, is accepted: the refusal was about the signature.
	const good = await fetch(triggerUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'webhook-id': 'msg_forged', 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(TEST_WEBHOOK_SECRET, 'msg_forged', timestamp, body) },
		body,
	});
	expect(good.status).toBe(200);
	const execution = await api.waitForNewExecution(TRIGGER_WORKFLOW, before);
	// That run fails at the unknown session, which is what a made-up delivery deserves; only one run started.
	expect(execution.status).toBe('error');
	expect((await api.executionIds(TRIGGER_WORKFLOW)).filter((id) => !before.includes(id))).toHaveLength(1);
});

interface EndpointView {
	id: string;
	url: string;
	enabled_events: string[];
	state: string;
}

async function platformEndpoints(): Promise<EndpointView[]> {
	return ((await (await fetch(`${api.env.emulatorUrl}/_emulator/webhooks/endpoints`)).json()) as { data: EndpointView[] }).data;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

test('Register on Activation: activating creates the endpoint, a delivery with its secret starts the workflow, deactivating deletes it', async () => {
	const webhookId = randomUUID();
	const created = await api.rest<{ id: string }>('POST', '/workflows', {
		name: 'e2e: trigger that registers itself',
		nodes: [
			{
				id: randomUUID(),
				name: 'Session Idled',
				type: 'n8n-nodes-claude-aws.claudeAwsWebhookTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { registration: 'onActivation', events: ['session.idled'] },
				credentials: { claudePlatformAwsApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});
	const workflowId = created.id;
	const url = `${api.env.n8nUrl}/webhook/${webhookId}/webhook`;

	await api.activate(workflowId);
	const mine = (await platformEndpoints()).filter((endpoint) => endpoint.url === url);
	expect(mine).toEqual([expect.objectContaining({ enabled_events: ['session.idled'], state: 'enabled' })]);

	// The secret is kept sealed: n8n's REST answer (and so an export) does not carry it as text.
	const saved = await api.rest<{ staticData?: any }>('GET', `/workflows/${workflowId}`);
	const nodeState = JSON.stringify(saved.staticData ?? {});
	expect(nodeState).toContain(`"webhookEndpointId":"${mine[0].id}"`);
	expect(nodeState).toMatch(/"webhookSigningSecret":"v1:/);
	expect(nodeState).not.toContain('whsec_');

	const before = await api.executionIds(workflowId);
	const emitted = await fetch(`${api.env.emulatorUrl}/_emulator/webhooks/emit`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ type: 'session.idled', id: 'sesn_01SelfRegistered' }),
	});
	const { data: sent } = (await emitted.json()) as { data: Array<{ url: string; status: number | null }> };
	expect(sent.filter((delivery) => delivery.url === url).map((delivery) => delivery.status)).toEqual([200]);
	const execution = await api.waitForNewExecution(workflowId, before);
	expectSuccess(execution);
	expect(outputOf(execution, 'Session Idled')[0].json).toMatchObject({ type: 'session.idled', event: { data: { id: 'sesn_01SelfRegistered' } } });

	await api.rest('POST', `/workflows/${workflowId}/deactivate`, {});
	await until('the endpoint being deleted', async () => ((await platformEndpoints()).some((endpoint) => endpoint.url === url) ? undefined : true));
	expect((await api.executionIds(workflowId)).filter((id) => !before.includes(id))).toHaveLength(1);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

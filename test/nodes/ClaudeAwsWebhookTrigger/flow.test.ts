/**
 * A full run over real HTTP: the emulator delivers a signed webhook to a receiver that hands the raw
 * request to the trigger (as n8n's webhook server would); the workflow then answers the agent's tool
 * call with the Sessions node and gets the reply.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsWebhookTrigger } from '../../../nodes/ClaudeAwsWebhookTrigger/ClaudeAwsWebhookTrigger.node';
import { ClaudeAwsSessions } from '../../../nodes/ClaudeAwsSessions/ClaudeAwsSessions.node';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import type { WebhookSender } from '../../emulator/resources/webhooks';
import { SEED_CUSTOM_TOOL_NAME, SEED_SUPPORT_AGENT_ID } from '../../emulator/resources/agents';
import { SEED_ENVIRONMENT_ID } from '../../emulator/resources/environments';
import { accessKeyCredentials } from '../../helpers/credentials';
import { connect, runNode, runWebhook, runWorkflow, type WebhookResult } from '../../helpers/runNode';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
(globalThis as any).__addSecretForLeakScan?.(SECRET);

let emulator: Emulator;
let receiver: Server;
let receiverUrl: string;
const triggered: WebhookResult[] = [];

const credentials = () => ({ claudePlatformAwsApi: accessKeyCredentials(emulator, { webhookSecret: SECRET }) });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 30 });
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
			const result = await runWebhook({
				node: ClaudeAwsWebhookTrigger,
				parameters: { events: ['session.requires_action'] },
				credentials: credentials(),
				credentialTypes: [ClaudePlatformAwsApi],
				request: { headers, body: Buffer.concat(chunks) },
			});
			if (result.items) triggered.push(result);
			res.statusCode = result.response.ended ? result.response.statusCode : 200;
			res.end(JSON.stringify(result.response.body ?? { received: true }));
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
	(emulator.state.webhooks as WebhookSender).register(receiverUrl, SECRET);
});

afterAll(async () => {
	await emulator.close();
	await new Promise((resolve) => receiver.close(resolve));
});

it('webhook in (session.requires_action) ⇒ the workflow answers the tool ⇒ the agent reply comes out', async () => {
	const sender = emulator.state.webhooks as WebhookSender;
	// Something outside n8n started a session whose agent calls the custom tool.
	const started = await runNode({
		node: ClaudeAwsSessions,
		parameters: {
			resource: 'session',
			operation: 'start',
			agent: byId(SEED_SUPPORT_AGENT_ID),
			environment: byId(SEED_ENVIRONMENT_ID),
			message: `${SEED_CUSTOM_TOOL_NAME} order 1234`,
			waitForReply: false,
		},
		credentials: credentials(),
		credentialTypes: [ClaudePlatformAwsApi],
	});
	const sessionId = started.json[0].session_id as string;
	const deadline = Date.now() + 5000;
	while (triggered.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
	await sender.flush();

	// Every delivery was signed and accepted; only the picked type started the workflow.
	const deliveries = sender.deliveries.filter((d) => d.url === receiverUrl);
	expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
	expect(deliveries.map((d) => JSON.parse(d.body).data.type)).toEqual(expect.arrayContaining(['session.created', 'session.requires_action']));
	expect(triggered).toHaveLength(1);
	const trigger = triggered[0].json[0];
	expect(trigger).toMatchObject({ type: 'session.requires_action', event: { data: { id: sessionId } } });

	// The workflow after the trigger: find the pending tool call, answer it, wait for the reply.
	const run = await runWorkflow(
		{
			nodes: [
				{
					name: 'Pending Tool Call',
					type: 'claudeAwsSessions',
					parameters: {
						resource: 'session',
						operation: 'listEvents',
						sessionId: byId('={{ $json.event.data.id }}'),
						limit: 1,
						filters: { types: 'agent.custom_tool_use', order: 'desc' },
					},
				},
				{
					name: 'Answer Tool',
					type: 'claudeAwsSessions',
					parameters: {
						resource: 'session',
						operation: 'sendToolResult',
						sessionId: byId('={{ $json.session_id }}'),
						toolUseId: '={{ $json.id }}',
						result: '={{ "order " + $json.input.request.split(" ").pop() + " shipped" }}',
					},
				},
			],
			connections: connect('Pending Tool Call', 'Answer Tool'),
		},
		{ nodeTypes: [ClaudeAwsSessions], credentials: credentials(), credentialTypes: [ClaudePlatformAwsApi], input: [trigger] },
	);
	expect(run.status).toBe('success');
	expect(run.output('Answer Tool').map((item) => item.json)).toEqual([
		expect.objectContaining({ session_id: sessionId, status: 'idle', stop_reason: 'end_turn', reply: 'Agent reply: tool said order 1234 shipped' }),
	]);
});

/** The emulator sending Standard Webhooks about sessions to a receiver on 127.0.0.1. */
import { createHmac } from 'node:crypto';
import { AnthropicAws } from '@anthropic-ai/aws-sdk';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from './server';
import type { Emulator } from './types';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WEBHOOK_SECRET, TEST_WORKSPACE_ID } from './fixtures';
import { agentsApi, eventually } from './signedTestClient';
import { signStandardWebhook, EMULATOR_ORGANIZATION_ID, WEBHOOKS_BETA as EMULATOR_WEBHOOKS_BETA, type WebhookSender } from './resources/webhooks';
import { SEED_CUSTOM_TOOL_NAME, SEED_SUPPORT_AGENT_ID } from './resources/agents';
import { SEED_ENVIRONMENT_ID } from './resources/environments';

interface Delivery {
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

let emulator: Emulator;
let sender: WebhookSender;
let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];

beforeAll(async () => {
	emulator = await startEmulator({ sessionRunMs: 20 });
	sender = emulator.state.webhooks;
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/claude`;
});

afterEach(() => {
	sender.clear();
	deliveries.length = 0;
});

afterAll(async () => {
	await emulator.close();
	await new Promise((resolve) => receiver.close(resolve));
});

/** Verification written from the Standard Webhooks spec, independent of the emulator's signer. */
function verify(secret: string, delivery: Delivery): boolean {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const signed = `${delivery.headers['webhook-id']}.${delivery.headers['webhook-timestamp']}.${delivery.body}`;
	const expected = createHmac('sha256', key).update(signed).digest('base64');
	return String(delivery.headers['webhook-signature'])
		.split(' ')
		.some((candidate) => candidate === `v1,${expected}`);
}

async function runTurn(text: string, untilStatus = 'idle'): Promise<string> {
	const session = await agentsApi(emulator, 'POST', '/v1/sessions', { agent: SEED_SUPPORT_AGENT_ID, environment_id: SEED_ENVIRONMENT_ID });
	await agentsApi(emulator, 'POST', `/v1/sessions/${session.json.id}/events`, {
		events: [{ type: 'user.message', content: [{ type: 'text', text }] }],
	});
	await eventually(async () => {
		const res = await agentsApi(emulator, 'GET', `/v1/sessions/${session.json.id}`);
		return res.json.status === untilStatus ? true : undefined;
	});
	await sender.flush();
	return session.json.id;
}

it('posts signed session events that verify with the shared secret', async () => {
	sender.register(receiverUrl, TEST_WEBHOOK_SECRET);
	const sessionId = await runTurn('hello');

	const events = deliveries.map((delivery) => JSON.parse(delivery.body));
	expect(events.map((event) => event.data.type)).toEqual([
		'session.created',
		'session.running',
		'session.status_run_started',
		'session.idled',
		'session.status_idled',
	]);
	expect(events[0]).toEqual({
		type: 'event',
		id: expect.stringMatching(/^wevt_01/),
		created_at: expect.any(String),
		data: { type: 'session.created', id: sessionId, organization_id: EMULATOR_ORGANIZATION_ID, workspace_id: TEST_WORKSPACE_ID },
	});
	for (const delivery of deliveries) {
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers['webhook-id']).toBe(JSON.parse(delivery.body).id);
		expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
		expect(verify(TEST_WEBHOOK_SECRET, delivery)).toBe(true);
	}
	expect(sender.deliveries.every((record) => record.status === 204)).toBe(true);
});

it('signStandardWebhook forges good, tampered and replayed signatures for receiver tests', async () => {
	sender.register(receiverUrl, TEST_WEBHOOK_SECRET, { eventTypes: ['session.created'] });
	await runTurn('hi');
	expect(deliveries).toHaveLength(1);
	const [delivery] = deliveries;
	const id = String(delivery.headers['webhook-id']);
	const timestamp = String(delivery.headers['webhook-timestamp']);

	expect(signStandardWebhook(TEST_WEBHOOK_SECRET, id, timestamp, delivery.body)).toBe(delivery.headers['webhook-signature']);
	const tampered = { ...delivery, body: delivery.body.replace('session.created', 'session.deleted') };
	expect(verify(TEST_WEBHOOK_SECRET, tampered)).toBe(false);
	const replayedAt = String(Number(timestamp) - 3600);
	const replay: Delivery = { headers: { ...delivery.headers, 'webhook-timestamp': replayedAt }, body: delivery.body };
	expect(verify(TEST_WEBHOOK_SECRET, replay)).toBe(false);
	// A replay re-signed with the real secret verifies: only the receiver's timestamp tolerance can refuse it.
	replay.headers['webhook-signature'] = signStandardWebhook(TEST_WEBHOOK_SECRET, id, replayedAt, delivery.body);
	expect(verify(TEST_WEBHOOK_SECRET, replay)).toBe(true);
	expect(verify('whsec_' + Buffer.from('another secret').toString('base64'), delivery)).toBe(false);
});

it('announces requires_action for a custom tool call, filtered by event type', async () => {
	sender.register(receiverUrl, TEST_WEBHOOK_SECRET, { eventTypes: ['session.requires_action'] });
	const sessionId = await runTurn(`use ${SEED_CUSTOM_TOOL_NAME} please`);
	expect(deliveries.map((delivery) => JSON.parse(delivery.body).data)).toEqual([
		expect.objectContaining({ type: 'session.requires_action', id: sessionId }),
	]);
});

it('only delivers to loopback URLs, and can be driven over HTTP', async () => {
	expect(() => sender.register('http://example.com/hook', TEST_WEBHOOK_SECRET)).toThrow(/loopback/);
	expect(() => sender.register('http://10.0.0.1/hook', TEST_WEBHOOK_SECRET)).toThrow(/loopback/);

	const refused = await fetch(`${emulator.url}/_emulator/webhooks`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url: 'http://169.254.169.254/latest', secret: TEST_WEBHOOK_SECRET }),
	});
	expect(refused.status).toBe(400);

	const registered = await fetch(`${emulator.url}/_emulator/webhooks`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url: receiverUrl, secret: TEST_WEBHOOK_SECRET, event_types: ['session.status_terminated'] }),
	});
	expect(registered.status).toBe(200);
	const endpoint = (await registered.json()) as { id: string };
	await runTurn('bye [[terminate]]', 'terminated');
	expect(deliveries).toHaveLength(1);
	expect(JSON.parse(deliveries[0].body).data.type).toBe('session.status_terminated');

	const log = await fetch(`${emulator.url}/_emulator/webhooks/deliveries`);
	expect(((await log.json()) as { data: unknown[] }).data).toHaveLength(1);
	const removed = await fetch(`${emulator.url}/_emulator/webhooks/${endpoint.id}`, { method: 'DELETE' });
	expect(removed.status).toBe(200);
	expect(sender.endpoints.size).toBe(0);
});

describe("the platform's webhook endpoint API (official SDK: beta.organization.webhooks)", () => {
	const sdk = () =>
		new AnthropicAws({
			baseURL: emulator.url,
			awsRegion: TEST_REGION,
			workspaceId: TEST_WORKSPACE_ID,
			maxRetries: 0,
			awsAccessKey: TEST_ACCESS_KEY_ID,
			awsSecretAccessKey: TEST_SECRET_ACCESS_KEY,
		});

	it('creates an endpoint with a signing secret only create returns, delivers with it, lists, updates and deletes', async () => {
		const client = sdk();
		const created = await client.beta.organization.webhooks.create({
			url: receiverUrl,
			enabled_events: ['session.requires_action' as never],
			name: 'n8n trigger',
		});
		expect(created).toEqual({
			id: expect.stringMatching(/^whep_/),
			url: receiverUrl,
			enabled_events: ['session.requires_action'],
			name: 'n8n trigger',
			description: '',
			state: 'enabled',
			disabled_reason: '',
			created_at: expect.any(String),
			updated_at: expect.any(String),
			signing_secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
		});
		const last = emulator.received[emulator.received.length - 1];
		expect(last.headers['anthropic-beta']).toContain(EMULATOR_WEBHOOKS_BETA);

		const read = await client.beta.organization.webhooks.retrieve(created.id);
		expect(read).not.toHaveProperty('signing_secret');
		const listed = [];
		for await (const endpoint of client.beta.organization.webhooks.list({ limit: 1 })) listed.push(endpoint);
		expect(listed.map((endpoint) => endpoint.id)).toEqual([created.id]);

		await runTurn(`use ${SEED_CUSTOM_TOOL_NAME} please`);
		expect(deliveries).toHaveLength(1);
		expect(verify(created.signing_secret, deliveries[0])).toBe(true);

		const disabled = await client.beta.organization.webhooks.update(created.id, { state: 'disabled' });
		expect(disabled.state).toBe('disabled');
		await runTurn(`use ${SEED_CUSTOM_TOOL_NAME} again`);
		expect(deliveries).toHaveLength(1);

		expect(await client.beta.organization.webhooks.delete(created.id)).toEqual({ id: created.id, type: 'webhook_endpoint_deleted' });
		await expect(client.beta.organization.webhooks.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
		expect(sender.endpoints.size).toBe(0);
	});

	it('pages newest first by after_id, and refuses what the API refuses', async () => {
		const client = sdk();
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push((await client.beta.organization.webhooks.create({ url: `${receiverUrl}/${i}`, enabled_events: ['session.idled' as never] })).id);
		const first = await client.beta.organization.webhooks.list({ limit: 2 });
		expect(first.data.map((endpoint) => endpoint.id)).toEqual([ids[2], ids[1]]);
		expect(first.has_more).toBe(true);
		const all = [];
		for await (const endpoint of client.beta.organization.webhooks.list({ limit: 2 })) all.push(endpoint.id);
		expect(all).toEqual([...ids].reverse());

		await expect(client.beta.organization.webhooks.create({ url: receiverUrl, enabled_events: [] })).rejects.toMatchObject({ status: 400 });
		await expect(client.beta.organization.webhooks.create({ url: receiverUrl, enabled_events: ['session.nonsense' as never] })).rejects.toMatchObject({ status: 400 });
		await expect(client.beta.organization.webhooks.create({ url: 'http://example.com/hook', enabled_events: ['session.idled' as never] })).rejects.toMatchObject({ status: 400 });
		const controlView = await fetch(`${emulator.url}/_emulator/webhooks/endpoints`);
		expect(((await controlView.json()) as { data: Array<Record<string, unknown>> }).data.every((endpoint) => !('signing_secret' in endpoint) && !('secret' in endpoint))).toBe(true);
	});

	it('emits an event on request (control route) and answers with its deliveries', async () => {
		const endpoint = sender.register(receiverUrl, TEST_WEBHOOK_SECRET, { eventTypes: ['session.idled'] });
		const response = await fetch(`${emulator.url}/_emulator/webhooks/emit`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ type: 'session.idled', id: 'sesn_01Emitted' }),
		});
		const { data } = (await response.json()) as { data: Array<{ endpointId: string; status: number }> };
		expect(data).toEqual([expect.objectContaining({ endpointId: endpoint.id, status: 204 })]);
		expect(JSON.parse(deliveries[0].body).data).toMatchObject({ type: 'session.idled', id: 'sesn_01Emitted' });
	});
});

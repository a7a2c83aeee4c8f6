/**
 * "Register on Activation": n8n's webhook lifecycle (checkExists/create/delete through n8n-core's
 * HookContext) against the emulator's /v1/organizations/webhooks, then deliveries verified with the
 * secret the platform returned. The emulator hands every secret it mints to the leak scan, so a secret
 * in static data, an error or an output fails this file.
 */
import type { IDataObject } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsWebhookTrigger } from '../../../nodes/ClaudeAwsWebhookTrigger/ClaudeAwsWebhookTrigger.node';
import { WEBHOOK_EVENT_OPTIONS } from '../../../nodes/ClaudeAwsWebhookTrigger/eventTypes';
import { clearIdentityCache } from '../../../nodes/transport/identity';
import { startEmulator } from '../../emulator/server';
import type { Emulator } from '../../emulator/types';
import { TEST_WEBHOOK_SECRET } from '../../emulator/fixtures';
import { signStandardWebhook, type WebhookSender } from '../../emulator/resources/webhooks';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runWebhook, runWebhookMethod } from '../../helpers/runNode';

let emulator: Emulator;
let sender: WebhookSender;
beforeAll(async () => {
	emulator = await startEmulator();
	sender = emulator.state.webhooks;
});
afterAll(() => emulator.close());
beforeEach(() => {
	sender.clear();
	emulator.clearReceived();
	emulator.faults.clear();
	clearIdentityCache();
});

const AUTOMATIC = { registration: 'onActivation', events: ['session.requires_action', 'session.idled'] };
const credentials = () => ({ claudePlatformAwsApi: accessKeyCredentials(emulator, { webhookSecret: TEST_WEBHOOK_SECRET }) });

function hook(method: 'checkExists' | 'create' | 'delete', parameters: IDataObject, staticData: IDataObject = {}) {
	return runWebhookMethod({ node: ClaudeAwsWebhookTrigger, method, parameters: parameters as never, credentials: credentials(), credentialTypes: [ClaudePlatformAwsApi], staticData });
}

/** What n8n does on activation: checkExists, and create when it answered false. */
async function activate(parameters: IDataObject, staticData: IDataObject = {}): Promise<IDataObject> {
	const check = await hook('checkExists', parameters, staticData);
	expect(check.error).toBeUndefined();
	if (check.result) return check.staticData;
	const created = await hook('create', parameters, check.staticData);
	expect(created.error).toBeUndefined();
	expect(created.result).toBe(true);
	return created.staticData;
}

function delivery(secret: string, type = 'session.requires_action') {
	const body = JSON.stringify({ type: 'event', id: 'wevt_01Reg', created_at: new Date().toISOString(), data: { type, id: 'sesn_01Reg', organization_id: 'org_1', workspace_id: 'wrkspc_1' } });
	const id = `msg_${Math.random().toString(36).slice(2)}`;
	const timestamp = Math.floor(Date.now() / 1000);
	return { body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(secret, id, timestamp, body) } };
}

function deliver(parameters: IDataObject, staticData: IDataObject, request: ReturnType<typeof delivery>) {
	return runWebhook({ node: ClaudeAwsWebhookTrigger, parameters: parameters as never, credentials: credentials(), credentialTypes: [ClaudePlatformAwsApi], staticData, request });
}

const endpoints = () => [...sender.endpoints.values()];

describe('Register on Activation', () => {
	it('creates one endpoint for the picked events, keeps its secret sealed, verifies deliveries with it, deletes it on deactivation', async () => {
		const staticData = await activate(AUTOMATIC);
		expect(endpoints()).toHaveLength(1);
		const [endpoint] = endpoints();
		expect(endpoint.url).toMatch(/\/webhook\/test-webhook-id\/webhook$/);
		expect(endpoint.eventTypes).toEqual(['session.requires_action', 'session.idled']);
		expect(endpoint.name).toMatch(/^n8n: /);
		expect(staticData.webhookEndpointId).toBe(endpoint.id);
		expect(String(staticData.webhookSigningSecret)).toMatch(/^v1:/);
		expect(JSON.stringify(staticData)).not.toContain(endpoint.secret.slice('whsec_'.length, 'whsec_'.length + 16));
		const create = emulator.received.find((request) => request.method === 'POST' && request.path === '/v1/organizations/webhooks')!;
		expect(create.headers['anthropic-beta']).toContain('webhooks-2026-10-07');

		const accepted = await deliver(AUTOMATIC, staticData, delivery(endpoint.secret));
		expect(accepted.json).toEqual([expect.objectContaining({ type: 'session.requires_action' })]);
		// The credential's secret is not this endpoint's: refused.
		const wrong = await deliver(AUTOMATIC, staticData, delivery(TEST_WEBHOOK_SECRET));
		expect(wrong.response.statusCode).toBe(401);
		expect(wrong.items).toBeUndefined();

		const removed = await hook('delete', AUTOMATIC, staticData);
		expect(removed.result).toBe(true);
		expect(endpoints()).toHaveLength(0);
		expect(removed.staticData).toEqual({});
	});

	it('reuses its endpoint on re-activation (a restart) instead of creating a second one', async () => {
		const staticData = await activate(AUTOMATIC);
		const [first] = endpoints();
		emulator.clearReceived();
		const again = await activate(AUTOMATIC, staticData);
		expect(endpoints().map((endpoint) => endpoint.id)).toEqual([first.id]);
		expect(again.webhookEndpointId).toBe(first.id);
		expect(emulator.received.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v1/organizations/webhooks']);
		expect((await deliver(AUTOMATIC, again, delivery(first.secret))).json).toHaveLength(1);
	});

	it('replaces an endpoint at its URL whose secret it does not hold, and one whose events changed', async () => {
		await activate(AUTOMATIC);
		const [orphan] = endpoints();
		// Static data lost (or a copied workflow): the endpoint at this URL cannot be verified any more.
		const fresh = await activate(AUTOMATIC, {});
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0].id).not.toBe(orphan.id);
		expect(fresh.webhookEndpointId).toBe(endpoints()[0].id);

		const changed = { ...AUTOMATIC, events: ['session.status_terminated'] };
		const afterEdit = await activate(changed, fresh);
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0].eventTypes).toEqual(['session.status_terminated']);
		expect(afterEdit.webhookEndpointId).toBe(endpoints()[0].id);
	});

	it('subscribes to every event type the node knows when none is picked', async () => {
		await activate({ registration: 'onActivation', events: [] });
		expect(endpoints()[0].eventTypes).toHaveLength(WEBHOOK_EVENT_OPTIONS.length);
	});

	it('treats an endpoint already deleted on the platform as deleted', async () => {
		const staticData = await activate(AUTOMATIC);
		sender.clear();
		const removed = await hook('delete', AUTOMATIC, staticData);
		expect(removed.result).toBe(true);
		expect(removed.staticData).toEqual({});
	});

	it('says why when the principal may not create webhooks, and keeps nothing', async () => {
		emulator.faults.inject({
			method: 'POST',
			path: '/v1/organizations/webhooks',
			fault: { type: 'status', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'Not allowed: aws-external-anthropic:CreateWebhook' } } },
		});
		const check = await hook('checkExists', AUTOMATIC);
		const created = await hook('create', AUTOMATIC, check.staticData);
		expect(created.error?.message).toMatch(/403|[Pp]ermission|[Ff]orbidden/);
		expect(`${created.error?.message} ${(created.error as any)?.description ?? ''}`).toContain('CreateWebhook');
		expect(created.staticData).toEqual({});
		expect(endpoints()).toHaveLength(0);
	});

	it('refuses deliveries while it holds no registered secret, even ones signed with the credential\'s secret', async () => {
		const result = await deliver(AUTOMATIC, {}, delivery(TEST_WEBHOOK_SECRET));
		expect(result.items).toBeUndefined();
		expect(result.error?.message).toContain('holds no signing secret from its registration');
	});
});

describe('Register Manually (the default, as saved workflows have it)', () => {
	it('calls no webhook API on activation or deactivation, and keeps verifying with the configured secret', async () => {
		for (const parameters of [{}, { registration: 'manual', events: ['session.idled'] }]) {
			expect((await hook('checkExists', parameters)).result).toBe(true);
			expect((await hook('delete', parameters)).result).toBe(true);
		}
		expect(emulator.received.filter((request) => request.path.startsWith('/v1/organizations'))).toEqual([]);
		expect((await deliver({}, {}, delivery(TEST_WEBHOOK_SECRET, 'session.idled'))).json).toHaveLength(1);
	});

	it('defaults to Register Manually', () => {
		const registration = new ClaudeAwsWebhookTrigger().description.properties.find((property) => property.name === 'registration')!;
		expect(registration.default).toBe('manual');
	});
});

/** The webhook trigger through n8n-core's WebhookContext: Standard Webhooks signatures, replays, event filter. */
import { randomBytes } from 'node:crypto';
import { ClaudePlatformAwsApi } from '../../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAwsWebhookTrigger } from '../../../nodes/ClaudeAwsWebhookTrigger/ClaudeAwsWebhookTrigger.node';
import { isReplay, MAX_REMEMBERED_IDS } from '../../../nodes/ClaudeAwsWebhookTrigger/replayGuard';
import { signStandardWebhook } from '../../emulator/resources/webhooks';
import { accessKeyCredentials } from '../../helpers/credentials';
import { runWebhook, type WebhookResult } from '../../helpers/runNode';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const OTHER_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
(globalThis as any).__addSecretForLeakScan?.(SECRET);
(globalThis as any).__addSecretForLeakScan?.(OTHER_SECRET);

const credentials = (webhookSecret = SECRET) => ({ claudePlatformAwsApi: accessKeyCredentials({ url: 'http://127.0.0.1:1' }, { webhookSecret }) });

function payload(type = 'session.idled', id = 'sesn_01Example') {
	return JSON.stringify({
		type: 'event',
		id: 'wevt_01Example',
		created_at: '2026-05-01T10:00:00Z',
		data: { type, id, organization_id: 'org_1', workspace_id: 'wrkspc_1' },
	});
}

function signed(body: string, options: { secret?: string; timestamp?: number; id?: string } = {}) {
	const id = options.id ?? `msg_${randomBytes(6).toString('hex')}`;
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': signStandardWebhook(options.secret ?? SECRET, id, timestamp, body),
	};
}

function deliver(body: string, headers: Record<string, string>, parameters: Record<string, unknown> = {}, secret = SECRET): Promise<WebhookResult> {
	return runWebhook({
		node: ClaudeAwsWebhookTrigger,
		parameters: parameters as never,
		credentials: credentials(secret),
		credentialTypes: [ClaudePlatformAwsApi],
		request: { headers, body },
	});
}

describe('Claude on AWS Trigger', () => {
	it('accepts a correctly signed delivery and emits the event, its webhook ID and type', async () => {
		const body = payload('session.requires_action', 'sesn_01Waiting');
		const headers = signed(body, { id: 'msg_fixed' });
		const result = await deliver(body, headers);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{
				event: JSON.parse(body),
				webhook_id: 'msg_fixed',
				type: 'session.requires_action',
			},
		]);
		expect(result.response.statusCode).toBe(200);
	});

	it('refuses a wrong signature, a tampered body and a missing header with 401 and starts nothing', async () => {
		const body = payload();
		const wrongKey = await deliver(body, signed(body, { secret: OTHER_SECRET }));
		expect(wrongKey.response.statusCode).toBe(401);
		expect(wrongKey.responseData).toEqual({ noWebhookResponse: true });
		expect(wrongKey.items).toBeUndefined();
		expect(wrongKey.response.body).toMatchObject({ reason: 'no webhook-signature matches' });

		const headers = signed(body);
		const tampered = await deliver(body.replace('sesn_01Example', 'sesn_01Attacker'), headers);
		expect(tampered.response.statusCode).toBe(401);
		expect(tampered.items).toBeUndefined();

		const { 'webhook-signature': _dropped, ...unsigned } = headers;
		const missing = await deliver(body, unsigned);
		expect(missing.response.statusCode).toBe(401);
		expect(missing.items).toBeUndefined();
	});

	it('refuses a replay (timestamp over 5 minutes old) and a timestamp from the future with 401, even when correctly signed', async () => {
		const body = payload();
		const now = Math.floor(Date.now() / 1000);
		const old = await deliver(body, signed(body, { timestamp: now - 6 * 60 }));
		expect(old.response.statusCode).toBe(401);
		expect(old.items).toBeUndefined();
		expect(String((old.response.body as any).reason)).toContain('more than 5 minutes old');
		const future = await deliver(body, signed(body, { timestamp: now + 6 * 60 }));
		expect(future.response.statusCode).toBe(401);
		const recent = await deliver(body, signed(body, { timestamp: now - 4 * 60 }));
		expect(recent.json).toHaveLength(1);
	});

	it('answers 400 to a correctly signed body that is not JSON', async () => {
		const body = 'not json';
		const result = await deliver(body, { ...signed(body), 'content-type': 'text/plain' });
		expect(result.response.statusCode).toBe(400);
		expect(result.items).toBeUndefined();
	});

	it('accepts any one valid signature among several (secret rotation)', async () => {
		const body = payload();
		const headers = signed(body);
		const stale = signed(body, { secret: OTHER_SECRET, id: headers['webhook-id'], timestamp: Number(headers['webhook-timestamp']) })['webhook-signature'];
		const result = await deliver(body, { ...headers, 'webhook-signature': `v1a,garbage ${stale} ${headers['webhook-signature']}` });
		expect(result.json).toHaveLength(1);
		const onlyStale = await deliver(body, { ...headers, 'webhook-signature': stale });
		expect(onlyStale.response.statusCode).toBe(401);
	});

	it('emits only the picked event types; others are acknowledged with 200 and start nothing', async () => {
		const events = ['session.idled', 'session.status_terminated'];
		const idled = payload('session.idled');
		expect((await deliver(idled, signed(idled), { events })).json).toHaveLength(1);
		const created = payload('session.created');
		const ignored = await deliver(created, signed(created), { events });
		expect(ignored.items).toBeUndefined();
		expect(ignored.response.statusCode).toBe(200);
		expect(ignored.responseData.webhookResponse).toEqual({ received: true, ignored: 'session.created' });
	});

	it('uses the node secret over the credential, and refuses to run without any secret', async () => {
		const body = payload();
		const result = await deliver(body, signed(body, { secret: OTHER_SECRET }), { signingSecret: OTHER_SECRET });
		expect(result.json).toHaveLength(1);
		const none = await deliver(body, signed(body), {}, '');
		expect(none.items).toBeUndefined();
		expect(none.error?.message).toContain('No usable webhook signing secret');
	});
});

describe('replays of one delivery (same webhook-id)', () => {
	it('starts the workflow once; the replay inside the window gets 200 and starts nothing, remembered in static data', async () => {
		const body = payload('session.idled');
		const headers = signed(body);
		const first = await deliver(body, headers);
		expect(first.json).toHaveLength(1);
		expect(Object.keys(first.staticData.recentWebhookIds as object)).toEqual([headers['webhook-id']]);

		// Another process (queue mode) with the saved static data: the ID is known there too.
		const replay = await runWebhook({
			node: ClaudeAwsWebhookTrigger,
			credentials: credentials(),
			credentialTypes: [ClaudePlatformAwsApi],
			staticData: first.staticData,
			request: { headers, body },
		});
		expect(replay.items).toBeUndefined();
		expect(replay.response.statusCode).toBe(200);
		expect(replay.responseData.webhookResponse).toEqual({ received: true, duplicate: headers['webhook-id'] });

		// A new delivery of the same event (new webhook-id) is a new delivery.
		const again = await deliver(body, signed(body), {}, SECRET);
		expect(again.json).toHaveLength(1);
	});

	it('refuses the second of two copies that arrive at the same time', async () => {
		const body = payload('session.requires_action');
		const headers = signed(body);
		const results = await Promise.all([deliver(body, headers), deliver(body, headers)]);
		expect(results.filter((result) => result.items !== undefined)).toHaveLength(1);
		expect(results.every((result) => result.response.statusCode === 200)).toBe(true);
	});
});

describe('isReplay bookkeeping', () => {
	it('forgets IDs whose timestamp left the window, and keeps at most MAX_REMEMBERED_IDS', () => {
		const now = 1_800_000_000;
		const staticData: Record<string, any> = {};
		expect(isReplay(staticData, 'wf:a', 'msg_old', now - 200, now)).toBe(false);
		expect(isReplay(staticData, 'wf:a', 'msg_old', now - 200, now + 50)).toBe(true);
		// 301 s after its timestamp it can no longer verify, so it is dropped.
		expect(isReplay({ ...staticData }, 'wf:b', 'msg_new', now, now + 101)).toBe(false);
		const later: Record<string, any> = { recentWebhookIds: { ...staticData.recentWebhookIds } };
		isReplay(later, 'wf:c', 'msg_other', now + 101, now + 101);
		expect(Object.keys(later.recentWebhookIds)).toEqual(['msg_other']);

		const full: Record<string, any> = {};
		for (let i = 0; i < MAX_REMEMBERED_IDS + 5; i++) isReplay(full, 'wf:d', `msg_${i}`, now + i / 100, now);
		const kept = Object.keys(full.recentWebhookIds);
		expect(kept).toHaveLength(MAX_REMEMBERED_IDS);
		expect(kept).not.toContain('msg_0');
		expect(kept).toContain(`msg_${MAX_REMEMBERED_IDS + 4}`);
	});
});

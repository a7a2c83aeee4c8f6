/**
 * Outgoing webhooks: the emulator POSTs Standard Webhooks (https://www.standardwebhooks.com) to
 * endpoints a test registers, the way the platform notifies about Managed Agents sessions.
 * Payload shape follows the SDK's `BetaWebhookEvent`: `{ type: 'event', id, created_at, data: { type, id,
 * organization_id, workspace_id } }`. Headers: `webhook-id`, `webhook-timestamp` (unix seconds),
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the decoded whsec_ secret>`.
 *
 * Only loopback URLs are accepted: the emulator must never become a way to send requests elsewhere.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Emulator, RouteContext, Router } from '../types';
import { TEST_WORKSPACE_ID } from '../fixtures';
import { badRequest, newId, notFound, nowIso, requireObjectBody } from './managedAgentsShared';

/** Organization the emulator pretends the workspace belongs to. */
export const EMULATOR_ORGANIZATION_ID = 'org_01EmulatorOrganization00001';

const DELIVERY_TIMEOUT_MS = 5000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The HMAC key is the base64 part of `whsec_<base64>`. */
function signingKey(secret: string): Buffer {
	const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
	return Buffer.from(encoded, 'base64');
}

/** `v1,<signature>` for `id.timestamp.body`; exported so tests can forge good, tampered or replayed deliveries. */
export function signStandardWebhook(secret: string, id: string, timestamp: number | string, body: string): string {
	const signature = createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
	return `v1,${signature}`;
}

export interface WebhookEndpoint {
	id: string;
	url: string;
	secret: string;
	/** Only these event types are delivered (all when empty). */
	eventTypes: string[];
}

export interface WebhookDelivery {
	endpointId: string;
	url: string;
	webhookId: string;
	timestamp: number;
	body: string;
	/** HTTP status the receiver answered, or null when the request failed. */
	status: number | null;
	error?: string;
}

export function assertLoopbackUrl(url: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`Webhook URL '${url}' is not a valid URL.`);
	}
	if (parsed.protocol !== 'http:') throw new Error(`Webhook URL '${url}' must use http: (loopback only).`);
	if (!LOOPBACK_HOSTS.has(parsed.hostname)) {
		throw new Error(`Webhook URL '${url}' is not a loopback address; the emulator only delivers to 127.0.0.1 / localhost.`);
	}
	return parsed;
}

export class WebhookSender {
	readonly endpoints = new Map<string, WebhookEndpoint>();
	readonly deliveries: WebhookDelivery[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	private readonly tails = new Map<string, Promise<void>>();

	register(url: string, secret: string, options: { eventTypes?: string[] } = {}): WebhookEndpoint {
		assertLoopbackUrl(url);
		if (!secret) throw new Error('A webhook signing secret is required.');
		const endpoint: WebhookEndpoint = { id: newId('whep'), url, secret, eventTypes: options.eventTypes ?? [] };
		this.endpoints.set(endpoint.id, endpoint);
		return endpoint;
	}

	unregister(endpointId: string): boolean {
		this.tails.delete(endpointId);
		return this.endpoints.delete(endpointId);
	}

	clear(): void {
		this.endpoints.clear();
		this.tails.clear();
		this.deliveries.length = 0;
	}

	/** Queues one event for every matching endpoint; deliveries happen in the background. */
	emit(type: string, resourceId: string, workspaceId: string = TEST_WORKSPACE_ID): void {
		const event = {
			type: 'event',
			id: newId('wevt'),
			created_at: nowIso(),
			data: { type, id: resourceId, organization_id: EMULATOR_ORGANIZATION_ID, workspace_id: workspaceId },
		};
		for (const endpoint of this.endpoints.values()) {
			if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(type)) continue;
			// One delivery at a time per endpoint, in emission order, so tests see a deterministic sequence.
			const previous = this.tails.get(endpoint.id) ?? Promise.resolve();
			const delivery = previous.then(() => this.deliver(endpoint, event.id, JSON.stringify(event)));
			this.tails.set(endpoint.id, delivery);
			this.inFlight.add(delivery);
			void delivery.finally(() => this.inFlight.delete(delivery));
		}
	}

	/** Resolves when every delivery started so far has finished (tests await this). */
	async flush(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	private deliver(endpoint: WebhookEndpoint, webhookId: string, body: string): Promise<void> {
		const timestamp = Math.floor(Date.now() / 1000);
		const record: WebhookDelivery = { endpointId: endpoint.id, url: endpoint.url, webhookId, timestamp, body, status: null };
		this.deliveries.push(record);
		const target = new URL(endpoint.url);
		return new Promise<void>((resolve) => {
			const req = httpRequest(
				target,
				{
					method: 'POST',
					timeout: DELIVERY_TIMEOUT_MS,
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						'user-agent': 'claude-aws-emulator-webhooks',
						'webhook-id': webhookId,
						'webhook-timestamp': String(timestamp),
						'webhook-signature': signStandardWebhook(endpoint.secret, webhookId, timestamp, body),
					},
				},
				(res) => {
					record.status = res.statusCode ?? null;
					res.resume();
					res.on('end', resolve);
					res.on('error', () => resolve());
				},
			);
			req.on('timeout', () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)));
			req.on('error', (error) => {
				record.error = error.message;
				resolve();
			});
			req.end(body);
		});
	}
}

/** The sender lives at `emulator.state.webhooks`; other modules call `emitWebhook` and need not care if it is there. */
export function emitWebhook(emulator: Emulator, type: string, resourceId: string, workspaceId?: string): void {
	const sender = emulator.state.webhooks as WebhookSender | undefined;
	sender?.emit(type, resourceId, workspaceId);
}

/**
 * Control routes (no auth) so a test driving an emulator in another process (the e2e suite) can
 * register a receiver: POST /_emulator/webhooks {url, secret, event_types?}, DELETE /_emulator/webhooks/:id,
 * GET /_emulator/webhooks/deliveries.
 */
export function register(router: Router, emulator: Emulator): void {
	const sender = new WebhookSender();
	emulator.state.webhooks = sender;
	const noAuth = { noAuth: true };

	router.add(
		'POST',
		'/_emulator/webhooks',
		(ctx: RouteContext) => {
			const body = requireObjectBody(ctx.json());
			try {
				const endpoint = sender.register(String(body.url ?? ''), String(body.secret ?? ''), {
					eventTypes: Array.isArray(body.event_types) ? body.event_types.map(String) : [],
				});
				ctx.send(200, { id: endpoint.id, url: endpoint.url, event_types: endpoint.eventTypes });
			} catch (error) {
				throw badRequest((error as Error).message);
			}
		},
		noAuth,
	);

	router.add(
		'DELETE',
		'/_emulator/webhooks/:endpoint_id',
		(ctx: RouteContext) => {
			if (!sender.unregister(ctx.params.endpoint_id)) throw notFound('webhook endpoint', ctx.params.endpoint_id);
			ctx.send(200, { id: ctx.params.endpoint_id, type: 'webhook_endpoint_deleted' });
		},
		noAuth,
	);

	router.add(
		'GET',
		'/_emulator/webhooks/deliveries',
		(ctx: RouteContext) => ctx.send(200, { data: sender.deliveries }),
		noAuth,
	);
}

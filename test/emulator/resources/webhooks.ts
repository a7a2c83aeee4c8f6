/**
 * Outgoing webhooks: the emulator POSTs Standard Webhooks (https://www.standardwebhooks.com) to
 * endpoints a test registers, the way the platform notifies about Managed Agents sessions.
 * Payload shape follows the SDK's `BetaWebhookEvent`: `{ type: 'event', id, created_at, data: { type, id,
 * organization_id, workspace_id } }`. Headers: `webhook-id`, `webhook-timestamp` (unix seconds),
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the decoded whsec_ secret>`.
 *
 * Endpoints come from the platform's API (`/v1/organizations/webhooks`, beta `webhooks-2026-10-07`, the
 * SDK's `beta.organization.webhooks` shapes: create answers with the `whsec_` signing secret, no read
 * returns it; list pages by `after_id`/`before_id`, newest first) or from the no-auth control routes
 * below. Deliveries are signed with the endpoint's own secret; disabled endpoints get none.
 *
 * Only loopback URLs are accepted: the emulator must never become a way to send requests elsewhere.
 */
import { createHmac, randomBytes } from 'node:crypto';
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
	name: string;
	description: string;
	state: 'enabled' | 'disabled';
	createdAt: string;
	updatedAt: string;
}

/** The beta header the SDK sends for `beta.organization.webhooks`. */
export const WEBHOOKS_BETA = 'webhooks-2026-10-07';

/** The organization's limit on webhook endpoints (the SDK's documentation of create). */
export const MAX_WEBHOOK_ENDPOINTS = 32;

/** Event types an endpoint can subscribe to: the data types of the SDK's BetaWebhookEvent. */
export const WEBHOOK_EVENT_TYPES = new Set(
	(
		'agent.archived agent.created agent.deleted agent.updated deployment.archived deployment.created deployment.deleted ' +
		'deployment.paused deployment.unpaused deployment.updated deployment_run.failed deployment_run.started deployment_run.succeeded ' +
		'environment.archived environment.created environment.deleted environment.updated external_key.failed external_key.recovered ' +
		'external_storage.failed external_storage.recovered memory_store.archived memory_store.created memory_store.deleted ' +
		'session.archived session.budget_reached session.created session.deleted session.idled session.outcome_evaluation_ended ' +
		'session.pending session.requires_action session.running session.status_idled session.status_rescheduled ' +
		'session.status_run_started session.status_terminated session.thread_created session.thread_idled session.thread_terminated ' +
		'session.updated user_profile.enforcement_action_opened user_profile.enforcement_action_resolved ' +
		'user_profile.program_status_updated vault.archived vault.created vault.deleted vault_credential.archived ' +
		'vault_credential.created vault_credential.deleted vault_credential.refresh_failed'
	).split(' '),
);

/** A fresh `whsec_` secret; under jest the leak scan learns it, as it learns STS's minted keys. */
export function newSigningSecret(): string {
	const secret = `whsec_${randomBytes(32).toString('base64')}`;
	((globalThis as any).__addSecretForLeakScan as ((value: string) => void) | undefined)?.(secret);
	return secret;
}

/** The SDK's BetaOrganizationWebhookEndpoint (no secret). */
export function endpointView(endpoint: WebhookEndpoint): Record<string, unknown> {
	return {
		id: endpoint.id,
		created_at: endpoint.createdAt,
		description: endpoint.description,
		disabled_reason: '',
		enabled_events: endpoint.eventTypes,
		name: endpoint.name,
		state: endpoint.state,
		updated_at: endpoint.updatedAt,
		url: endpoint.url,
	};
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

	register(url: string, secret: string, options: { eventTypes?: string[]; name?: string; description?: string } = {}): WebhookEndpoint {
		assertLoopbackUrl(url);
		if (!secret) throw new Error('A webhook signing secret is required.');
		const at = nowIso();
		const endpoint: WebhookEndpoint = {
			id: newId('whep'),
			url,
			secret,
			eventTypes: options.eventTypes ?? [],
			name: options.name ?? '',
			description: options.description ?? '',
			state: 'enabled',
			createdAt: at,
			updatedAt: at,
		};
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
			if (endpoint.state !== 'enabled') continue;
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
	registerApi(router, sender);

	router.add(
		'GET',
		'/_emulator/webhooks/endpoints',
		(ctx: RouteContext) => ctx.send(200, { data: [...sender.endpoints.values()].map(endpointView) }),
		noAuth,
	);

	// Emits one event to every subscribed endpoint and answers once it was delivered.
	router.add(
		'POST',
		'/_emulator/webhooks/emit',
		async (ctx: RouteContext) => {
			const body = requireObjectBody(ctx.json());
			const type = String(body.type ?? '');
			if (!WEBHOOK_EVENT_TYPES.has(type)) throw badRequest(`type: '${type}' is not a webhook event type.`);
			const before = sender.deliveries.length;
			sender.emit(type, String(body.id ?? newId('sesn')), body.workspace_id === undefined ? undefined : String(body.workspace_id));
			await sender.flush();
			ctx.send(200, { data: sender.deliveries.slice(before) });
		},
		noAuth,
	);

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

function readEventTypes(value: unknown, required: boolean): string[] | undefined {
	if (value === undefined && !required) return undefined;
	if (!Array.isArray(value) || (required && value.length === 0)) throw badRequest('enabled_events: must list at least one event type.');
	const unknown = value.filter((type) => typeof type !== 'string' || !WEBHOOK_EVENT_TYPES.has(type));
	if (unknown.length) throw badRequest(`enabled_events: unknown event type ${JSON.stringify(unknown[0])}.`);
	return [...new Set(value as string[])];
}

function requireEndpoint(sender: WebhookSender, id: string): WebhookEndpoint {
	const endpoint = sender.endpoints.get(id);
	if (!endpoint) throw notFound('webhook endpoint', id);
	return endpoint;
}

function optionalText(body: Record<string, any>, field: string, max: number): string | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.length > max) throw badRequest(`${field}: must be a string of at most ${max} characters.`);
	return value;
}

/** The platform's API over the same endpoints: what the SDK's `beta.organization.webhooks` calls. */
function registerApi(router: Router, sender: WebhookSender): void {
	const beta = { beta: WEBHOOKS_BETA };

	router.add(
		'POST',
		'/v1/organizations/webhooks',
		(ctx: RouteContext) => {
			const body = requireObjectBody(ctx.json());
			const eventTypes = readEventTypes(body.enabled_events, true)!;
			if (sender.endpoints.size >= MAX_WEBHOOK_ENDPOINTS) throw badRequest(`An organization can have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`);
			let endpoint: WebhookEndpoint;
			try {
				endpoint = sender.register(String(body.url ?? ''), newSigningSecret(), {
					eventTypes,
					name: optionalText(body, 'name', 256),
					description: optionalText(body, 'description', 1024),
				});
			} catch (error) {
				throw badRequest(`url: ${(error as Error).message}`);
			}
			ctx.send(200, { ...endpointView(endpoint), signing_secret: endpoint.secret });
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/organizations/webhooks',
		(ctx: RouteContext) => {
			const limit = ctx.query.get('limit') === null ? 20 : Number(ctx.query.get('limit'));
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('limit: must be an integer from 1 to 100.');
			const order = ctx.query.get('order') ?? 'desc';
			if (order !== 'asc' && order !== 'desc') throw badRequest("order: must be 'asc' or 'desc'.");
			const all = [...sender.endpoints.values()];
			if (order === 'desc') all.reverse();
			const afterId = ctx.query.get('after_id');
			const beforeId = ctx.query.get('before_id');
			let start = 0;
			let end = all.length;
			if (afterId) start = all.findIndex((endpoint) => endpoint.id === afterId) + 1;
			if (beforeId) end = Math.max(0, all.findIndex((endpoint) => endpoint.id === beforeId));
			const page = beforeId ? all.slice(Math.max(start, end - limit), end) : all.slice(start, start + limit);
			const hasMore = beforeId ? end - limit > start : start + limit < end;
			ctx.send(200, {
				data: page.map(endpointView),
				has_more: hasMore,
				first_id: page[0]?.id ?? null,
				last_id: page[page.length - 1]?.id ?? null,
			});
		},
		beta,
	);

	router.add('GET', '/v1/organizations/webhooks/:webhook_endpoint_id', (ctx: RouteContext) => ctx.send(200, endpointView(requireEndpoint(sender, ctx.params.webhook_endpoint_id))), beta);

	router.add(
		'POST',
		'/v1/organizations/webhooks/:webhook_endpoint_id',
		(ctx: RouteContext) => {
			const endpoint = requireEndpoint(sender, ctx.params.webhook_endpoint_id);
			const body = requireObjectBody(ctx.json());
			const eventTypes = readEventTypes(body.enabled_events, false);
			if (body.state !== undefined && body.state !== 'enabled' && body.state !== 'disabled') throw badRequest("state: must be 'enabled' or 'disabled'.");
			if (body.url !== undefined) {
				try {
					assertLoopbackUrl(String(body.url));
				} catch (error) {
					throw badRequest(`url: ${(error as Error).message}`);
				}
				endpoint.url = String(body.url);
			}
			// An empty list leaves the set as it is (the SDK's documentation of update).
			if (eventTypes?.length) endpoint.eventTypes = eventTypes;
			endpoint.name = optionalText(body, 'name', 256) ?? endpoint.name;
			endpoint.description = optionalText(body, 'description', 1024) ?? endpoint.description;
			if (body.state !== undefined) endpoint.state = body.state;
			endpoint.updatedAt = nowIso();
			ctx.send(200, endpointView(endpoint));
		},
		beta,
	);

	router.add(
		'DELETE',
		'/v1/organizations/webhooks/:webhook_endpoint_id',
		(ctx: RouteContext) => {
			const endpoint = requireEndpoint(sender, ctx.params.webhook_endpoint_id);
			sender.unregister(endpoint.id);
			ctx.send(200, { id: endpoint.id, type: 'webhook_endpoint_deleted' });
		},
		beta,
	);

	router.add(
		'POST',
		'/v1/organizations/webhooks/:webhook_endpoint_id/regenerate_signing_secret',
		(ctx: RouteContext) => {
			const endpoint = requireEndpoint(sender, ctx.params.webhook_endpoint_id);
			endpoint.secret = newSigningSecret();
			endpoint.updatedAt = nowIso();
			ctx.send(200, { signing_secret: endpoint.secret });
		},
		beta,
	);
}


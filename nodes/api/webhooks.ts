/**
 * beta.organization.webhooks: the platform's webhook endpoints (create, list, retrieve, update, delete).
 * Shapes are the SDK's (BetaOrganizationWebhookEndpoint and friends), hand-written: the SDK types
 * `enabled_events` as the organization-level events only, while an endpoint also takes the session,
 * agent and environment events the Claude on AWS Trigger asks for.
 */
import type { ClaudeAwsClient } from '../transport/client';
import { route } from './path';
import { call, callAbout, defineNoun, list, type Paging } from './resource';

export const WEBHOOKS_BETA = 'webhooks-2026-10-07';

export interface WebhookEndpoint {
	id: string;
	url: string;
	enabled_events: string[];
	name: string;
	description: string;
	state: 'enabled' | 'disabled';
	disabled_reason: string;
	created_at: string;
	updated_at: string;
}

/** Only the create answer carries the signing secret; no read returns it. */
export interface NewWebhookEndpoint extends WebhookEndpoint {
	signing_secret: string;
}

export interface WebhookEndpointCreate {
	url: string;
	enabled_events: string[];
	name?: string;
	description?: string;
}

export type WebhookEndpointUpdate = Partial<WebhookEndpointCreate> & { state?: 'enabled' | 'disabled' };

export const WEBHOOK_ENDPOINT = defineNoun('webhook endpoint', 'id', [WEBHOOKS_BETA]);

const FIELDS = ['id', 'url', 'enabled_events'];

export const webhooks = {
	noun: WEBHOOK_ENDPOINT,
	create: (client: ClaudeAwsClient, body: WebhookEndpointCreate) =>
		call<NewWebhookEndpoint>(
			client,
			WEBHOOK_ENDPOINT,
			{ method: 'POST', path: route`/v1/organizations/webhooks`, body, idempotent: false },
			[...FIELDS, 'signing_secret'],
		),
	list: (client: ClaudeAwsClient, paging: Paging = { returnAll: true }) =>
		list<WebhookEndpoint>(client, WEBHOOK_ENDPOINT, route`/v1/organizations/webhooks`, paging),
	retrieve: (client: ClaudeAwsClient, id: string) =>
		callAbout<WebhookEndpoint>(client, WEBHOOK_ENDPOINT, id, { method: 'GET', path: route`/v1/organizations/webhooks/${id}` }, FIELDS),
	update: (client: ClaudeAwsClient, id: string, body: WebhookEndpointUpdate) =>
		callAbout<WebhookEndpoint>(client, WEBHOOK_ENDPOINT, id, { method: 'POST', path: route`/v1/organizations/webhooks/${id}`, body }, FIELDS),
	delete: (client: ClaudeAwsClient, id: string) =>
		callAbout<{ id: string; type: 'webhook_endpoint_deleted' }>(
			client,
			WEBHOOK_ENDPOINT,
			id,
			{ method: 'DELETE', path: route`/v1/organizations/webhooks/${id}` },
			['id'],
		),
};

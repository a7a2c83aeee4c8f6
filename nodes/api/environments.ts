/** beta.environments: create, retrieve, list, update, archive, delete. */
import type { ClaudeAwsClient, QueryValue } from '../transport/client';
import { MANAGED_AGENTS_BETA } from './managedAgents';
import { route } from './path';
import { call, callAbout, defineNoun, list, type Paging } from './resource';

export type Environment = { id: string; name?: string; [key: string]: unknown };

export const ENVIRONMENT = defineNoun('environment', 'page', [MANAGED_AGENTS_BETA]);

export const environments = {
	noun: ENVIRONMENT,
	path: route`/v1/environments`,
	create: (client: ClaudeAwsClient, body: unknown) =>
		call<Environment>(client, ENVIRONMENT, { method: 'POST', path: route`/v1/environments`, body, idempotent: false }, ['id']),
	retrieve: (client: ClaudeAwsClient, id: string) => callAbout<Environment>(client, ENVIRONMENT, id, { method: 'GET', path: route`/v1/environments/${id}` }, ['id']),
	list: (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue> = {}) =>
		list<Environment>(client, ENVIRONMENT, route`/v1/environments`, paging, query),
	update: (client: ClaudeAwsClient, id: string, body: unknown) =>
		callAbout<Environment>(client, ENVIRONMENT, id, { method: 'POST', path: route`/v1/environments/${id}`, body }, ['id']),
	archive: (client: ClaudeAwsClient, id: string) =>
		callAbout<Environment>(client, ENVIRONMENT, id, { method: 'POST', path: route`/v1/environments/${id}/archive` }, ['id']),
	delete: (client: ClaudeAwsClient, id: string) => callAbout<{ id: string }>(client, ENVIRONMENT, id, { method: 'DELETE', path: route`/v1/environments/${id}` }, ['id']),
};

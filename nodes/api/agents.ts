/** beta.agents (with versions): create, retrieve (at a version), list, update, archive. */
import type { ClaudeAwsClient, QueryValue } from '../transport/client';
import { MANAGED_AGENTS_BETA } from './managedAgents';
import { route } from './path';
import { call, callAbout, defineNoun, list, type Paging } from './resource';

export type Agent = { id: string; version?: number; name?: string; [key: string]: unknown };

export const AGENT = defineNoun('agent', 'page', [MANAGED_AGENTS_BETA]);

export const agents = {
	noun: AGENT,
	path: route`/v1/agents`,
	create: (client: ClaudeAwsClient, body: unknown) => call<Agent>(client, AGENT, { method: 'POST', path: route`/v1/agents`, body, idempotent: false }, ['id']),
	retrieve: (client: ClaudeAwsClient, id: string, version?: number) =>
		callAbout<Agent>(client, AGENT, id, { method: 'GET', path: route`/v1/agents/${id}`, query: version ? { version } : {} }, ['id']),
	list: (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue> = {}) => list<Agent>(client, AGENT, route`/v1/agents`, paging, query),
	/** A new version; `version` is the one the update is based on (the API refuses a stale one). */
	update: (client: ClaudeAwsClient, id: string, body: unknown) =>
		callAbout<Agent>(client, AGENT, id, { method: 'POST', path: route`/v1/agents/${id}`, body, idempotent: false }, ['id']),
	archive: (client: ClaudeAwsClient, id: string) => callAbout<Agent>(client, AGENT, id, { method: 'POST', path: route`/v1/agents/${id}/archive` }, ['id']),
	versions: {
		list: (client: ClaudeAwsClient, id: string, paging: Paging) => list<Agent>(client, AGENT, route`/v1/agents/${id}/versions`, paging),
	},
};

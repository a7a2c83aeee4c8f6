/**
 * beta.sessions with its sub-nouns as the SDK has them: events (send, list, stream), resources and
 * threads. Paths only take IDs through `route`, so a pasted ID can never reach another endpoint.
 */
import type { ApiRequest, ClaudeAwsClient, QueryValue } from '../transport/client';
import { MANAGED_AGENTS_BETA } from './managedAgents';
import { route } from './path';
import { call, callAbout, defineNoun, list, withBetas, type Paging } from './resource';

export type Session = { id: string; status?: string; [key: string]: unknown };
export type SessionEvent = { id: string; type: string; processed_at?: string | null; [key: string]: any };

export const SESSION = defineNoun('session', 'page', [MANAGED_AGENTS_BETA]);
export const SESSION_RESOURCE = defineNoun('session resource', 'page', [MANAGED_AGENTS_BETA]);
export const THREAD = defineNoun('thread', 'page', [MANAGED_AGENTS_BETA]);

export const sessions = {
	noun: SESSION,
	path: route`/v1/sessions`,
	/** Not idempotent: a retried create after a lost answer would start a second session. */
	create: (client: ClaudeAwsClient, body: unknown) => call<Session>(client, SESSION, { method: 'POST', path: route`/v1/sessions`, body, idempotent: false }, ['id']),
	retrieve: (client: ClaudeAwsClient, id: string, signal?: AbortSignal) =>
		callAbout<Session>(client, SESSION, id, { method: 'GET', path: route`/v1/sessions/${id}`, signal }, ['id']),
	list: (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue> = {}) => list<Session>(client, SESSION, route`/v1/sessions`, paging, query),
	update: (client: ClaudeAwsClient, id: string, body: unknown) => callAbout<Session>(client, SESSION, id, { method: 'POST', path: route`/v1/sessions/${id}`, body }, ['id']),
	archive: (client: ClaudeAwsClient, id: string) => callAbout<Session>(client, SESSION, id, { method: 'POST', path: route`/v1/sessions/${id}/archive` }, ['id']),
	delete: (client: ClaudeAwsClient, id: string) => callAbout<{ id: string }>(client, SESSION, id, { method: 'DELETE', path: route`/v1/sessions/${id}` }),

	events: {
		/** Not idempotent: a repeated user.message would be a second turn. Returns the events as recorded, with their IDs. */
		async send(client: ClaudeAwsClient, sessionId: string, events: Record<string, unknown>[]): Promise<SessionEvent[]> {
			const answer = await callAbout<{ data?: SessionEvent[] }>(client, SESSION, sessionId, {
				method: 'POST',
				path: route`/v1/sessions/${sessionId}/events`,
				body: { events },
				idempotent: false,
			});
			return Array.isArray(answer?.data) ? answer.data : [];
		},
		list: (client: ClaudeAwsClient, sessionId: string, paging: Paging, query: Record<string, QueryValue> = {}, signal?: AbortSignal) =>
			list<SessionEvent>(client, SESSION, route`/v1/sessions/${sessionId}/events`, paging, query, signal),
		/** One page, for readers that want the newest event only. */
		page: (client: ClaudeAwsClient, sessionId: string, query: Record<string, QueryValue>, signal?: AbortSignal) =>
			callAbout<{ data?: SessionEvent[]; next_page?: string | null }>(client, SESSION, sessionId, {
				method: 'GET',
				path: route`/v1/sessions/${sessionId}/events`,
				query,
				signal,
			}),
		/** The SSE request of the live event stream (read with client.sse). */
		streamRequest: (sessionId: string, signal?: AbortSignal): ApiRequest =>
			withBetas(SESSION, { method: 'GET', path: route`/v1/sessions/${sessionId}/events/stream`, headers: { accept: 'text/event-stream' }, signal }),
	},

	resources: {
		add: (client: ClaudeAwsClient, sessionId: string, body: unknown) =>
			callAbout<{ id: string }>(client, SESSION, sessionId, { method: 'POST', path: route`/v1/sessions/${sessionId}/resources`, body, idempotent: false }, ['id']),
		list: (client: ClaudeAwsClient, sessionId: string, paging: Paging) => list(client, SESSION_RESOURCE, route`/v1/sessions/${sessionId}/resources`, paging),
		retrieve: (client: ClaudeAwsClient, sessionId: string, id: string) =>
			callAbout(client, SESSION_RESOURCE, id, { method: 'GET', path: route`/v1/sessions/${sessionId}/resources/${id}` }, ['id']),
		update: (client: ClaudeAwsClient, sessionId: string, id: string, body: unknown) =>
			callAbout(client, SESSION_RESOURCE, id, { method: 'POST', path: route`/v1/sessions/${sessionId}/resources/${id}`, body }, ['id']),
		delete: (client: ClaudeAwsClient, sessionId: string, id: string) =>
			callAbout(client, SESSION_RESOURCE, id, { method: 'DELETE', path: route`/v1/sessions/${sessionId}/resources/${id}` }),
	},

	threads: {
		list: (client: ClaudeAwsClient, sessionId: string, paging: Paging, query: Record<string, QueryValue> = {}) =>
			list(client, THREAD, route`/v1/sessions/${sessionId}/threads`, paging, query),
		retrieve: (client: ClaudeAwsClient, sessionId: string, id: string) =>
			callAbout(client, THREAD, id, { method: 'GET', path: route`/v1/sessions/${sessionId}/threads/${id}` }, ['id']),
		archive: (client: ClaudeAwsClient, sessionId: string, id: string) =>
			callAbout(client, THREAD, id, { method: 'POST', path: route`/v1/sessions/${sessionId}/threads/${id}/archive` }, ['id']),
		events: (client: ClaudeAwsClient, sessionId: string, id: string, paging: Paging) =>
			list<SessionEvent>(client, THREAD, route`/v1/sessions/${sessionId}/threads/${id}/events`, paging),
	},
};

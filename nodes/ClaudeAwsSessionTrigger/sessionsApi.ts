/** The few reads the poll trigger needs: the watched sessions, a session's last idle event and its turn. */
import { sessions, type SessionEvent } from '../api/sessions';
import type { ClaudeAwsClient } from '../transport/client';
import { turnEndingAt } from './item';

type Listed = { id: string; [key: string]: unknown };

/** A 404 names the session the user gave (the API layer's not-found naming). */
export function getSession(client: ClaudeAwsClient, sessionId: string): Promise<Listed> {
	return sessions.retrieve(client, sessionId);
}

export function listSessions(client: ClaudeAwsClient, agentId: string | undefined, max: number): Promise<Listed[]> {
	return sessions.list(client, { returnAll: false, limit: max }, agentId ? { agent_id: agentId } : {});
}

export async function lastIdleEvent(client: ClaudeAwsClient, sessionId: string): Promise<SessionEvent | undefined> {
	const page = await sessions.events.page(client, sessionId, { 'types[]': ['session.status_idle'], order: 'desc', limit: 1 });
	return page?.data?.[0];
}

/** The events of the turn that ended with `idle`, oldest first, up to and including it. */
export async function turnBefore(client: ClaudeAwsClient, sessionId: string, idle: SessionEvent): Promise<SessionEvent[]> {
	const recent = await sessions.events.list(client, sessionId, { returnAll: false, limit: 200, pageSize: 100 }, { order: 'desc' });
	return turnEndingAt(recent, idle);
}

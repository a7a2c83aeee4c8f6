/** The few reads the poll trigger needs: the watched sessions, a session's last idle event and its turn. */
import type { IDataObject } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../transport/client';
import { MANAGED_AGENTS_BETA } from '../transport/constants';
import { ClaudeApiError } from '../transport/errors';
import { turnEndingAt } from './item';

const betas = [MANAGED_AGENTS_BETA];
type Event = IDataObject & { id: string; type: string };

const sessionPath = (id: string, suffix = '') => `/v1/sessions/${encodeURIComponent(id)}${suffix}`;

export async function getSession(client: ClaudeAwsClient, sessionId: string): Promise<IDataObject> {
	try {
		return await client.request<IDataObject>({ method: 'GET', path: sessionPath(sessionId), betas });
	} catch (error) {
		if (error instanceof ClaudeApiError && error.status === 404) {
			throw new ClaudeApiError({ ...error, apiMessage: `No session '${sessionId}' in this workspace (${error.apiMessage})` });
		}
		throw error;
	}
}

export function listSessions(client: ClaudeAwsClient, agentId: string | undefined, max: number): Promise<IDataObject[]> {
	return client.paginate<IDataObject>(
		{ method: 'GET', path: '/v1/sessions', query: agentId ? { agent_id: agentId } : {}, betas },
		{ style: 'page', returnAll: false, limit: max },
	);
}

export async function lastIdleEvent(client: ClaudeAwsClient, sessionId: string): Promise<Event | undefined> {
	const page = await client.request<{ data?: Event[] }>({
		method: 'GET',
		path: sessionPath(sessionId, '/events'),
		query: { 'types[]': ['session.status_idle'], order: 'desc', limit: 1 },
		betas,
	});
	return page?.data?.[0];
}

/** The events of the turn that ended with `idle`, oldest first, up to and including it. */
export async function turnBefore(client: ClaudeAwsClient, sessionId: string, idle: Event): Promise<Event[]> {
	const recent = await client.paginate<Event>(
		{ method: 'GET', path: sessionPath(sessionId, '/events'), query: { order: 'desc' }, betas },
		{ style: 'page', returnAll: false, limit: 200, pageSize: 100 },
	);
	return turnEndingAt(recent, idle);
}

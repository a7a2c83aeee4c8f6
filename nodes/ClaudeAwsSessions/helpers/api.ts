/** Managed Agents calls share the beta flag and path building; IDs are encoded so a pasted value can never change the path. */
import type { ApiRequest, ClaudeAwsClient } from '../../transport/client';
import { MANAGED_AGENTS_BETA } from '../../transport/constants';
import { ClaudeApiError } from '../../transport/errors';

export const BETAS = [MANAGED_AGENTS_BETA];

export type SessionEvent = { id: string; type: string; processed_at?: string | null; [key: string]: any };

export function sessionPath(sessionId: string, suffix = ''): string {
	return `/v1/sessions/${encodeURIComponent(sessionId)}${suffix}`;
}

export function agentPath(agentId: string, suffix = ''): string {
	return `/v1/agents/${encodeURIComponent(agentId)}${suffix}`;
}

export function environmentPath(environmentId: string, suffix = ''): string {
	return `/v1/environments/${encodeURIComponent(environmentId)}${suffix}`;
}

export function beta(request: ApiRequest): ApiRequest {
	return { ...request, betas: [...(request.betas ?? []), ...BETAS] };
}

/** POST /v1/sessions/{id}/events; returns the events as the API recorded them (with their IDs). */
export async function sendEvents(client: ClaudeAwsClient, sessionId: string, events: Record<string, unknown>[]): Promise<SessionEvent[]> {
	// Not idempotent: a repeated user.message would be a second turn.
	const answer = await client.request<{ data?: SessionEvent[] }>(beta({ method: 'POST', path: sessionPath(sessionId, '/events'), body: { events }, idempotent: false }));
	return Array.isArray(answer?.data) ? answer.data : [];
}

/** A 404 for a session names the session the user gave, whatever wording the gateway used. */
export function explainNotFound(error: unknown, kind: string, id: string): unknown {
	if (error instanceof ClaudeApiError && error.status === 404) {
		return new ClaudeApiError({
			status: 404,
			errorType: error.errorType,
			apiMessage: `No ${kind} '${id}' in this workspace (${error.apiMessage})`,
			requestId: error.requestId,
			method: error.method,
			path: error.path,
			retries: error.retries,
		});
	}
	return error;
}

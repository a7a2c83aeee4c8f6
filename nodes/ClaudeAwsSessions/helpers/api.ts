/** What the turn helpers still import by these names; the paths come from the API layer, through the one ID rule. */
import type { ApiRequest, ClaudeAwsClient } from '../../transport/client';
import { MANAGED_AGENTS_BETA } from '../../api/managedAgents';
import { route } from '../../api/path';
import { namingNotFound } from '../../api/resource';
import { SESSION, sessions, type SessionEvent } from '../../api/sessions';

export type { SessionEvent };

export const BETAS = [MANAGED_AGENTS_BETA];

/** `suffix` is a literal of the caller's (e.g. '/events'), never user input. */
export function sessionPath(sessionId: string, suffix = ''): string {
	return route`/v1/sessions/${sessionId}` + suffix;
}

export function beta(request: ApiRequest): ApiRequest {
	return { ...request, betas: [...(request.betas ?? []), ...BETAS] };
}

export function sendEvents(client: ClaudeAwsClient, sessionId: string, events: Record<string, unknown>[]): Promise<SessionEvent[]> {
	return sessions.events.send(client, sessionId, events);
}

export function explainNotFound(error: unknown, _kind: string, id: string): unknown {
	return namingNotFound(error, SESSION, id);
}

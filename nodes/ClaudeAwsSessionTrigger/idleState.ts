/**
 * What the poll trigger remembers between polls, per session: its last status, update time and the ID
 * of its last `session.status_idle` event. An idle transition is a NEW idle event, so a session that ran
 * and went idle again between two polls still counts once, and one that stays idle never counts twice.
 * Kept in the workflow's static data, so it survives restarts and queue-mode workers alike.
 */
import type { IDataObject } from 'n8n-workflow';

export interface SessionMemory {
	status: string;
	updatedAt: string;
	lastIdleEventId: string | null;
}

export interface TriggerState {
	/** Which sessions the memory is about; a changed setting starts over (first poll records only). */
	watchKey: string;
	/** When watching started: sessions first seen later but created before are not "new". */
	startedAt: string;
	sessions: Record<string, SessionMemory>;
}

export function readState(staticData: IDataObject): TriggerState | undefined {
	const state = staticData.claudeSessions as TriggerState | undefined;
	return state && typeof state === 'object' && state.sessions ? state : undefined;
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.claudeSessions = state as unknown as IDataObject;
}

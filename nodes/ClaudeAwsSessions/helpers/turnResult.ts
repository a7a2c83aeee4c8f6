/** Turns the events of a finished turn into the item a workflow gets, or into an error when the turn failed. */
import type { IDataObject } from 'n8n-workflow';
import { turnFailure, turnItem, usageSnapshot } from '../../shared/sessionTurn';
import { sessions } from '../../api/sessions';
import type { ClaudeAwsClient } from '../../transport/client';
import type { TurnEnd } from './turn';

/** The agent's turn ended badly: the reply (if any) is not an answer. */
export class TurnFailedError extends Error {
	constructor(
		readonly sessionId: string,
		message: string,
	) {
		super(message);
		this.name = 'TurnFailedError';
	}
}

export { textOf } from '../../shared/sessionTurn';

export async function turnOutput(
	client: ClaudeAwsClient,
	sessionId: string,
	turn: TurnEnd,
	options: { includeEvents: boolean; signal?: AbortSignal },
): Promise<IDataObject> {
	const { events, end } = turn;
	if (end.type === 'session.deleted') {
		throw new TurnFailedError(sessionId, `Session ${sessionId} was deleted before its turn ended.`);
	}
	const why = turnFailure(events, end);
	if (why) throw new TurnFailedError(sessionId, `The agent's turn in session ${sessionId} failed: ${why}.`);
	// The session's cumulative usage: from a usage snapshot in the turn when there is one, else read once.
	const sessionUsage = usageSnapshot(events) ? undefined : await readUsage(client, sessionId, options.signal);
	return turnItem({ sessionId, end, events, sessionUsage, includeEvents: options.includeEvents });
}

async function readUsage(client: ClaudeAwsClient, sessionId: string, signal?: AbortSignal): Promise<IDataObject | null> {
	const session = await sessions.retrieve(client, sessionId, signal);
	return (session.usage as IDataObject | undefined) ?? null;
}

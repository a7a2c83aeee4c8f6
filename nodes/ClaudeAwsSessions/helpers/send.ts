/** Sends a turn's input to an existing session (message, tool result, confirmation) and optionally waits for the turn. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { sessions, type SessionEvent } from '../../api/sessions';
import type { ClaudeAwsClient } from '../../transport/client';
import { ClaudeApiError } from '../../transport/errors';
import type { TurnClients } from './turn';
import { waitForTurn, type WaitSettings } from './wait';

/**
 * Sends events; when the gateway refuses them, reads the session so the error can say why in plain
 * words (archived, terminated) instead of only echoing the API's message.
 */
export async function sendChecked(context: IExecuteFunctions, client: ClaudeAwsClient, sessionId: string, events: Record<string, unknown>[], itemIndex: number): Promise<SessionEvent[]> {
	try {
		// A 404 already names the session (the API layer's not-found naming).
		return await sessions.events.send(client, sessionId, events);
	} catch (error) {
		if (error instanceof ClaudeApiError && (error.status === 400 || error.status === 409)) {
			const session = (await sessions.retrieve(client, sessionId).catch(() => undefined)) as IDataObject | undefined;
			const state = session?.archived_at ? 'archived' : session?.status === 'terminated' ? 'terminated' : undefined;
			if (state) {
				throw new NodeOperationError(context.getNode(), `Session ${sessionId} is ${state}; it accepts no more events (item ${itemIndex})`, {
					itemIndex,
					description: `Start a new session instead. The gateway said: ${error.apiMessage}${error.requestId ? ` Request ID: ${error.requestId}.` : ''}`,
				});
			}
		}
		throw error;
	}
}

export async function sendTurnInput(
	context: IExecuteFunctions,
	clients: TurnClients,
	sessionId: string,
	events: Record<string, unknown>[],
	wait: boolean,
	settings: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const send = () => sendChecked(context, clients.api, sessionId, events, itemIndex);
	if (!wait) return { session_id: sessionId, sent_events: await send() };
	return waitForTurn(context, clients, sessionId, send, settings, itemIndex);
}

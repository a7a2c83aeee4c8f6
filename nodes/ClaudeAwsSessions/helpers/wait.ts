/** Runs one turn for one item and phrases its failures for the workflow's error panel. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { toNodeError } from '../../shared/errors';
import type { SessionEvent } from '../../api/sessions';
import { TurnFollower, TurnTimeoutError, type TurnClients } from './turn';
import { TurnFailedError, turnOutput } from './turnResult';

export interface WaitSettings {
	waitMs: number;
	includeEvents: boolean;
}

export function readWaitSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const seconds = Number(options.waitSeconds ?? 300);
	return {
		waitMs: Math.max(1, Number.isFinite(seconds) ? seconds : 300) * 1000,
		includeEvents: options.includeEvents === true,
	};
}

export async function waitForTurn(
	context: IExecuteFunctions,
	clients: TurnClients,
	sessionId: string,
	send: (() => Promise<SessionEvent[]>) | undefined,
	settings: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const signal = context.getExecutionCancelSignal?.();
	try {
		const turn = await new TurnFollower(clients, sessionId).follow(send, { waitMs: settings.waitMs, signal });
		return await turnOutput(clients.api, sessionId, turn, { includeEvents: settings.includeEvents, signal });
	} catch (error) {
		if (error instanceof TurnTimeoutError) {
			throw new NodeOperationError(context.getNode(), `${error.message} (item ${itemIndex})`, {
				itemIndex,
				description: `Session ID: ${sessionId}. The session was not stopped: read its reply later with Get or List Events on this session (or a Claude on AWS Session Trigger), or raise Options > Wait Limit.`,
			});
		}
		if (error instanceof TurnFailedError) {
			throw new NodeOperationError(context.getNode(), `${error.message} (item ${itemIndex})`, {
				itemIndex,
				description: `Session ID: ${sessionId}. List the session's events to see what happened.`,
			});
		}
		// Whatever else went wrong, the session exists: say which one, so the workflow can pick it up.
		const nodeError = toNodeError(context.getNode(), error, itemIndex);
		if (!String(nodeError.description ?? '').includes('Session ID:')) {
			nodeError.description = `${nodeError.description ? `${nodeError.description} ` : ''}Session ID: ${sessionId}.`;
		}
		throw nodeError;
	}
}

/** Runs one turn for one item and phrases its failures for the workflow's error panel. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { parameterError, toNodeError } from '../../shared/errors';
import type { SessionEvent } from '../../api/sessions';
import { TurnFollower, TurnTimeoutError, type TurnClients } from './turn';
import { TurnFailedError, turnOutput } from './turnResult';

export interface WaitSettings {
	waitMs: number;
	includeEvents: boolean;
}

/**
 * The longest Wait Limit: 7 days. Longer, the execution is better not held open at all (send without
 * Wait for Reply and pick the turn up with the Session Trigger); and far longer values once overflowed
 * Node's timer (2^31-1 ms, about 24.8 days), which fires such a timer at once.
 */
export const MAX_WAIT_SECONDS = 7 * 24 * 60 * 60;
const WAIT_LIMIT = 'Wait Limit (Seconds)';

/** Checked before any request: a wait limit that cannot be kept fails the item, naming the option. */
export function readWaitSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const includeEvents = options.includeEvents === true;
	const raw = options.waitSeconds ?? 300;
	const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
	// Without Wait for Reply the limit is not used, so it cannot fail the item either.
	if (context.getNodeParameter('waitForReply', itemIndex, true) === false) return { waitMs: 300_000, includeEvents };
	if (!Number.isFinite(seconds)) {
		throw parameterError(context.getNode(), WAIT_LIMIT, `"${String(raw).slice(0, 40)}" is not a number of seconds`, itemIndex, 'Give a number of seconds, e.g. 300.');
	}
	if (seconds > MAX_WAIT_SECONDS) {
		throw parameterError(
			context.getNode(),
			WAIT_LIMIT,
			`is ${seconds}; it can be at most ${MAX_WAIT_SECONDS} (7 days)`,
			itemIndex,
			'For longer turns, turn Wait for Reply off and pick the reply up later with the Claude on AWS Session Trigger, or Get / List Events.',
		);
	}
	return { waitMs: Math.max(1, seconds) * 1000, includeEvents };
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

/** Turns the events of a finished turn into the item a workflow gets, or into an error when the turn failed. */
import type { IDataObject } from 'n8n-workflow';
import type { ClaudeAwsClient } from '../../transport/client';
import { beta, sessionPath, type SessionEvent } from './api';
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

const TOOL_USE_TYPES = new Set(['agent.custom_tool_use', 'agent.tool_use', 'agent.mcp_tool_use']);

export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.filter((block) => block && block.type === 'text' && typeof block.text === 'string')
		.map((block) => block.text as string)
		.join('');
}

/** What a tool-use event asks for, in the shape a workflow answers with Send Tool Result / Confirm Tool Use. */
function pendingToolUse(id: string, events: SessionEvent[]): IDataObject {
	const event = events.find((e) => e.id === id);
	if (!event || !TOOL_USE_TYPES.has(event.type)) return { id };
	return {
		id,
		type: event.type,
		name: event.name ?? null,
		input: event.input ?? null,
		...(event.mcp_server_name ? { mcp_server_name: event.mcp_server_name } : {}),
		// A custom tool wants a result; a built-in or MCP tool waiting here wants a confirmation.
		answer_with: event.type === 'agent.custom_tool_use' ? 'sendToolResult' : 'confirmToolUse',
	};
}

export async function turnOutput(
	client: ClaudeAwsClient,
	sessionId: string,
	turn: TurnEnd,
	options: { includeEvents: boolean; signal?: AbortSignal },
): Promise<IDataObject> {
	const { events, end } = turn;
	const errors = events.filter((e) => e.type === 'session.error').map((e) => e.error ?? {});
	const failure = errors.find((error) => ['exhausted', 'terminal'].includes(error?.retry_status?.type));

	if (end.type === 'session.deleted') {
		throw new TurnFailedError(sessionId, `Session ${sessionId} was deleted before its turn ended.`);
	}
	const stopReason = end.type === 'session.status_idle' ? (end.stop_reason?.type ?? null) : null;
	if (stopReason === 'retries_exhausted' || failure) {
		const detail = failure ?? errors[errors.length - 1];
		const why = detail ? `${detail.message ?? 'no message'} (${detail.type ?? 'error'})` : 'its retries were exhausted';
		throw new TurnFailedError(sessionId, `The agent's turn in session ${sessionId} failed: ${why}.`);
	}

	const reply = events
		.filter((e) => e.type === 'agent.message')
		.map((e) => textOf(e.content))
		.filter((text) => text !== '')
		.join('\n\n');

	const output: IDataObject = {
		session_id: sessionId,
		status: end.type === 'session.status_terminated' ? 'terminated' : 'idle',
		stop_reason: stopReason,
		reply,
	};
	if (stopReason === 'requires_action') {
		const ids: string[] = Array.isArray(end.stop_reason?.event_ids) ? end.stop_reason.event_ids : [];
		output.pending_tool_uses = ids.map((id) => pendingToolUse(id, events));
	}
	if (end.stop_details) output.stop_details = end.stop_details;
	output.usage = await usageAfter(client, sessionId, events, options.signal);
	if (errors.length > 0) output.errors = errors;
	if (options.includeEvents) output.events = events;
	return output;
}

/** The session's cumulative usage: from a usage snapshot in the turn when there is one, else read once. */
async function usageAfter(client: ClaudeAwsClient, sessionId: string, events: SessionEvent[], signal?: AbortSignal): Promise<IDataObject | null> {
	const snapshot = [...events].reverse().find((e) => e.type === 'session.usage' && e.usage);
	if (snapshot) return snapshot.usage;
	const session = await client.request<IDataObject>(beta({ method: 'GET', path: sessionPath(sessionId), signal }));
	return (session?.usage as IDataObject) ?? null;
}

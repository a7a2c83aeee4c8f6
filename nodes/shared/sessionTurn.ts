/**
 * The one output of a finished session turn. The Sessions node (after Send Message / Start with a wait)
 * and the Session Trigger (when a session goes idle) describe the same turn, so a workflow that moves
 * from one to the other reads the same fields: session_id, status, stop_reason, reply,
 * pending_tool_uses, stop_details, usage, errors and (when asked) events. Pure: no I/O, no n8n context.
 */
import type { IDataObject } from 'n8n-workflow';
import type { SessionEvent } from '../api/sessions';

const TOOL_USE_TYPES = new Set(['agent.custom_tool_use', 'agent.tool_use', 'agent.mcp_tool_use']);

export interface FinishedTurn {
	sessionId: string;
	/** The event that ended the turn: session.status_idle or session.status_terminated. */
	end: SessionEvent;
	/**
	 * The turn's events in order, up to and including `end`; undefined when the turn was not read
	 * (the trigger with Include Reply off), which leaves out reply, pending tool uses, errors and events.
	 */
	events?: SessionEvent[];
	/** The session's cumulative usage when the turn carries no usage snapshot of its own. */
	sessionUsage?: IDataObject | null;
	includeEvents?: boolean;
}

/** The text blocks of a message's content, joined; a plain string content is its own text. */
export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.filter((block) => block && block.type === 'text' && typeof block.text === 'string')
		.map((block) => block.text as string)
		.join('');
}

/** The agent's messages of the turn, one paragraph each. */
export function replyOf(events: SessionEvent[]): string {
	return events
		.filter((e) => e.type === 'agent.message')
		.map((e) => textOf(e.content))
		.filter((text) => text !== '')
		.join('\n\n');
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

export function stopReasonOf(end: SessionEvent): string | null {
	return end.type === 'session.status_idle' ? (end.stop_reason?.type ?? null) : null;
}

/** The session.error events' errors, oldest first. */
export function errorsOf(events: SessionEvent[]): IDataObject[] {
	return events.filter((e) => e.type === 'session.error').map((e) => e.error ?? {});
}

/** The newest usage snapshot the turn carries, if any. */
export function usageSnapshot(events: SessionEvent[] | undefined): IDataObject | undefined {
	const snapshot = [...(events ?? [])].reverse().find((e) => e.type === 'session.usage' && e.usage);
	return snapshot?.usage;
}

/**
 * Why the turn failed, for an error message; undefined when it did not. A turn fails when its retries
 * were exhausted or an error was terminal, whatever the stop reason says.
 */
export function turnFailure(events: SessionEvent[], end: SessionEvent): string | undefined {
	const errors = errorsOf(events);
	const failure = errors.find((error: any) => ['exhausted', 'terminal'].includes(error?.retry_status?.type));
	if (stopReasonOf(end) !== 'retries_exhausted' && !failure) return undefined;
	const detail = failure ?? errors[errors.length - 1];
	return detail ? `${detail.message ?? 'no message'} (${detail.type ?? 'error'})` : 'its retries were exhausted';
}

export function turnItem(turn: FinishedTurn): IDataObject {
	const { end, events } = turn;
	const stopReason = stopReasonOf(end);
	const output: IDataObject = {
		session_id: turn.sessionId,
		status: end.type === 'session.status_terminated' ? 'terminated' : 'idle',
		stop_reason: stopReason,
	};
	if (events) output.reply = replyOf(events);
	if (events && stopReason === 'requires_action') {
		const ids: string[] = Array.isArray(end.stop_reason?.event_ids) ? end.stop_reason.event_ids : [];
		output.pending_tool_uses = ids.map((id) => pendingToolUse(id, events));
	}
	if (end.stop_details) output.stop_details = end.stop_details;
	output.usage = usageSnapshot(events) ?? turn.sessionUsage ?? null;
	const errors = events ? errorsOf(events) : [];
	if (errors.length > 0) output.errors = errors;
	if (events && turn.includeEvents) output.events = events;
	return output;
}

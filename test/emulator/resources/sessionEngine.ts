/**
 * The Managed Agents session state machine behind /v1/sessions: holds each session, its event
 * history and live subscribers, and plays a deterministic agent.
 *
 * A `user.message` makes the session `running` (event `session.status_running`); after
 * `options.sessionRunMs` the agent answers `Agent reply: <user text>` (`agent.message`) and the session
 * goes `idle` with `stop_reason: {type: 'end_turn'}`. Text that names one of the agent's custom tools, or
 * contains `[[tool]]`, makes the agent call that tool instead (`agent.custom_tool_use`) and go idle with
 * `stop_reason: {type: 'requires_action', event_ids}`; a `user.custom_tool_result` resumes it and the agent
 * answers `Agent reply: tool said <result>`. `[[agent_tool]]` makes it call a built-in tool the client runs
 * (`agent.tool_use`, answered by `user.tool_result`). `user.define_outcome` is echoed with its `outcome_id`
 * and worked on like a message. `[[terminate]]` ends the session (`session.status_terminated`),
 * `[[error]]` produces `session.error` and an idle with `retries_exhausted`. `user.interrupt` stops a run.
 */
import type { Emulator } from '../types';
import { badRequest, newId, notFound, nowIso } from './managedAgentsShared';
import { emitWebhook } from './webhooks';

export type SessionEvent = Record<string, any> & { id: string; type: string };
export type SessionSubscriber = (event: SessionEvent) => void;

/** What a run will answer when it finishes. */
type Turn = { kind: 'message'; text: string } | { kind: 'toolResult'; text: string };

export interface SessionRecord {
	/** The API object (without computed stats). */
	session: Record<string, any>;
	events: SessionEvent[];
	subscribers: Set<SessionSubscriber>;
	workspaceId: string;
	timer?: NodeJS.Timeout;
	/** User messages that arrived while a run was going; answered one after another. */
	queue: Turn[];
	/** agent.custom_tool_use event ids still waiting for a user.custom_tool_result. */
	pendingToolUseIds: string[];
	/** Results received so far for the pending tool uses. */
	toolResults: string[];
	runningSince?: number;
	activeMs: number;
}

const SESSION_EVENT_INPUT_TYPES = new Set([
	'user.message',
	'user.interrupt',
	'user.custom_tool_result',
	'user.tool_confirmation',
	'user.tool_result',
	'user.define_outcome',
	'system.message',
]);

const FALLBACK_TOOL_NAME = 'emulator_tool';

/** Text blocks joined; other blocks (images, documents) are ignored by the emulated agent. */
export function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.filter((block) => block && block.type === 'text' && typeof block.text === 'string')
		.map((block) => block.text)
		.join('\n');
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Image and document blocks as the SDK types them (base64, text, file or URL sources). */
function checkBlocks(blocks: any[], at: string): void {
	blocks.forEach((block, index) => {
		const source = block?.source;
		if (block?.type === 'image') {
			if (source?.type === 'base64' && (!IMAGE_TYPES.includes(source.media_type) || typeof source.data !== 'string')) {
				throw badRequest(`${at}.${index}.source.media_type: an image must be one of ${IMAGE_TYPES.join(', ')} with base64 data.`);
			}
			if (!['base64', 'file', 'url'].includes(source?.type)) throw badRequest(`${at}.${index}.source.type: must be base64, file or url.`);
		}
		if (block?.type === 'document' && !['base64', 'text', 'file', 'url'].includes(source?.type)) {
			throw badRequest(`${at}.${index}.source.type: must be base64, text, file or url.`);
		}
	});
}

/** The emulated agent says what it was shown besides text, so a workflow can see attachments arrived. */
function attachmentNote(content: unknown): string {
	if (!Array.isArray(content)) return '';
	const images = content.filter((block) => block?.type === 'image').length;
	const documents = content.filter((block) => block?.type === 'document').length;
	if (images + documents === 0) return '';
	return ` (with ${images} image${images === 1 ? '' : 's'} and ${documents} document${documents === 1 ? '' : 's'})`;
}

function tokenCount(text: string): number {
	return Math.max(1, Math.ceil(text.length / 4));
}

export class SessionEngine {
	readonly byId = new Map<string, SessionRecord>();
	/** How often an open event stream gets a `ping` event. */
	pingIntervalMs = 5000;
	/** performance.now() at which each event was emitted, by event ID (latency benchmarks read it). */
	readonly emittedAt = new Map<string, number>();

	constructor(private readonly emulator: Emulator) {}

	get(id: string): SessionRecord {
		const record = this.byId.get(id);
		if (!record) throw notFound('session', id);
		return record;
	}

	/** The session as the API returns it, with stats computed now. */
	view(record: SessionRecord): Record<string, any> {
		const { session } = record;
		const activeMs = record.activeMs + (record.runningSince ? Date.now() - record.runningSince : 0);
		const activeSeconds = Math.round(activeMs) / 1000;
		return {
			...session,
			stats: {
				active_seconds: activeSeconds,
				duration_seconds: Math.round(Date.now() - Date.parse(session.created_at)) / 1000,
			},
			usage: { ...session.usage, active_seconds: activeSeconds },
		};
	}

	add(session: Record<string, any>, workspaceId: string): SessionRecord {
		const record: SessionRecord = {
			session,
			events: [],
			subscribers: new Set(),
			workspaceId,
			queue: [],
			pendingToolUseIds: [],
			toolResults: [],
			activeMs: 0,
		};
		this.byId.set(session.id, record);
		this.webhook(record, 'session.created');
		return record;
	}

	subscribe(record: SessionRecord, subscriber: SessionSubscriber): () => void {
		record.subscribers.add(subscriber);
		return () => record.subscribers.delete(subscriber);
	}

	/** Validates every event first so a bad batch changes nothing, then applies them in order. */
	send(record: SessionRecord, inputs: unknown): SessionEvent[] {
		if (!Array.isArray(inputs) || inputs.length === 0) throw badRequest('events: must be a non-empty array.');
		this.assertAcceptsInput(record);
		const pendingAfter = new Set(record.pendingToolUseIds);
		inputs.forEach((input, index) => {
			if (!input || typeof input !== 'object' || !SESSION_EVENT_INPUT_TYPES.has(input.type)) {
				throw badRequest(`events.${index}.type: '${String(input?.type)}' is not an event type a client can send.`);
			}
			if (input.type === 'user.message' && !Array.isArray(input.content)) {
				throw badRequest(`events.${index}.content: Field required (an array of content blocks).`);
			}
			if (Array.isArray(input.content)) checkBlocks(input.content, `events.${index}.content`);
			if (input.type === 'user.interrupt') pendingAfter.clear();
			if (input.type === 'user.custom_tool_result' || input.type === 'user.tool_result') {
				const field = input.type === 'user.tool_result' ? 'tool_use_id' : 'custom_tool_use_id';
				const kind = input.type === 'user.tool_result' ? 'agent.tool_use' : 'agent.custom_tool_use';
				if (!pendingAfter.delete(input[field])) {
					throw badRequest(`events.${index}.${field}: '${String(input[field])}' is not a pending ${kind} event of session '${record.session.id}'.`);
				}
			}
			if (input.type === 'user.define_outcome') {
				const rubric = input.rubric;
				if (typeof input.description !== 'string' || !input.description || !rubric || !['text', 'file'].includes(rubric.type)) {
					throw badRequest(`events.${index}: user.define_outcome needs a description and a rubric ({type: 'text', content} or {type: 'file', file_id}).`);
				}
				if (input.max_iterations != null && (!Number.isInteger(input.max_iterations) || input.max_iterations < 1 || input.max_iterations > 20)) {
					throw badRequest(`events.${index}.max_iterations: must be an integer from 1 to 20.`);
				}
			}
			if (input.type === 'user.message' && pendingAfter.size > 0) {
				throw badRequest(
					`session '${record.session.id}' is waiting for results of custom tool use events ${[...pendingAfter].join(', ')}; send user.custom_tool_result events (or user.interrupt) first.`,
				);
			}
		});
		return inputs.map((input) => this.apply(record, input));
	}

	archive(record: SessionRecord): void {
		if (record.session.status === 'running') {
			throw badRequest(`session '${record.session.id}' is running; interrupt it or wait until it is idle before archiving.`);
		}
		if (record.session.archived_at === null) {
			record.session.archived_at = nowIso();
			record.session.updated_at = record.session.archived_at;
			this.webhook(record, 'session.archived');
		}
	}

	delete(record: SessionRecord): void {
		this.stopRun(record);
		this.byId.delete(record.session.id);
		// Not stored: the history goes with the session; open streams learn of it and end.
		const event: SessionEvent = { type: 'session.deleted', id: newId('sevt'), processed_at: nowIso() };
		for (const subscriber of [...record.subscribers]) subscriber(event);
		record.subscribers.clear();
		this.webhook(record, 'session.deleted');
	}

	/** Appends a `session.updated` event carrying only what changed. */
	recordUpdate(record: SessionRecord, changes: Record<string, any>): void {
		if (Object.keys(changes).length === 0) return;
		this.append(record, { type: 'session.updated', ...changes });
		this.webhook(record, 'session.updated');
	}

	/** Stops every timer (the emulator calls this on close). */
	dispose(): void {
		for (const record of this.byId.values()) this.stopRun(record);
	}

	private assertAcceptsInput(record: SessionRecord): void {
		const { session } = record;
		if (session.archived_at !== null) {
			throw badRequest(`session '${session.id}' is archived; it accepts no more events.`);
		}
		if (session.status === 'terminated') {
			throw badRequest(`session '${session.id}' is terminated; it accepts no more events.`);
		}
	}

	private apply(record: SessionRecord, input: Record<string, any>): SessionEvent {
		const stored = this.append(record, input.type === 'user.define_outcome' ? { max_iterations: null, ...input, outcome_id: newId('outc') } : input);
		switch (input.type) {
			case 'user.message':
				this.enqueue(record, { kind: 'message', text: textOf(input.content) + attachmentNote(input.content) });
				break;
			case 'user.define_outcome':
				this.enqueue(record, { kind: 'message', text: String(input.description ?? '') });
				break;
			case 'user.interrupt':
				this.interrupt(record);
				break;
			case 'user.custom_tool_result':
			case 'user.tool_result':
				this.takeToolResult(record, input);
				break;
		}
		return stored;
	}

	private enqueue(record: SessionRecord, turn: Turn): void {
		if (record.session.status === 'running') record.queue.push(turn);
		else this.startRun(record, turn);
	}

	private interrupt(record: SessionRecord): void {
		const wasWaiting = record.pendingToolUseIds.length > 0;
		record.pendingToolUseIds = [];
		record.toolResults = [];
		if (record.session.status === 'running' || wasWaiting) {
			this.stopRun(record);
			this.goIdle(record, { type: 'end_turn' });
		}
	}

	private takeToolResult(record: SessionRecord, input: Record<string, any>): void {
		const answered = input.custom_tool_use_id ?? input.tool_use_id;
		record.pendingToolUseIds = record.pendingToolUseIds.filter((id) => id !== answered);
		record.toolResults.push(input.is_error ? `error: ${textOf(input.content)}` : textOf(input.content));
		if (record.pendingToolUseIds.length > 0) {
			this.goIdle(record, { type: 'requires_action', event_ids: [...record.pendingToolUseIds] });
			return;
		}
		const text = record.toolResults.join('; ');
		record.toolResults = [];
		this.startRun(record, { kind: 'toolResult', text });
	}

	private startRun(record: SessionRecord, turn: Turn): void {
		if (record.session.status !== 'running') {
			this.setStatus(record, 'running');
			record.runningSince = Date.now();
			this.append(record, { type: 'session.status_running' });
			this.webhook(record, 'session.running');
			this.webhook(record, 'session.status_run_started');
		}
		record.timer = setTimeout(() => this.finishTurn(record, turn), this.emulator.options.sessionRunMs);
		record.timer.unref?.();
	}

	private stopRun(record: SessionRecord): void {
		if (record.timer) clearTimeout(record.timer);
		record.timer = undefined;
		record.queue = [];
		if (record.runningSince) record.activeMs += Date.now() - record.runningSince;
		record.runningSince = undefined;
	}

	private finishTurn(record: SessionRecord, turn: Turn): void {
		record.timer = undefined;
		if (!this.byId.has(record.session.id)) return;
		if (turn.text.includes('[[terminate]]')) {
			this.stopRun(record);
			this.setStatus(record, 'terminated');
			this.append(record, { type: 'session.status_terminated' });
			this.webhook(record, 'session.status_terminated');
			return;
		}
		if (turn.text.includes('[[error]]')) {
			this.append(record, {
				type: 'session.error',
				error: {
					type: 'unknown_error',
					message: 'The emulated agent failed because the message asked for [[error]].',
					retry_status: { type: 'exhausted' },
				},
			});
			this.stopRun(record);
			this.goIdle(record, { type: 'retries_exhausted' });
			return;
		}
		if (turn.kind === 'message' && turn.text.includes('[[agent_tool]]')) {
			const toolUse = this.append(record, { type: 'agent.tool_use', name: 'bash', input: { command: 'date' } });
			record.pendingToolUseIds.push(toolUse.id);
			this.stopRun(record);
			this.goIdle(record, { type: 'requires_action', event_ids: [toolUse.id] });
			return;
		}
		const toolName = turn.kind === 'message' ? this.toolToCall(record, turn.text) : undefined;
		if (toolName) {
			const toolUse = this.append(record, { type: 'agent.custom_tool_use', name: toolName, input: { request: turn.text } });
			this.addUsage(record, turn.text, JSON.stringify(toolUse.input));
			record.pendingToolUseIds.push(toolUse.id);
			this.stopRun(record);
			this.goIdle(record, { type: 'requires_action', event_ids: [toolUse.id] });
			return;
		}
		const reply = turn.kind === 'message' ? `Agent reply: ${turn.text}` : `Agent reply: tool said ${turn.text}`;
		this.append(record, { type: 'agent.message', content: [{ type: 'text', text: reply }] });
		this.addUsage(record, turn.text, reply);
		const next = record.queue.shift();
		if (next) {
			record.timer = setTimeout(() => this.finishTurn(record, next), this.emulator.options.sessionRunMs);
			record.timer.unref?.();
			return;
		}
		this.stopRun(record);
		this.goIdle(record, { type: 'end_turn' });
	}

	/** A custom tool of the session's agent named in the text, or any tool when the text says [[tool]]. */
	private toolToCall(record: SessionRecord, text: string): string | undefined {
		const customTools: string[] = (record.session.agent.tools ?? [])
			.filter((tool: any) => tool.type === 'custom')
			.map((tool: any) => tool.name);
		const named = customTools.find((name) => text.includes(name));
		if (named) return named;
		if (text.includes('[[tool]]')) return customTools[0] ?? FALLBACK_TOOL_NAME;
		return undefined;
	}

	private goIdle(record: SessionRecord, stopReason: Record<string, any>): void {
		this.setStatus(record, 'idle');
		this.append(record, { type: 'session.status_idle', stop_reason: stopReason, stop_details: null });
		this.webhook(record, 'session.idled');
		this.webhook(record, 'session.status_idled');
		if (stopReason.type === 'requires_action') this.webhook(record, 'session.requires_action');
	}

	private addUsage(record: SessionRecord, input: string, output: string): void {
		const usage = record.session.usage;
		usage.input_tokens += 10 + tokenCount(input);
		usage.output_tokens += tokenCount(output);
	}

	private setStatus(record: SessionRecord, status: string): void {
		record.session.status = status;
		record.session.updated_at = nowIso();
	}

	private append(record: SessionRecord, fields: Record<string, any>): SessionEvent {
		// Server-assigned id and time win over anything the client put in the event.
		const event = { id: '', ...fields } as SessionEvent;
		event.id = newId('sevt');
		event.processed_at = nowIso();
		record.events.push(event);
		this.emittedAt.set(event.id, performance.now());
		for (const subscriber of [...record.subscribers]) subscriber(event);
		return event;
	}

	private webhook(record: SessionRecord, type: string): void {
		emitWebhook(this.emulator, type, record.session.id, record.workspaceId);
	}
}

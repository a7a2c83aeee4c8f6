/**
 * Managed Agents session threads (beta), as the SDK's `beta.sessions.threads` calls them: list (with a
 * statuses filter), retrieve, archive and a thread's events. Every session has its primary thread, which
 * carries the session's own events and status. A user message containing `[[subagent]]` makes the agent
 * delegate: a child thread (parent_thread_id = the primary) appears with its own reply and goes idle.
 * The primary thread cannot be archived (archive the session); archiving a child keeps it readable.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { tokenPage } from '../pagination';
import { MANAGED_AGENTS_BETA, badRequest, newId, notFound, nowIso, queryList } from './managedAgentsShared';
import { textOf, type SessionEngine, type SessionEvent, type SessionRecord } from './sessionEngine';

const THREAD_STATUSES = ['running', 'idle', 'rescheduling', 'terminated'];

interface ThreadRecord {
	thread: Record<string, any>;
	/** Events of a child thread; the primary's are the session's. */
	events: SessionEvent[];
}

class ThreadStore {
	private readonly bySession = new Map<string, Map<string, ThreadRecord>>();

	/** The session's threads, oldest first: the primary, then one child per `[[subagent]]` message. */
	threads(record: SessionRecord): ThreadRecord[] {
		const { session } = record;
		let threads = this.bySession.get(session.id);
		if (!threads) {
			threads = new Map();
			const primaryId = newId('sthr');
			threads.set('primary', { thread: this.build(record, primaryId, null, session.created_at), events: [] });
			this.bySession.set(session.id, threads);
		}
		const primary = threads.get('primary')!;
		for (const event of record.events) {
			if (event.type !== 'user.message' || !textOf(event.content).includes('[[subagent]]') || threads.has(event.id)) continue;
			const child = this.build(record, newId('sthr'), primary.thread.id, event.processed_at);
			child.status = 'idle';
			child.stats = { active_seconds: 0, duration_seconds: 0, startup_seconds: 0 };
			child.usage = { input_tokens: 12, output_tokens: 6, cache_read_input_tokens: 0, cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 } };
			const at = nowIso();
			const say = (fields: Record<string, any>): SessionEvent => ({ id: newId('sevt'), type: String(fields.type), processed_at: at, ...fields });
			threads.set(event.id, {
				thread: child,
				events: [
					say({ type: 'session.status_running' }),
					say({ type: 'agent.message', content: [{ type: 'text', text: `Subagent reply: ${textOf(event.content)}` }] }),
					say({ type: 'session.status_idle', stop_reason: { type: 'end_turn' }, stop_details: null }),
				],
			});
		}
		// The primary thread mirrors the session.
		Object.assign(primary.thread, { status: session.status, updated_at: session.updated_at, usage: session.usage, archived_at: session.archived_at });
		return [...threads.values()];
	}

	find(record: SessionRecord, id: string): ThreadRecord {
		const found = this.threads(record).find((t) => t.thread.id === id);
		if (!found) throw notFound('session thread', id);
		return found;
	}

	private build(record: SessionRecord, id: string, parent: string | null, createdAt: string): Record<string, any> {
		const { multiagent: _multiagent, ...agent } = record.session.agent ?? {};
		return {
			type: 'session_thread',
			id,
			session_id: record.session.id,
			parent_thread_id: parent,
			agent,
			status: record.session.status,
			stats: null,
			usage: null,
			workflow_run_id: null,
			created_at: createdAt,
			updated_at: createdAt,
			archived_at: null,
		};
	}
}

export function register(router: Router, emulator: Emulator): void {
	const store = new ThreadStore();
	emulator.state.sessionThreads = store;
	const beta = { beta: MANAGED_AGENTS_BETA };
	const session = (ctx: RouteContext): SessionRecord => (ctx.emulator.state.sessions as SessionEngine).get(ctx.params.session_id);

	router.add(
		'GET',
		'/v1/sessions/:session_id/threads',
		(ctx) => {
			const statuses = queryList(ctx.query, 'statuses');
			const unknown = statuses.find((status) => !THREAD_STATUSES.includes(status));
			if (unknown) throw badRequest(`statuses: '${unknown}' is not one of ${THREAD_STATUSES.join(', ')}.`);
			const threads = store.threads(session(ctx)).map((t) => t.thread).filter((t) => statuses.length === 0 || statuses.includes(t.status));
			ctx.send(200, tokenPage(threads, ctx.query));
		},
		beta,
	);

	router.add('GET', '/v1/sessions/:session_id/threads/:thread_id', (ctx) => ctx.send(200, store.find(session(ctx), ctx.params.thread_id).thread), beta);

	router.add(
		'POST',
		'/v1/sessions/:session_id/threads/:thread_id/archive',
		(ctx) => {
			const record = session(ctx);
			const found = store.find(record, ctx.params.thread_id);
			if (record.session.archived_at !== null) throw badRequest(`session '${record.session.id}' is archived; its threads cannot change.`);
			if (found.thread.parent_thread_id === null) throw badRequest(`thread '${found.thread.id}' is the primary thread of session '${record.session.id}'; archive the session instead.`);
			if (found.thread.status === 'running') throw badRequest(`thread '${found.thread.id}' is running; interrupt it first.`);
			if (found.thread.archived_at === null) {
				found.thread.archived_at = nowIso();
				found.thread.updated_at = found.thread.archived_at;
			}
			ctx.send(200, found.thread);
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/sessions/:session_id/threads/:thread_id/events',
		(ctx) => {
			const record = session(ctx);
			const found = store.find(record, ctx.params.thread_id);
			const events = found.thread.parent_thread_id === null ? record.events : found.events;
			ctx.send(200, tokenPage(events, ctx.query));
		},
		beta,
	);
}

/**
 * Managed Agents `sessions` (beta) and their events: create, list (status filter), retrieve, update,
 * archive, delete; send events, list events, and the live SSE event stream. The behaviour of the
 * emulated agent lives in sessionEngine.ts.
 *
 * The stream follows the SDK's semantics: it carries events produced after the client attached (clients
 * read the history with the list call), each as `event: <event type>` + `data: <event JSON>`, with
 * `event: ping` keep-alives. `event_deltas[]=agent.message` adds `event_start`/`event_delta` previews.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { tokenPage } from '../pagination';
import type { AgentStore } from './agents';
import type { EnvironmentStore } from './environments';
import {
	MANAGED_AGENTS_BETA,
	badRequest,
	newId,
	notFound,
	nowIso,
	patchMetadata,
	queryFlag,
	queryList,
	requireObjectBody,
	validateMetadata,
} from './managedAgentsShared';
import { normalizeTools } from './agents';
import { SessionEngine, type SessionEvent, type SessionRecord } from './sessionEngine';
import { TEST_WORKSPACE_ID } from '../fixtures';

const SESSION_STATUSES = ['rescheduling', 'running', 'idle', 'terminated'];

interface AgentParams {
	id: string;
	version?: number;
	overrides: Record<string, any>;
}

function parseAgentParam(agent: unknown): AgentParams {
	if (typeof agent === 'string' && agent !== '') return { id: agent, overrides: {} };
	if (agent && typeof agent === 'object') {
		const { type, id, version, ...overrides } = agent as Record<string, any>;
		if ((type === 'agent' || type === 'agent_with_overrides') && typeof id === 'string') {
			return { id, version, overrides: type === 'agent_with_overrides' ? overrides : {} };
		}
	}
	throw badRequest(`agent: Field required (an agent ID, or {type: 'agent', id, version}).`);
}

/** The session's snapshot of its agent (BetaManagedAgentsSessionAgent). */
function agentSnapshot(agent: Record<string, any>, overrides: Record<string, any>): Record<string, any> {
	return {
		type: 'agent',
		id: agent.id,
		version: agent.version,
		name: agent.name,
		description: agent.description,
		model: overrides.model !== undefined ? (typeof overrides.model === 'string' ? { ...agent.model, id: overrides.model } : overrides.model) : agent.model,
		system: overrides.system !== undefined ? overrides.system : agent.system,
		tools: overrides.tools !== undefined ? normalizeTools(overrides.tools) : agent.tools,
		mcp_servers: overrides.mcp_servers ?? agent.mcp_servers,
		skills: overrides.skills ?? agent.skills,
		multiagent: agent.multiagent,
		execution_identity: agent.execution_identity,
	};
}

function mountName(url: string): string {
	return url.replace(/\.git$/, '').split('/').filter(Boolean).pop() ?? 'repository';
}

/** Resources as the session returns them; secrets such as repository tokens are never echoed. */
export function buildResources(emulator: Emulator, resources: unknown): Record<string, any>[] {
	if (resources === undefined || resources === null) return [];
	if (!Array.isArray(resources)) throw badRequest('resources: must be an array.');
	const now = nowIso();
	// Managed Agents memory docs: at most 8 memory stores per session.
	const stores = resources.filter((resource) => resource?.type === 'memory_store').length;
	if (stores > 8) throw badRequest(`resources: at most 8 memory stores per session (got ${stores}).`);
	return resources.map((resource, index) => {
		switch (resource?.type) {
			case 'file': {
				const fileId = resource.file_id;
				if (typeof fileId !== 'string' || !fileId) throw badRequest(`resources.${index}.file_id: Field required.`);
				const files = emulator.state.files as { get(id: string): unknown } | undefined;
				if (files && !files.get(fileId)) throw notFound('file', fileId);
				const mountPath = resource.mount_path ?? `/mnt/session/uploads/${fileId}`;
				return { id: newId('sesrsc'), type: 'file', file_id: fileId, mount_path: mountPath, created_at: now, updated_at: now };
			}
			case 'github_repository':
				if (typeof resource.url !== 'string') throw badRequest(`resources.${index}.url: Field required.`);
				return {
					id: newId('sesrsc'),
					type: 'github_repository',
					url: resource.url,
					mount_path: resource.mount_path ?? `/workspace/${mountName(resource.url)}`,
					checkout: resource.checkout ?? null,
					created_at: now,
					updated_at: now,
				};
			case 'memory_store':
				if (typeof resource.memory_store_id !== 'string' || !resource.memory_store_id) throw badRequest(`resources.${index}.memory_store_id: Field required.`);
				return { type: 'memory_store', memory_store_id: resource.memory_store_id, access: resource.access ?? 'read_write', instructions: resource.instructions ?? null };
			default:
				throw badRequest(`resources.${index}.type: must be 'file', 'github_repository' or 'memory_store'.`);
		}
	});
}

/** Checked before the session exists, so a bad create leaves nothing behind. */
function parseInitialEvents(initialEvents: unknown): Record<string, any>[] {
	if (initialEvents === undefined || initialEvents === null) return [];
	if (!Array.isArray(initialEvents) || initialEvents.length > 50) {
		throw badRequest('initial_events: must be an array of at most 50 events.');
	}
	initialEvents.forEach((event, index) => {
		if (event?.type === 'user.message' && Array.isArray(event.content)) return;
		if (event?.type === 'user.define_outcome' && typeof event.description === 'string') return;
		throw badRequest(
			`initial_events.${index}: only user.message (with a content array) and user.define_outcome (with a description) are accepted.`,
		);
	});
	return initialEvents;
}

function workspaceOf(ctx: RouteContext): string {
	const header = ctx.headers['anthropic-workspace-id'];
	return (Array.isArray(header) ? header[0] : header) || TEST_WORKSPACE_ID;
}

/** `created_at[gt|gte|lt|lte]` filters compared as ISO strings (all timestamps here are UTC ISO). */
function inTimeRange(query: URLSearchParams, value: string): boolean {
	const gt = query.get('created_at[gt]');
	const gte = query.get('created_at[gte]');
	const lt = query.get('created_at[lt]');
	const lte = query.get('created_at[lte]');
	return (!gt || value > gt) && (!gte || value >= gte) && (!lt || value < lt) && (!lte || value <= lte);
}

function parseOrder(query: URLSearchParams, fallback: 'asc' | 'desc'): 'asc' | 'desc' {
	const order = query.get('order') ?? fallback;
	if (order !== 'asc' && order !== 'desc') throw badRequest(`order: must be 'asc' or 'desc'.`);
	return order;
}

export function register(router: Router, emulator: Emulator): void {
	const engine = new SessionEngine(emulator);
	emulator.state.sessions = engine;
	emulator.onClose(() => engine.dispose());
	const beta = { beta: MANAGED_AGENTS_BETA };
	const agents = (): AgentStore => emulator.state.agents;
	const environments = (): EnvironmentStore => emulator.state.environments;

	router.add(
		'POST',
		'/v1/sessions',
		(ctx: RouteContext) => {
			const body = requireObjectBody(ctx.json());
			const agentParams = parseAgentParam(body.agent);
			const agent = agents().resolve(agentParams.id, agentParams.version);
			if (agent.archived_at !== null) throw badRequest(`agent '${agent.id}' is archived; sessions cannot use it.`);
			if (typeof body.environment_id !== 'string' || !body.environment_id) {
				throw badRequest('environment_id: Field required.');
			}
			const environment = environments().get(body.environment_id);
			if (environment.archived_at !== null) {
				throw badRequest(`environment '${environment.id}' is archived; sessions cannot use it.`);
			}
			if (body.vault_ids !== undefined && !Array.isArray(body.vault_ids)) throw badRequest('vault_ids: must be an array.');
			const initialEvents = parseInitialEvents(body.initial_events);
			const now = nowIso();
			const session = {
				type: 'session',
				id: newId('sesn'),
				title: body.title ?? null,
				status: 'idle',
				agent: agentSnapshot(agent, agentParams.overrides),
				environment_id: environment.id,
				metadata: validateMetadata(body.metadata),
				resources: buildResources(emulator, body.resources),
				vault_ids: body.vault_ids ?? [],
				budget: body.budget ?? null,
				outcome_evaluations: [],
				usage: {
					input_tokens: 0,
					output_tokens: 0,
					cache_read_input_tokens: 0,
					cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
				},
				deployment_id: null,
				created_at: now,
				updated_at: now,
				archived_at: null,
			};
			const record = engine.add(session, workspaceOf(ctx));
			if (initialEvents.length > 0) engine.send(record, initialEvents);
			ctx.send(200, engine.view(record));
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/sessions',
		(ctx: RouteContext) => {
			const { query } = ctx;
			const statuses = queryList(query, 'statuses');
			const unknown = statuses.find((status) => !SESSION_STATUSES.includes(status));
			if (unknown) throw badRequest(`statuses: '${unknown}' is not one of ${SESSION_STATUSES.join(', ')}.`);
			const agentId = query.get('agent_id');
			const agentVersion = query.get('agent_version');
			const includeArchived = queryFlag(query, 'include_archived');
			const memoryStoreId = query.get('memory_store_id');
			const sessions = [...engine.byId.values()]
				.map((record) => engine.view(record))
				.filter((session) => includeArchived || session.archived_at === null)
				.filter((session) => statuses.length === 0 || statuses.includes(session.status))
				.filter((session) => !agentId || session.agent.id === agentId)
				.filter((session) => !agentId || !agentVersion || String(session.agent.version) === agentVersion)
				.filter((session) => !memoryStoreId || session.resources.some((r: any) => r.type === 'memory_store' && r.memory_store_id === memoryStoreId))
				.filter((session) => inTimeRange(query, session.created_at));
			if (parseOrder(query, 'desc') === 'desc') sessions.reverse();
			// Bidirectional cursor pages: the SDK only follows next_page.
			ctx.send(200, { ...tokenPage(sessions, query), prev_page: null });
		},
		beta,
	);

	router.add('GET', '/v1/sessions/:session_id', (ctx) => ctx.send(200, engine.view(engine.get(ctx.params.session_id))), beta);

	router.add(
		'POST',
		'/v1/sessions/:session_id',
		(ctx: RouteContext) => {
			const record = engine.get(ctx.params.session_id);
			const body = requireObjectBody(ctx.json());
			const { session } = record;
			if (body.vault_ids !== undefined) throw badRequest('vault_ids: updating vault_ids is not supported yet.');
			if (session.status === 'terminated') throw badRequest(`session '${session.id}' is terminated and cannot be updated.`);
			const changes: Record<string, any> = {};
			if (body.agent !== undefined) {
				if (session.status === 'running') {
					throw badRequest(`session '${session.id}' is running; its agent can only be updated while it is idle.`);
				}
				if (body.agent.tools !== undefined) session.agent.tools = normalizeTools(body.agent.tools);
				if (body.agent.mcp_servers !== undefined) session.agent.mcp_servers = body.agent.mcp_servers;
				changes.agent = structuredClone(session.agent);
			}
			if (body.title !== undefined && body.title !== session.title) {
				session.title = body.title;
				changes.title = body.title;
			}
			if (body.metadata !== undefined) {
				session.metadata = patchMetadata(session.metadata, body.metadata);
				if (Object.keys(session.metadata).length > 0) changes.metadata = session.metadata;
			}
			if (body.budget !== undefined) {
				session.budget = body.budget;
				changes.budget = body.budget;
			}
			session.updated_at = nowIso();
			engine.recordUpdate(record, changes);
			ctx.send(200, engine.view(record));
		},
		beta,
	);

	router.add(
		'POST',
		'/v1/sessions/:session_id/archive',
		(ctx: RouteContext) => {
			const record = engine.get(ctx.params.session_id);
			engine.archive(record);
			ctx.send(200, engine.view(record));
		},
		beta,
	);

	router.add(
		'DELETE',
		'/v1/sessions/:session_id',
		(ctx: RouteContext) => {
			const record = engine.get(ctx.params.session_id);
			engine.delete(record);
			ctx.send(200, { id: record.session.id, type: 'session_deleted' });
		},
		beta,
	);

	router.add(
		'POST',
		'/v1/sessions/:session_id/events',
		(ctx: RouteContext) => {
			const record = engine.get(ctx.params.session_id);
			const body = requireObjectBody(ctx.json());
			ctx.send(200, { data: engine.send(record, body.events) });
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/sessions/:session_id/events',
		(ctx: RouteContext) => {
			const record = engine.get(ctx.params.session_id);
			const types = queryList(ctx.query, 'types');
			const events = record.events
				.filter((event) => types.length === 0 || types.includes(event.type))
				.filter((event) => inTimeRange(ctx.query, event.processed_at));
			if (parseOrder(ctx.query, 'asc') === 'desc') events.reverse();
			ctx.send(200, tokenPage(events, ctx.query));
		},
		beta,
	);

	router.add('GET', '/v1/sessions/:session_id/events/stream', (ctx) => streamEvents(ctx, engine), beta);
}

/** Holds the SSE response open until the client leaves or the session is deleted. */
function streamEvents(ctx: RouteContext, engine: SessionEngine): Promise<void> {
	const record: SessionRecord = engine.get(ctx.params.session_id);
	const previews = new Set(queryList(ctx.query, 'event_deltas'));
	const sse = ctx.sse();
	return new Promise<void>((resolve) => {
		let closed = false;
		const close = () => {
			if (closed) return;
			closed = true;
			unsubscribe();
			clearInterval(ping);
			sse.end();
			resolve();
		};
		const unsubscribe = engine.subscribe(record, (event: SessionEvent) => {
			if (closed) return;
			if (event.type === 'agent.message' && previews.has('agent.message')) writePreview(sse, event);
			sse.event(event.type, event);
			if (event.type === 'session.deleted') close();
		});
		const ping = setInterval(() => sse.event('ping', { type: 'ping' }), engine.pingIntervalMs);
		ping.unref?.();
		ctx.res.on('close', close);
	});
}

/** `event_start` + `event_delta` fragments before the buffered agent.message, as opted-in streams get them. */
function writePreview(sse: ReturnType<RouteContext['sse']>, event: SessionEvent): void {
	sse.event('event_start', { type: 'event_start', event: { type: 'agent.message', id: event.id } });
	const text: string = event.content?.[0]?.text ?? '';
	const middle = Math.ceil(text.length / 2);
	for (const fragment of [text.slice(0, middle), text.slice(middle)]) {
		if (!fragment) continue;
		sse.event('event_delta', {
			type: 'event_delta',
			event_id: event.id,
			delta: { type: 'content_delta', index: 0, content: { type: 'text', text: fragment } },
		});
	}
}

/**
 * Managed Agents `agents` (beta): create, list, retrieve (optionally a past version), update (bumps the
 * version when something changed), archive, and the version history. Two agents are seeded so that
 * dropdowns in n8n have something to show.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { EmulatorHttpError } from '../types';
import { tokenPage } from '../pagination';
import {
	MANAGED_AGENTS_BETA,
	badRequest,
	newId,
	notFound,
	nowIso,
	patchMetadata,
	queryFlag,
	requireNonEmptyString,
	requireObjectBody,
	validateMetadata,
} from './managedAgentsShared';

/** Stable IDs of the seeded agents, so tests and the e2e suite can name them. */
export const SEED_SUPPORT_AGENT_ID = 'agent_01EmulatorSeedSupport00001';
export const SEED_RESEARCH_AGENT_ID = 'agent_01EmulatorSeedResearch0001';
/** The seeded support agent has this custom tool, so tool round trips work without creating an agent. */
export const SEED_CUSTOM_TOOL_NAME = 'lookup_order';

export interface AgentRecord {
	/** Every version, oldest first; the last one is current. */
	versions: Record<string, any>[];
}

export class AgentStore {
	readonly byId = new Map<string, AgentRecord>();

	current(id: string): Record<string, any> | undefined {
		const record = this.byId.get(id);
		return record?.versions[record.versions.length - 1];
	}

	/** The agent at `version` (latest when omitted), or a 404 naming what is missing. */
	resolve(id: string, version?: number): Record<string, any> {
		const record = this.byId.get(id);
		if (!record) throw notFound('agent', id);
		if (version === undefined) return record.versions[record.versions.length - 1];
		const found = record.versions.find((agent) => agent.version === version);
		if (!found) throw notFound(`version ${version} of agent`, id);
		return found;
	}
}

function normalizeModel(model: unknown): Record<string, any> {
	if (typeof model === 'string' && model !== '') return { id: model, effort: { type: 'high' }, speed: 'standard' };
	if (model && typeof model === 'object' && typeof (model as any).id === 'string') {
		const config = model as Record<string, any>;
		const effort = typeof config.effort === 'string' ? { type: config.effort } : (config.effort ?? { type: 'high' });
		const normalized: Record<string, any> = { id: config.id, effort, speed: config.speed ?? 'standard' };
		if (config.inference_geo) normalized.inference_geo = config.inference_geo;
		return normalized;
	}
	throw badRequest('model: Field required (a model ID string or a model_config object with an id).');
}

const ALWAYS_ALLOW = { type: 'always_allow' };

/** Tools as the API returns them: toolsets get their resolved default config. */
export function normalizeTools(tools: unknown): Record<string, any>[] {
	if (tools === undefined || tools === null) return [];
	if (!Array.isArray(tools)) throw badRequest('tools: must be an array.');
	return tools.map((tool, index) => {
		if (!tool || typeof tool !== 'object') throw badRequest(`tools.${index}: must be an object.`);
		switch (tool.type) {
			case 'custom':
				if (typeof tool.name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(tool.name)) {
					throw badRequest(`tools.${index}.name: 1-128 letters, digits, underscores or hyphens.`);
				}
				return {
					type: 'custom',
					name: tool.name,
					description: tool.description ?? '',
					input_schema: tool.input_schema ?? { type: 'object', properties: {} },
				};
			case 'agent_toolset_20260401':
				return {
					type: tool.type,
					configs: tool.configs ?? [],
					default_config: {
						enabled: tool.default_config?.enabled ?? true,
						permission_policy: tool.default_config?.permission_policy ?? ALWAYS_ALLOW,
					},
				};
			case 'mcp_toolset':
				return {
					type: tool.type,
					mcp_server_name: tool.mcp_server_name,
					configs: tool.configs ?? [],
					default_config: {
						enabled: tool.default_config?.enabled ?? true,
						permission_policy: tool.default_config?.permission_policy ?? ALWAYS_ALLOW,
					},
				};
			default:
				throw badRequest(`tools.${index}.type: unknown tool type '${String(tool.type)}'.`);
		}
	});
}

/** Skills as the API returns them: each with the version it pins ("latest" when none was given). */
function normalizeSkills(skills: unknown): Record<string, any>[] {
	if (skills === undefined || skills === null) return [];
	if (!Array.isArray(skills)) throw badRequest('skills: must be an array.');
	return skills.map((skill, index) => {
		if (!skill || (skill.type !== 'anthropic' && skill.type !== 'custom') || typeof skill.skill_id !== 'string') {
			throw badRequest(`skills.${index}: needs a type ('anthropic' or 'custom') and a skill_id.`);
		}
		return { type: skill.type, skill_id: skill.skill_id, version: skill.version ?? 'latest' };
	});
}

function normalizeExecutionIdentity(identity: unknown): Record<string, any> {
	if (identity && typeof identity === 'object' && (identity as any).type === 'aws_role') {
		return { type: 'aws_role', role_arn: (identity as any).role_arn };
	}
	return { type: 'service_account' };
}

function buildAgent(id: string, body: Record<string, any>, createdAt: string): Record<string, any> {
	return {
		type: 'agent',
		id,
		name: requireNonEmptyString(body, 'name'),
		description: body.description ?? null,
		model: normalizeModel(body.model),
		system: body.system ?? null,
		tools: normalizeTools(body.tools),
		mcp_servers: (body.mcp_servers ?? []).map((server: any) => ({ type: 'url', name: server.name, url: server.url })),
		skills: normalizeSkills(body.skills),
		multiagent: body.multiagent ?? null,
		execution_identity: normalizeExecutionIdentity(body.execution_identity),
		metadata: validateMetadata(body.metadata),
		version: 1,
		created_at: createdAt,
		updated_at: createdAt,
		archived_at: null,
	};
}

/** Applies an update body; "omit to preserve, null to clear" as the SDK documents for each field. */
function applyUpdate(current: Record<string, any>, body: Record<string, any>): Record<string, any> {
	const next: Record<string, any> = { ...current };
	if (body.name !== undefined) next.name = requireNonEmptyString(body, 'name');
	if (body.description !== undefined) next.description = body.description || null;
	if (body.system !== undefined) next.system = body.system || null;
	if (body.model !== undefined) next.model = normalizeModel(body.model);
	if (body.tools !== undefined) next.tools = normalizeTools(body.tools);
	if (body.mcp_servers !== undefined) next.mcp_servers = body.mcp_servers ?? [];
	if (body.skills !== undefined) next.skills = normalizeSkills(body.skills);
	if (body.multiagent !== undefined) next.multiagent = body.multiagent;
	if (body.execution_identity !== undefined) next.execution_identity = normalizeExecutionIdentity(body.execution_identity);
	next.metadata = patchMetadata(current.metadata, body.metadata);
	return next;
}

const VERSIONED_FIELDS = [
	'name',
	'description',
	'system',
	'model',
	'tools',
	'mcp_servers',
	'skills',
	'multiagent',
	'execution_identity',
	'metadata',
];

function changed(before: Record<string, any>, after: Record<string, any>): boolean {
	return VERSIONED_FIELDS.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function seed(store: AgentStore): void {
	const createdAt = nowIso();
	const support = buildAgent(
		SEED_SUPPORT_AGENT_ID,
		{
			name: 'Order support agent',
			description: 'Answers order questions; looks orders up with a custom tool.',
			model: 'claude-sonnet-4-6',
			system: 'You help customers with their orders.',
			tools: [
				{
					type: 'custom',
					name: SEED_CUSTOM_TOOL_NAME,
					description: 'Look an order up by its number.',
					input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
				},
			],
		},
		createdAt,
	);
	const research = buildAgent(
		SEED_RESEARCH_AGENT_ID,
		{
			name: 'Research agent',
			description: 'Reads files and the web.',
			model: 'claude-opus-4-6',
			tools: [{ type: 'agent_toolset_20260401' }],
		},
		createdAt,
	);
	store.byId.set(support.id, { versions: [support] });
	store.byId.set(research.id, { versions: [research] });
}

function parseVersion(raw: string | null): number | undefined {
	if (raw === null || raw === '') return undefined;
	const version = Number(raw);
	if (!Number.isInteger(version) || version < 1) throw badRequest('version: must be an integer of at least 1.');
	return version;
}

export function register(router: Router, emulator: Emulator): void {
	const store = new AgentStore();
	seed(store);
	emulator.state.agents = store;
	const beta = { beta: MANAGED_AGENTS_BETA };

	router.add(
		'POST',
		'/v1/agents',
		(ctx: RouteContext) => {
			const body = requireObjectBody(ctx.json());
			const agent = buildAgent(newId('agent'), body, nowIso());
			store.byId.set(agent.id, { versions: [agent] });
			ctx.send(200, agent);
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/agents',
		(ctx: RouteContext) => {
			const includeArchived = queryFlag(ctx.query, 'include_archived');
			const gte = ctx.query.get('created_at[gte]');
			const lte = ctx.query.get('created_at[lte]');
			const agents = [...store.byId.keys()]
				.map((id) => store.current(id)!)
				.filter((agent) => includeArchived || agent.archived_at === null)
				.filter((agent) => (!gte || agent.created_at >= gte) && (!lte || agent.created_at <= lte))
				.reverse();
			ctx.send(200, tokenPage(agents, ctx.query));
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/agents/:agent_id',
		(ctx: RouteContext) => {
			ctx.send(200, store.resolve(ctx.params.agent_id, parseVersion(ctx.query.get('version'))));
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/agents/:agent_id/versions',
		(ctx: RouteContext) => {
			const record = store.byId.get(ctx.params.agent_id);
			if (!record) throw notFound('agent', ctx.params.agent_id);
			ctx.send(200, tokenPage([...record.versions].reverse(), ctx.query));
		},
		beta,
	);

	router.add(
		'POST',
		'/v1/agents/:agent_id',
		(ctx: RouteContext) => {
			const id = ctx.params.agent_id;
			const current = store.resolve(id);
			const body = requireObjectBody(ctx.json());
			if (current.archived_at !== null) throw badRequest(`agent '${id}' is archived and cannot be updated.`);
			if (body.version !== undefined && body.version !== current.version) {
				throw new EmulatorHttpError(
					409,
					'invalid_request_error',
					`agent '${id}' is at version ${current.version}, not ${body.version}: it was changed by someone else. Fetch it again and retry.`,
				);
			}
			const next = applyUpdate(current, body);
			if (!changed(current, next)) return ctx.send(200, current);
			const updated = { ...next, version: current.version + 1, updated_at: nowIso() };
			store.byId.get(id)!.versions.push(updated);
			ctx.send(200, updated);
		},
		beta,
	);

	router.add(
		'POST',
		'/v1/agents/:agent_id/archive',
		(ctx: RouteContext) => {
			const current = store.resolve(ctx.params.agent_id);
			if (current.archived_at === null) {
				const now = nowIso();
				current.archived_at = now;
				current.updated_at = now;
			}
			ctx.send(200, current);
		},
		beta,
	);
}

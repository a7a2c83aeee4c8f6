/**
 * Managed Agents `environments` (beta): create, list, retrieve, update, delete, archive.
 * One cloud environment is seeded so that dropdowns in n8n have something to show.
 */
import type { Emulator, RouteContext, Router } from '../types';
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

export const SEED_ENVIRONMENT_ID = 'env_01EmulatorSeedEnvironment01';

export class EnvironmentStore {
	readonly byId = new Map<string, Record<string, any>>();

	get(id: string): Record<string, any> {
		const environment = this.byId.get(id);
		if (!environment) throw notFound('environment', id);
		return environment;
	}
}

const PACKAGE_MANAGERS = ['apt', 'cargo', 'gem', 'go', 'npm', 'pip'] as const;

function normalizePackages(packages: any, previous?: Record<string, any>): Record<string, any> {
	const result: Record<string, any> = { type: 'packages' };
	for (const manager of PACKAGE_MANAGERS) result[manager] = packages?.[manager] ?? previous?.[manager] ?? [];
	return result;
}

function normalizeNetworking(networking: any, previous?: Record<string, any>): Record<string, any> {
	if (!networking) return previous ?? { type: 'unrestricted' };
	if (networking.type === 'unrestricted') return { type: 'unrestricted' };
	if (networking.type === 'limited') {
		return {
			type: 'limited',
			allowed_hosts: networking.allowed_hosts ?? previous?.allowed_hosts ?? [],
			allow_mcp_servers: networking.allow_mcp_servers ?? previous?.allow_mcp_servers ?? false,
			allow_package_managers: networking.allow_package_managers ?? previous?.allow_package_managers ?? false,
		};
	}
	throw badRequest(`config.networking.type: unknown network policy '${String(networking.type)}'.`);
}

/** Config as the API returns it; on update omitted fields keep their previous values. */
function normalizeConfig(config: any, previous?: Record<string, any>): Record<string, any> {
	if (config === undefined || config === null) {
		return previous ?? { type: 'cloud', networking: { type: 'unrestricted' }, packages: normalizePackages(undefined) };
	}
	if (previous && config.type !== previous.type) {
		throw badRequest(`config.type: an environment's type cannot change (it is '${previous.type}').`, 'invalid_config_type_change');
	}
	if (config.type === 'self_hosted') return { type: 'self_hosted' };
	if (config.type !== 'cloud') throw badRequest(`config.type: must be 'cloud' or 'self_hosted'.`);
	return {
		type: 'cloud',
		networking: normalizeNetworking(config.networking, previous?.networking),
		packages: normalizePackages(config.packages, previous?.packages),
	};
}

function buildEnvironment(id: string, body: Record<string, any>): Record<string, any> {
	const now = nowIso();
	return {
		type: 'environment',
		id,
		name: requireNonEmptyString(body, 'name'),
		description: body.description ?? null,
		config: normalizeConfig(body.config),
		metadata: validateMetadata(body.metadata),
		scope: body.scope ?? 'organization',
		created_at: now,
		updated_at: now,
		archived_at: null,
	};
}

export function register(router: Router, emulator: Emulator): void {
	const store = new EnvironmentStore();
	const seeded = buildEnvironment(SEED_ENVIRONMENT_ID, {
		name: 'Default cloud environment',
		description: 'Unrestricted network, no extra packages.',
	});
	store.byId.set(seeded.id, seeded);
	emulator.state.environments = store;
	const beta = { beta: MANAGED_AGENTS_BETA };

	router.add(
		'POST',
		'/v1/environments',
		(ctx: RouteContext) => {
			const environment = buildEnvironment(newId('env'), requireObjectBody(ctx.json()));
			store.byId.set(environment.id, environment);
			ctx.send(200, environment);
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/environments',
		(ctx: RouteContext) => {
			const includeArchived = queryFlag(ctx.query, 'include_archived');
			const environments = [...store.byId.values()]
				.filter((environment) => includeArchived || environment.archived_at === null)
				.reverse();
			ctx.send(200, tokenPage(environments, ctx.query));
		},
		beta,
	);

	router.add('GET', '/v1/environments/:environment_id', (ctx) => ctx.send(200, store.get(ctx.params.environment_id)), beta);

	router.add(
		'POST',
		'/v1/environments/:environment_id',
		(ctx: RouteContext) => {
			const environment = store.get(ctx.params.environment_id);
			const body = requireObjectBody(ctx.json());
			if (environment.archived_at !== null) {
				throw badRequest(`environment '${environment.id}' is archived and cannot be updated.`, 'environment_archived');
			}
			if (body.name !== undefined && body.name !== null) environment.name = requireNonEmptyString(body, 'name');
			if (body.description !== undefined) environment.description = body.description;
			if (body.scope !== undefined && body.scope !== null) environment.scope = body.scope;
			if (body.config !== undefined && body.config !== null) {
				environment.config = normalizeConfig(body.config, environment.config);
			}
			environment.metadata = patchMetadata(environment.metadata, body.metadata, true);
			environment.updated_at = nowIso();
			ctx.send(200, environment);
		},
		beta,
	);

	router.add(
		'DELETE',
		'/v1/environments/:environment_id',
		(ctx: RouteContext) => {
			const environment = store.get(ctx.params.environment_id);
			store.byId.delete(environment.id);
			ctx.send(200, { id: environment.id, type: 'environment_deleted' });
		},
		beta,
	);

	router.add(
		'POST',
		'/v1/environments/:environment_id/archive',
		(ctx: RouteContext) => {
			const environment = store.get(ctx.params.environment_id);
			if (environment.archived_at === null) {
				environment.archived_at = nowIso();
				environment.updated_at = environment.archived_at;
			}
			ctx.send(200, environment);
		},
		beta,
	);
}

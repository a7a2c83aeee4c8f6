/**
 * Managed Agents session resources (beta), as the SDK's `beta.sessions.resources` calls them: add a file to
 * a session, list (page-token pages), retrieve, update (a GitHub repository's authorization token, which is
 * never echoed) and delete. The resources live on the session object itself (`session.resources`), so a
 * session retrieved afterwards shows the change.
 */
import type { Emulator, RouteContext, Router } from '../types';
import { tokenPage } from '../pagination';
import { MANAGED_AGENTS_BETA, badRequest, notFound, nowIso, requireObjectBody } from './managedAgentsShared';
import { buildResources } from './sessions';
import type { SessionEngine, SessionRecord } from './sessionEngine';

function writableSession(ctx: RouteContext): SessionRecord {
	const record = (ctx.emulator.state.sessions as SessionEngine).get(ctx.params.session_id);
	const { session } = record;
	if (session.archived_at !== null) throw badRequest(`session '${session.id}' is archived; its resources cannot change.`);
	if (session.status === 'terminated') throw badRequest(`session '${session.id}' is terminated; its resources cannot change.`);
	return record;
}

function findResource(record: SessionRecord, id: string): Record<string, any> {
	// Memory store resources carry no ID, so they cannot be addressed one by one.
	const resource = (record.session.resources as Record<string, any>[]).find((item) => item.id === id);
	if (!resource) throw notFound('session resource', id);
	return resource;
}

export function register(router: Router, _emulator: Emulator): void {
	const beta = { beta: MANAGED_AGENTS_BETA };
	const engine = (ctx: RouteContext): SessionEngine => ctx.emulator.state.sessions;

	router.add(
		'POST',
		'/v1/sessions/:session_id/resources',
		(ctx) => {
			const record = writableSession(ctx);
			const body = requireObjectBody(ctx.json());
			// The SDK's ResourceAddParams: only files are added to a running session.
			if (body.type !== 'file') throw badRequest(`type: only 'file' resources can be added to a session.`);
			const [resource] = buildResources(ctx.emulator, [body]);
			record.session.resources.push(resource);
			record.session.updated_at = resource.created_at;
			ctx.send(200, resource);
		},
		beta,
	);

	router.add(
		'GET',
		'/v1/sessions/:session_id/resources',
		(ctx) => ctx.send(200, tokenPage(engine(ctx).get(ctx.params.session_id).session.resources, ctx.query)),
		beta,
	);

	router.add(
		'GET',
		'/v1/sessions/:session_id/resources/:resource_id',
		(ctx) => ctx.send(200, findResource(engine(ctx).get(ctx.params.session_id), ctx.params.resource_id)),
		beta,
	);

	router.add(
		'POST',
		'/v1/sessions/:session_id/resources/:resource_id',
		(ctx) => {
			const record = writableSession(ctx);
			const resource = findResource(record, ctx.params.resource_id);
			const body = requireObjectBody(ctx.json());
			if (resource.type !== 'github_repository') {
				throw badRequest(`resource '${resource.id}' is a ${resource.type} resource; only GitHub repository resources take an authorization_token.`);
			}
			if (typeof body.authorization_token !== 'string' || !body.authorization_token) {
				throw badRequest('authorization_token: Field required (a non-empty string).');
			}
			resource.updated_at = nowIso();
			ctx.send(200, resource);
		},
		beta,
	);

	router.add(
		'DELETE',
		'/v1/sessions/:session_id/resources/:resource_id',
		(ctx) => {
			const record = writableSession(ctx);
			const resource = findResource(record, ctx.params.resource_id);
			record.session.resources = (record.session.resources as Record<string, any>[]).filter((item) => item !== resource);
			record.session.updated_at = nowIso();
			ctx.send(200, { id: resource.id, type: 'session_resource_deleted' });
		},
		beta,
	);
}

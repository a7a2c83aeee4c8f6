/**
 * Memory stores, memories and memory versions (beta agent-memory): every create, change and delete of
 * a memory records a version with its content; `view=basic` answers without content (the default of
 * list, create and update), `view=full` with. Archived stores refuse writes; deleted objects 404.
 */
import { createHash } from 'node:crypto';
import type { Emulator, RouteContext, Router } from '../types';
import { EmulatorHttpError } from '../types';
import { tokenPage } from '../pagination';
import { badRequest, newId, notFound, nowIso, patchMetadata, queryFlag, requireNonEmptyString, requireObjectBody, validateMetadata } from './managedAgentsShared';

export const AGENT_MEMORY_BETA = 'agent-memory-2026-07-22';
const MAX_CONTENT_BYTES = 102400;

type Json = Record<string, any>;

/** A store agents can remember things in, so examples and dropdowns have one. */
export const SEED_MEMORY_STORE_ID = 'memstore_01EmulatorSeedStore00001';

interface StoreState {
	store: Json;
	memories: Map<string, Json>;
	versions: Json[];
}

export class MemoryStoreStore {
	readonly byId = new Map<string, StoreState>();

	get(id: string): StoreState {
		const state = this.byId.get(id);
		if (!state) throw notFound('memory store', id);
		return state;
	}
}

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function checkPath(path: unknown, field = 'path'): string {
	if (typeof path !== 'string' || !path.startsWith('/')) throw badRequest(`${field}: must start with '/'.`);
	const segments = path.slice(1).split('/');
	if (segments.length > 20 || segments.some((s) => s === '' || s === '.' || s === '..')) throw badRequest(`${field}: 1 to 20 segments, none empty, '.' or '..'.`);
	if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(path) || path.normalize('NFC') !== path || Buffer.byteLength(path) > 1024) throw badRequest(`${field}: not an allowed memory path.`);
	return path;
}

function checkContent(content: unknown): string {
	const text = content === null || content === undefined ? '' : content;
	if (typeof text !== 'string') throw badRequest('content: must be a string.');
	if (Buffer.byteLength(text) > MAX_CONTENT_BYTES) throw badRequest('content: at most 102400 bytes.');
	return text;
}

function view(ctx: RouteContext, fallback: 'basic' | 'full'): 'basic' | 'full' {
	const value = ctx.query.get('view') ?? fallback;
	if (value !== 'basic' && value !== 'full') throw badRequest("view: must be 'basic' or 'full'.");
	return value;
}

/** With view=full a page holds at most 20 items, whatever limit asked for. */
function pageQuery(ctx: RouteContext, v: 'basic' | 'full'): URLSearchParams {
	const query = new URLSearchParams(ctx.query);
	if (v === 'full' && Number(query.get('limit') ?? 20) > 20) query.set('limit', '20');
	return query;
}

const shown = (object: Json, v: 'basic' | 'full') => (v === 'full' || object.content === undefined ? object : { ...object, content: null });

function writable(state: StoreState): void {
	if (state.store.archived_at !== null) throw badRequest(`memory store '${state.store.id}' is archived and cannot be written.`);
}

function conflict(type: string, message: string): EmulatorHttpError {
	return new EmulatorHttpError(409, type, message);
}

function record(state: StoreState, memory: Json, operation: 'created' | 'modified' | 'deleted'): void {
	const version: Json = {
		type: 'memory_version',
		id: newId('memver'),
		memory_id: memory.id,
		memory_store_id: state.store.id,
		operation,
		path: memory.path,
		content: operation === 'deleted' ? null : memory.content,
		content_sha256: operation === 'deleted' ? null : memory.content_sha256,
		content_size_bytes: operation === 'deleted' ? null : memory.content_size_bytes,
		created_at: nowIso(),
		created_by: { type: 'api_actor', api_key_id: 'apikey_01EmulatorKey' },
		redacted_at: null,
	};
	state.versions.push(version);
	memory.memory_version_id = version.id;
}

export function register(router: Router, emulator: Emulator): void {
	const stores = new MemoryStoreStore();
	emulator.state.memoryStores = stores;
	const seededAt = nowIso();
	const seed = { type: 'memory_store', id: SEED_MEMORY_STORE_ID, name: 'Customer memory', description: 'What agents learned about customers, one folder per customer.', metadata: {}, created_at: seededAt, updated_at: seededAt, archived_at: null };
	stores.byId.set(seed.id, { store: seed, memories: new Map(), versions: [] });
	const beta = { beta: AGENT_MEMORY_BETA };
	const memory = (ctx: RouteContext) => {
		const state = stores.get(ctx.params.memory_store_id);
		const found = state.memories.get(ctx.params.memory_id);
		if (!found) throw notFound('memory', ctx.params.memory_id);
		return { state, memory: found };
	};

	router.add('POST', '/v1/memory_stores', (ctx) => {
		const body = requireObjectBody(ctx.json());
		const now = nowIso();
		const store = { type: 'memory_store', id: newId('memstore'), name: requireNonEmptyString(body, 'name'), description: body.description ?? '', metadata: validateMetadata(body.metadata), created_at: now, updated_at: now, archived_at: null };
		stores.byId.set(store.id, { store, memories: new Map(), versions: [] });
		ctx.send(200, store);
	}, beta);
	router.add('GET', '/v1/memory_stores', (ctx) => {
		const all = [...stores.byId.values()].map((s) => s.store).filter((s) => queryFlag(ctx.query, 'include_archived') || s.archived_at === null);
		ctx.send(200, tokenPage(all.reverse(), ctx.query));
	}, beta);
	router.add('GET', '/v1/memory_stores/:memory_store_id', (ctx) => ctx.send(200, stores.get(ctx.params.memory_store_id).store), beta);
	router.add('POST', '/v1/memory_stores/:memory_store_id', (ctx) => {
		const state = stores.get(ctx.params.memory_store_id);
		const body = requireObjectBody(ctx.json());
		writable(state);
		if (body.name !== undefined && body.name !== null) state.store.name = requireNonEmptyString(body, 'name');
		if (body.description !== undefined && body.description !== null) state.store.description = String(body.description);
		state.store.metadata = patchMetadata(state.store.metadata, body.metadata);
		state.store.updated_at = nowIso();
		ctx.send(200, state.store);
	}, beta);
	router.add('POST', '/v1/memory_stores/:memory_store_id/archive', (ctx) => {
		const { store } = stores.get(ctx.params.memory_store_id);
		if (store.archived_at === null) store.archived_at = store.updated_at = nowIso();
		ctx.send(200, store);
	}, beta);
	router.add('DELETE', '/v1/memory_stores/:memory_store_id', (ctx) => {
		const { store } = stores.get(ctx.params.memory_store_id);
		stores.byId.delete(store.id);
		ctx.send(200, { id: store.id, type: 'memory_store_deleted' });
	}, beta);

	router.add('POST', '/v1/memory_stores/:memory_store_id/memories', (ctx) => {
		const state = stores.get(ctx.params.memory_store_id);
		const body = requireObjectBody(ctx.json());
		writable(state);
		const path = checkPath(body.path);
		const clash = [...state.memories.values()].find((m) => m.path === path);
		if (clash) throw conflict('memory_path_conflict_error', `A memory already exists at '${path}'.`);
		const content = checkContent(body.content);
		const now = nowIso();
		const created: Json = { type: 'memory', id: newId('mem'), memory_store_id: state.store.id, path, content, content_sha256: sha(content), content_size_bytes: Buffer.byteLength(content), created_at: now, updated_at: now };
		record(state, created, 'created');
		state.memories.set(created.id, created);
		ctx.send(200, shown(created, view(ctx, 'basic')));
	}, beta);
	router.add('GET', '/v1/memory_stores/:memory_store_id/memories', (ctx) => {
		const state = stores.get(ctx.params.memory_store_id);
		const v = view(ctx, 'basic');
		const prefix = ctx.query.get('path_prefix') ?? '/';
		if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw badRequest("path_prefix: must start and end with '/'.");
		const depth = Number(ctx.query.get('depth') ?? 0);
		const items: Json[] = [];
		const folders = new Set<string>();
		for (const m of [...state.memories.values()].sort((a, b) => a.path.localeCompare(b.path))) {
			if (!m.path.startsWith(prefix)) continue;
			const rest = m.path.slice(prefix.length).split('/');
			if (depth > 0 && rest.length > depth) {
				const folder = prefix + rest.slice(0, depth).join('/') + '/';
				if (!folders.has(folder)) (folders.add(folder), items.push({ type: 'memory_prefix', path: folder }));
			} else items.push(shown(m, v));
		}
		ctx.send(200, tokenPage(items, pageQuery(ctx, v)));
	}, beta);
	router.add('GET', '/v1/memory_stores/:memory_store_id/memories/:memory_id', (ctx) => ctx.send(200, shown(memory(ctx).memory, view(ctx, 'full'))), beta);
	router.add('POST', '/v1/memory_stores/:memory_store_id/memories/:memory_id', (ctx) => {
		const { state, memory: found } = memory(ctx);
		const body = requireObjectBody(ctx.json());
		writable(state);
		const expected = body.precondition?.content_sha256;
		if (expected !== undefined && expected !== found.content_sha256) throw conflict('memory_precondition_failed_error', `The memory's content no longer has SHA-256 ${expected}.`);
		if (body.path !== undefined && body.path !== null) {
			const path = checkPath(body.path);
			const clash = [...state.memories.values()].find((m) => m.path === path && m.id !== found.id);
			if (clash) throw conflict('memory_path_conflict_error', `A memory already exists at '${path}'.`);
			found.path = path;
		}
		if (body.content !== undefined && body.content !== null) {
			found.content = checkContent(body.content);
			found.content_sha256 = sha(found.content);
			found.content_size_bytes = Buffer.byteLength(found.content);
		}
		found.updated_at = nowIso();
		record(state, found, 'modified');
		ctx.send(200, shown(found, view(ctx, 'basic')));
	}, beta);
	router.add('DELETE', '/v1/memory_stores/:memory_store_id/memories/:memory_id', (ctx) => {
		const { state, memory: found } = memory(ctx);
		writable(state);
		const expected = ctx.query.get('expected_content_sha256');
		if (expected && expected !== found.content_sha256) throw conflict('memory_precondition_failed_error', `The memory's content no longer has SHA-256 ${expected}.`);
		record(state, found, 'deleted');
		state.memories.delete(found.id);
		ctx.send(200, { id: found.id, type: 'memory_deleted' });
	}, beta);

	const version = (ctx: RouteContext) => {
		const state = stores.get(ctx.params.memory_store_id);
		const found = state.versions.find((v) => v.id === ctx.params.memory_version_id);
		if (!found) throw notFound('memory version', ctx.params.memory_version_id);
		return { state, version: found };
	};
	router.add('GET', '/v1/memory_stores/:memory_store_id/memory_versions', (ctx) => {
		const state = stores.get(ctx.params.memory_store_id);
		const v = view(ctx, 'basic');
		const filters = { memory_id: ctx.query.get('memory_id'), operation: ctx.query.get('operation'), session_id: ctx.query.get('session_id') };
		const items = state.versions
			.filter((x) => (!filters.memory_id || x.memory_id === filters.memory_id) && (!filters.operation || x.operation === filters.operation))
			.filter((x) => !filters.session_id || x.created_by?.session_id === filters.session_id)
			.slice()
			.reverse()
			.map((x) => shown(x, v));
		ctx.send(200, tokenPage(items, pageQuery(ctx, v)));
	}, beta);
	router.add('GET', '/v1/memory_stores/:memory_store_id/memory_versions/:memory_version_id', (ctx) => ctx.send(200, shown(version(ctx).version, view(ctx, 'full'))), beta);
	router.add('POST', '/v1/memory_stores/:memory_store_id/memory_versions/:memory_version_id/redact', (ctx) => {
		const { state, version: found } = version(ctx);
		writable(state);
		if (found.redacted_at === null) {
			Object.assign(found, { content: null, content_sha256: null, content_size_bytes: null, redacted_at: nowIso(), redacted_by: { type: 'api_actor', api_key_id: 'apikey_01EmulatorKey' } });
		}
		ctx.send(200, found);
	}, beta);
}

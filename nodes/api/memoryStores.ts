/**
 * beta.memoryStores with memories and memory versions: memory that outlives a session. Their beta is
 * agent-memory, not managed-agents. A memory is addressed by ID; its path is only data (sent in bodies
 * and as a list filter), so a path is never put into a URL path.
 */
import type {
	BetaManagedAgentsDeletedMemoryStore,
	BetaManagedAgentsMemoryStore,
} from '@anthropic-ai/sdk/resources/beta/memory-stores/memory-stores';
import type {
	BetaManagedAgentsDeletedMemory,
	BetaManagedAgentsMemory,
	BetaManagedAgentsMemoryListItem,
	BetaManagedAgentsMemoryView,
	MemoryCreateParams,
	MemoryUpdateParams,
} from '@anthropic-ai/sdk/resources/beta/memory-stores/memories';
import type { BetaManagedAgentsMemoryVersion } from '@anthropic-ai/sdk/resources/beta/memory-stores/memory-versions';
import type { ClaudeAwsClient, QueryValue } from '../transport/client';
import { route } from './path';
import { call, callAbout, defineNoun, list, type Paging } from './resource';

export const AGENT_MEMORY_BETA = 'agent-memory-2026-07-22';

export type MemoryStore = BetaManagedAgentsMemoryStore;
export type Memory = BetaManagedAgentsMemory;
export type MemoryListItem = BetaManagedAgentsMemoryListItem;
export type MemoryVersion = BetaManagedAgentsMemoryVersion;
export type MemoryView = BetaManagedAgentsMemoryView;
export type MemoryBody = Pick<MemoryCreateParams, 'content' | 'path'>;
export type MemoryPatch = Pick<MemoryUpdateParams, 'content' | 'path' | 'precondition'>;

export const MEMORY_STORE = defineNoun('memory store', 'page', [AGENT_MEMORY_BETA]);
export const MEMORY = defineNoun('memory', 'page', [AGENT_MEMORY_BETA]);
export const MEMORY_VERSION = defineNoun('memory version', 'page', [AGENT_MEMORY_BETA]);

const viewQuery = (view?: MemoryView): Record<string, QueryValue> => (view ? { view } : {});

export const memoryStores = {
	noun: MEMORY_STORE,
	path: route`/v1/memory_stores`,
	/** Not idempotent: a retried create would make a second store. */
	create: (client: ClaudeAwsClient, body: { name: string; description?: string; metadata?: Record<string, string> }) =>
		call<MemoryStore>(client, MEMORY_STORE, { method: 'POST', path: route`/v1/memory_stores`, body, idempotent: false }, ['id']),
	retrieve: (client: ClaudeAwsClient, id: string) =>
		callAbout<MemoryStore>(client, MEMORY_STORE, id, { method: 'GET', path: route`/v1/memory_stores/${id}` }, ['id']),
	list: (client: ClaudeAwsClient, paging: Paging, query: Record<string, QueryValue> = {}) =>
		list<MemoryStore>(client, MEMORY_STORE, route`/v1/memory_stores`, paging, query),
	update: (client: ClaudeAwsClient, id: string, body: { name?: string; description?: string; metadata?: Record<string, string | null> }) =>
		callAbout<MemoryStore>(client, MEMORY_STORE, id, { method: 'POST', path: route`/v1/memory_stores/${id}`, body }, ['id']),
	archive: (client: ClaudeAwsClient, id: string) =>
		callAbout<MemoryStore>(client, MEMORY_STORE, id, { method: 'POST', path: route`/v1/memory_stores/${id}/archive` }, ['id']),
	delete: (client: ClaudeAwsClient, id: string) =>
		callAbout<BetaManagedAgentsDeletedMemoryStore>(client, MEMORY_STORE, id, { method: 'DELETE', path: route`/v1/memory_stores/${id}` }, ['id']),

	memories: {
		path: (storeId: string) => route`/v1/memory_stores/${storeId}/memories`,
		/** Not idempotent: a retry after a lost answer would meet its own memory as a path conflict. */
		create: (client: ClaudeAwsClient, storeId: string, body: MemoryBody, view?: MemoryView) =>
			callAbout<Memory>(
				client,
				MEMORY_STORE,
				storeId,
				{ method: 'POST', path: route`/v1/memory_stores/${storeId}/memories`, query: viewQuery(view), body, idempotent: false },
				['id'],
			),
		list: (client: ClaudeAwsClient, storeId: string, paging: Paging, query: Record<string, QueryValue> = {}) =>
			list<MemoryListItem>(client, MEMORY, route`/v1/memory_stores/${storeId}/memories`, paging, query),
		retrieve: (client: ClaudeAwsClient, storeId: string, id: string, view?: MemoryView) =>
			callAbout<Memory>(client, MEMORY, id, { method: 'GET', path: route`/v1/memory_stores/${storeId}/memories/${id}`, query: viewQuery(view) }, ['id']),
		update: (client: ClaudeAwsClient, storeId: string, id: string, body: MemoryPatch, view?: MemoryView) =>
			callAbout<Memory>(
				client,
				MEMORY,
				id,
				{ method: 'POST', path: route`/v1/memory_stores/${storeId}/memories/${id}`, query: viewQuery(view), body },
				['id'],
			),
		delete: (client: ClaudeAwsClient, storeId: string, id: string, expectedContentSha256?: string) =>
			callAbout<BetaManagedAgentsDeletedMemory>(
				client,
				MEMORY,
				id,
				{
					method: 'DELETE',
					path: route`/v1/memory_stores/${storeId}/memories/${id}`,
					query: expectedContentSha256 ? { expected_content_sha256: expectedContentSha256 } : {},
				},
				['id'],
			),
	},

	versions: {
		path: (storeId: string) => route`/v1/memory_stores/${storeId}/memory_versions`,
		list: (client: ClaudeAwsClient, storeId: string, paging: Paging, query: Record<string, QueryValue> = {}) =>
			list<MemoryVersion>(client, MEMORY_VERSION, route`/v1/memory_stores/${storeId}/memory_versions`, paging, query),
		retrieve: (client: ClaudeAwsClient, storeId: string, id: string, view?: MemoryView) =>
			callAbout<MemoryVersion>(
				client,
				MEMORY_VERSION,
				id,
				{ method: 'GET', path: route`/v1/memory_stores/${storeId}/memory_versions/${id}`, query: viewQuery(view) },
				['id'],
			),
		/** Erases the content of a past version for good (the version and who made it stay). */
		redact: (client: ClaudeAwsClient, storeId: string, id: string) =>
			callAbout<MemoryVersion>(client, MEMORY_VERSION, id, { method: 'POST', path: route`/v1/memory_stores/${storeId}/memory_versions/${id}/redact` }, ['id']),
	},
};

/**
 * Dropdown searches for what lives inside one session (its threads and resources): they page through
 * the session picked in the node's Session field, so they need it first.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { idProblem, route } from '../../api/path';
import { onePage, type Noun } from '../../api/resource';
import { SESSION_RESOURCE, THREAD } from '../../api/sessions';
import { getClient } from '../client';
import { toNodeError } from '../errors';

type Entry = { name: string; value: string };

async function searchInSession(
	context: ILoadOptionsFunctions,
	noun: Noun,
	path: (sessionId: string) => string,
	toResult: (item: any) => Entry,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const raw = context.getCurrentNodeParameter('sessionId', { extractValue: true }) as unknown;
	const sessionId = typeof raw === 'string' ? raw.trim() : '';
	// No session picked yet (or an expression only a run can resolve): nothing to list.
	if (!sessionId || idProblem(sessionId)) return { results: [] };
	try {
		const client = await getClient(context);
		const page = await onePage<any>(client, noun, path(sessionId), paginationToken);
		const needle = filter?.trim().toLowerCase();
		// Memory store resources carry no ID: they cannot be picked one by one.
		const results = page.data.filter((item) => typeof item?.id === 'string').map(toResult).filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
		return { results, paginationToken: page.next };
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

export async function searchThreads(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchInSession(
		this,
		THREAD,
		(sessionId) => route`/v1/sessions/${sessionId}/threads`,
		(t) => ({ name: `${t.parent_thread_id ? 'Thread' : 'Primary thread'} ${t.id} (${t.status}${t.archived_at ? ', archived' : ''})`, value: t.id }),
		filter,
		paginationToken,
	);
}

const RESOURCE_NAMES: Record<string, (r: any) => string> = {
	file: (r) => `File ${r.file_id} at ${r.mount_path}`,
	github_repository: (r) => `Repository ${r.url}`,
	memory_store: (r) => `Memory store ${r.name ?? r.memory_store_id}`,
};

export async function searchSessionResources(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchInSession(
		this,
		SESSION_RESOURCE,
		(sessionId) => route`/v1/sessions/${sessionId}/resources`,
		(r) => ({ name: `${(RESOURCE_NAMES[r.type] ?? ((x: any) => x.type))(r)} (${r.id})`, value: r.id }),
		filter,
		paginationToken,
	);
}

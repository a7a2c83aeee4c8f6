/** Dropdown searches for resource locators, shared by every node (models, batches, files, agents, environments, sessions). */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { getClient } from '../client';
import { toNodeError } from '../errors';
import { MANAGED_AGENTS_BETA } from '../../transport/constants';

type PageStyle = 'id' | 'page';

async function searchList(
	context: ILoadOptionsFunctions,
	path: string,
	style: PageStyle,
	toResult: (item: any) => { name: string; value: string; url?: string },
	filter: string | undefined,
	paginationToken: string | undefined,
	betas?: string[],
): Promise<INodeListSearchResult> {
	try {
		const client = await getClient(context);
		const query: Record<string, string | number> = { limit: 100 };
		if (paginationToken) query[style === 'id' ? 'after_id' : 'page'] = paginationToken;
		const page = await client.request<any>({ method: 'GET', path, query, betas });
		const needle = filter?.trim().toLowerCase();
		const results = (page?.data ?? [])
			.map(toResult)
			.filter((r: { name: string; value: string }) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
		const next = style === 'id' ? (page?.has_more ? page.last_id : undefined) : (page?.next_page ?? undefined);
		return { results, paginationToken: next };
	} catch (error) {
		throw toNodeError(context.getNode(), error);
	}
}

export async function searchModels(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, '/v1/models', 'id', (m) => ({ name: m.display_name ? `${m.display_name} (${m.id})` : m.id, value: m.id }), filter, paginationToken);
}

export async function searchBatches(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, '/v1/messages/batches', 'id', (b) => ({ name: `${b.id} (${b.processing_status})`, value: b.id }), filter, paginationToken);
}

export async function searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, '/v1/files', 'page', (f) => ({ name: `${f.filename} (${f.id})`, value: f.id }), filter, paginationToken);
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, '/v1/agents', 'page', (a) => ({ name: a.name ? `${a.name} (${a.id})` : a.id, value: a.id }), filter, paginationToken, [MANAGED_AGENTS_BETA]);
}

export async function searchEnvironments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, '/v1/environments', 'page', (e) => ({ name: e.name ? `${e.name} (${e.id})` : e.id, value: e.id }), filter, paginationToken, [MANAGED_AGENTS_BETA]);
}

export async function searchSessions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return searchList(this, '/v1/sessions', 'page', (s) => ({ name: s.title ? `${s.title} (${s.id}, ${s.status})` : `${s.id} (${s.status})`, value: s.id }), filter, paginationToken, [MANAGED_AGENTS_BETA]);
}

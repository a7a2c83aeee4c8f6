/** Cursor pages followed to the end (Return All) or to a limit; a cursor that does not move is an error, never endless paging. */
import { ClaudeStreamError } from './errors';
import type { QueryValue } from './url';

export interface PageOptions {
	/** 'id': limit/after_id with has_more/last_id (models, batches); 'page': limit/page with next_page (files, agents, sessions...). */
	style: 'id' | 'page';
	returnAll: boolean;
	/** Items wanted when returnAll is false. */
	limit?: number;
	/** Page size asked of the API. */
	pageSize?: number;
}

export interface PageRequest {
	method: string;
	path: string;
	query?: Record<string, QueryValue>;
}

export async function collectPages<T>(request: PageRequest, options: PageOptions, fetchPage: (query: Record<string, QueryValue>) => Promise<any>): Promise<T[]> {
	const items: T[] = [];
	const want = options.returnAll ? Infinity : Math.max(0, options.limit ?? 50);
	const size = options.pageSize ?? 100;
	const seen = new Set<string>();
	let cursor: string | undefined;
	while (items.length < want) {
		const query: Record<string, QueryValue> = { ...request.query, limit: Math.min(size, want - items.length) };
		if (cursor) query[options.style === 'id' ? 'after_id' : 'page'] = cursor;
		const page = await fetchPage(query);
		const data: T[] = Array.isArray(page?.data) ? page.data : [];
		items.push(...data.slice(0, want - items.length));
		const next = options.style === 'id' ? (page?.has_more ? page.last_id : undefined) : (page?.next_page ?? undefined);
		if (!next || data.length === 0) break;
		const key = String(next);
		if (seen.has(key)) {
			throw new ClaudeStreamError(
				`GET ${request.path} sent the page cursor "${key.slice(0, 80)}" again after ${seen.size + 1} page${seen.size === 0 ? '' : 's'}; stopped instead of paging without end.`,
				request.path,
				undefined,
				'cursor_repeated',
			);
		}
		seen.add(key);
		cursor = key;
	}
	return items;
}

/**
 * The two page styles of the Claude API, shared by every resource module.
 * ID pages (models, message batches): `limit`, `before_id`, `after_id` -> `{data, has_more, first_id, last_id}`.
 * Page-token pages (files, agents, environments, sessions, events): `limit`, `page` -> `{data, next_page}`.
 */
import { EmulatorHttpError } from './types';

export interface IdPage<T> {
	data: T[];
	has_more: boolean;
	first_id: string | null;
	last_id: string | null;
}

export interface TokenPage<T> {
	data: T[];
	next_page: string | null;
}

export interface PageLimits {
	/** Page size when the query has no `limit` (default 20). */
	defaultLimit?: number;
	/** Largest accepted `limit` (default 1000). */
	maxLimit?: number;
}

type Query = URLSearchParams | Record<string, string | undefined>;

function readQuery(query: Query, name: string): string | undefined {
	if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
	return query[name];
}

/** Parses `limit` like the API does: an integer within [1, maxLimit], else 400. */
export function parseLimit(query: Query, limits: PageLimits = {}): number {
	const defaultLimit = limits.defaultLimit ?? 20;
	const maxLimit = limits.maxLimit ?? 1000;
	const raw = readQuery(query, 'limit');
	if (raw === undefined || raw === '') return defaultLimit;
	if (!/^-?\d+$/.test(raw)) {
		throw new EmulatorHttpError(400, 'invalid_request_error', 'limit: Input should be a valid integer');
	}
	const limit = Number(raw);
	if (limit < 1) throw new EmulatorHttpError(400, 'invalid_request_error', 'limit: Input should be greater than or equal to 1');
	if (limit > maxLimit) {
		throw new EmulatorHttpError(400, 'invalid_request_error', `limit: Input should be less than or equal to ${maxLimit}`);
	}
	return limit;
}

/**
 * Serves one ID page. `items` must already be in list order (newest first for the real API).
 * With `before_id` the page holds the `limit` items right before that ID and `has_more` says whether
 * older-in-list-order items remain before it, which is how the SDK walks backwards.
 */
export function idPage<T extends { id: string }>(items: readonly T[], query: Query, limits: PageLimits = {}): IdPage<T> {
	const limit = parseLimit(query, limits);
	const beforeId = readQuery(query, 'before_id');
	const afterId = readQuery(query, 'after_id');
	if (beforeId && afterId) {
		throw new EmulatorHttpError(400, 'invalid_request_error', 'Only one of before_id and after_id may be given');
	}
	let page: T[];
	let hasMore: boolean;
	if (beforeId) {
		const end = items.findIndex((item) => item.id === beforeId);
		if (end < 0) return emptyIdPage();
		const start = Math.max(0, end - limit);
		page = items.slice(start, end);
		hasMore = start > 0;
	} else {
		let start = 0;
		if (afterId) {
			const index = items.findIndex((item) => item.id === afterId);
			if (index < 0) return emptyIdPage();
			start = index + 1;
		}
		page = items.slice(start, start + limit);
		hasMore = start + limit < items.length;
	}
	return {
		data: page,
		has_more: hasMore,
		first_id: page.length ? page[0].id : null,
		last_id: page.length ? page[page.length - 1].id : null,
	};
}

function emptyIdPage<T>(): IdPage<T> {
	return { data: [], has_more: false, first_id: null, last_id: null };
}

const PAGE_TOKEN_PREFIX = 'page_';

/** Opaque cursor; carries the offset of the next item. */
export function encodePageToken(offset: number): string {
	return PAGE_TOKEN_PREFIX + Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodePageToken(token: string): number {
	const invalid = new EmulatorHttpError(400, 'invalid_request_error', `page: invalid page token '${token}'`);
	if (!token.startsWith(PAGE_TOKEN_PREFIX)) throw invalid;
	const decoded = Buffer.from(token.slice(PAGE_TOKEN_PREFIX.length), 'base64url').toString('utf8');
	const match = /^offset:(\d+)$/.exec(decoded);
	if (!match) throw invalid;
	return Number(match[1]);
}

/** Serves one page-token page; `next_page` is null on the last page. */
export function tokenPage<T>(items: readonly T[], query: Query, limits: PageLimits = {}): TokenPage<T> {
	const limit = parseLimit(query, limits);
	const token = readQuery(query, 'page');
	const start = token ? decodePageToken(token) : 0;
	const page = items.slice(start, start + limit);
	const next = start + limit;
	return { data: page, next_page: next < items.length ? encodePageToken(next) : null };
}

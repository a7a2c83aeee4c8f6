/**
 * What every API noun shares: its beta header, its page style, the name a 404 should give, and the
 * check that a 2xx answer is what it claims to be. A noun module is a table of these plus its paths.
 */
import type { ApiRequest, ClaudeAwsClient, QueryValue } from '../transport/client';
import { ClaudeApiError } from '../transport/errors';

export type PageStyle = 'id' | 'page';

export interface Paging {
	returnAll: boolean;
	limit?: number;
	pageSize?: number;
}

export interface Noun {
	/** How a person names one of them: "file", "message batch", "session". */
	name: string;
	/** anthropic-beta values every call of this noun needs. */
	betas: string[];
	/** 'id': limit/after_id with has_more/last_id; 'page': limit/page with next_page. */
	pageStyle: PageStyle;
}

export function defineNoun(name: string, pageStyle: PageStyle, betas: string[] = []): Noun {
	return { name, pageStyle, betas };
}

export function withBetas(noun: Noun, request: ApiRequest): ApiRequest {
	if (noun.betas.length === 0) return request;
	return { ...request, betas: [...(request.betas ?? []), ...noun.betas] };
}

/**
 * One call about one object. A 404 names the object the user gave, whatever wording the gateway used;
 * an answer without the fields the caller relies on is an error, not an empty success.
 */
export async function callAbout<T>(client: ClaudeAwsClient, noun: Noun, id: string, request: ApiRequest, expect: string[] = []): Promise<T> {
	let answer: T;
	try {
		answer = await client.request<T>(withBetas(noun, request));
	} catch (error) {
		throw namingNotFound(error, noun, id);
	}
	return expectFields(answer, noun, request, expect);
}

/** A call not about one object (create, list page). */
export async function call<T>(client: ClaudeAwsClient, noun: Noun, request: ApiRequest, expect: string[] = []): Promise<T> {
	return expectFields(await client.request<T>(withBetas(noun, request)), noun, request, expect);
}

export function list<T>(client: ClaudeAwsClient, noun: Noun, path: string, paging: Paging, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T[]> {
	return client.paginate<T>(withBetas(noun, { method: 'GET', path, query, signal }), { style: noun.pageStyle, ...paging });
}

/** One page and the cursor of the next, for dropdowns that page on demand. */
export async function onePage<T>(client: ClaudeAwsClient, noun: Noun, path: string, cursor: string | undefined, pageSize = 100): Promise<{ data: T[]; next?: string }> {
	const query: Record<string, QueryValue> = { limit: pageSize };
	if (cursor) query[noun.pageStyle === 'id' ? 'after_id' : 'page'] = cursor;
	const page = await client.request<{ data?: T[]; has_more?: boolean; last_id?: string; next_page?: string | null }>(withBetas(noun, { method: 'GET', path, query }));
	const data = Array.isArray(page?.data) ? page.data : [];
	const next = noun.pageStyle === 'id' ? (page?.has_more ? page.last_id : undefined) : (page?.next_page ?? undefined);
	// A cursor that does not move would page the dropdown forever.
	return { data, next: next && next !== cursor && data.length > 0 ? next : undefined };
}

export function namingNotFound(error: unknown, noun: Noun, id: string): unknown {
	if (error instanceof ClaudeApiError && error.status === 404 && !error.apiMessage.includes(id)) {
		return new ClaudeApiError({
			status: 404,
			errorType: error.errorType,
			apiMessage: `No ${noun.name} with ID '${id}' in this workspace (${error.apiMessage})`,
			requestId: error.requestId,
			method: error.method,
			path: error.path,
			retries: error.retries,
		});
	}
	return error;
}

/** Names the first field the answer should have and has not. */
export function expectFields<T>(answer: T, noun: Noun, request: Pick<ApiRequest, 'method' | 'path'>, fields: string[]): T {
	if (fields.length === 0) return answer;
	const isObject = answer !== null && typeof answer === 'object' && !Array.isArray(answer);
	const missing = isObject ? fields.find((field) => (answer as Record<string, unknown>)[field] === undefined) : undefined;
	if (isObject && missing === undefined) return answer;
	throw new ClaudeApiError({
		status: 200,
		errorType: 'invalid_response',
		apiMessage: isObject
			? `The gateway's answer has no "${missing}", which a ${noun.name} always has.`
			: `The gateway answered with ${answer === undefined ? 'an empty body' : 'something other than a JSON object'} where a ${noun.name} was expected.`,
		method: request.method,
		path: /^https?:\/\//i.test(request.path) ? new URL(request.path).pathname : request.path,
		retries: 0,
	});
}

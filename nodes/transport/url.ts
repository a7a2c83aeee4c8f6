/**
 * Request URLs: a path (or a same-gateway absolute URL) under the base URL, and a query encoded as
 * RFC 3986 with spaces as %20, never "+": the wire must match SigV4's canonical query exactly.
 */
import { ClaudeConfigError } from './errors';

export type QueryValue = string | number | boolean | undefined | null | string[];

/** encodeURIComponent plus the four characters it leaves alone but RFC 3986 reserves (!'()*). */
export function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Adds the query to the URL's own (kept as it is); undefined, null and '' values are left out, arrays repeat the key. */
export function appendQuery(url: URL, query: Record<string, QueryValue> | undefined): URL {
	const pairs: string[] = url.search ? [url.search.slice(1)] : [];
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		for (const v of Array.isArray(value) ? value : [String(value)]) pairs.push(`${encodeRfc3986(key)}=${encodeRfc3986(v)}`);
	}
	url.search = pairs.join('&');
	return url;
}

export function isAbsoluteUrl(path: string): boolean {
	return /^https?:\/\//i.test(path);
}

/**
 * The URL of a request: a path under the base URL (its path prefix kept), or an absolute URL on the
 * same origin (e.g. a batch's results_url). Signed requests are never sent to another origin.
 */
export function resolveRequestUrl(baseUrl: URL, path: string, query?: Record<string, QueryValue>): URL {
	let url: URL;
	if (isAbsoluteUrl(path)) {
		url = new URL(path);
		if (url.origin !== baseUrl.origin) {
			throw new ClaudeConfigError('URL', `Refusing to send a signed request to ${url.origin}, which is not the configured gateway ${baseUrl.origin}.`);
		}
	} else {
		const prefix = baseUrl.pathname.replace(/\/$/, '');
		url = new URL(baseUrl.origin + prefix + (path.startsWith('/') ? path : `/${path}`));
	}
	return appendQuery(url, query);
}

/** The path as errors show it: without origin and query. */
export function displayPath(path: string): string {
	return isAbsoluteUrl(path) ? new URL(path).pathname : path;
}

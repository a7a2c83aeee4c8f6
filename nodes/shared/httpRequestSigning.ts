/** The credential's `authenticate`: signs a request n8n built (HTTP Request node, credential test). */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { Readable } from 'node:stream';
import type { ClaudeAwsClient, QueryValue } from '../transport/client';
import { clientFromCredential } from './client';

export async function signHttpRequestOptions(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	// Cached per credential like the nodes' clients: without it every signed request assumed the role anew.
	const client = clientFromCredential(credentials);
	const url = signedUrl(client, absoluteUrl(options, client.baseUrl), (options.qs ?? {}) as IDataObject);

	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.headers ?? {})) {
		if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
	}
	let body = options.body as unknown;
	let unsignedPayload = false;
	if (body === undefined || body === null || body === '') {
		body = undefined;
	} else if (typeof body === 'string' || Buffer.isBuffer(body)) {
		// sent as given
	} else if (body instanceof Readable || isFormData(body)) {
		unsignedPayload = true;
	} else if (typeof body === 'object') {
		// The gateway speaks JSON: send exactly the bytes that were signed.
		body = JSON.stringify(body);
		headers['content-type'] = 'application/json';
	}
	if (body === undefined && Object.keys(options.body ?? {}).length === 0) delete headers['content-type'];

	const signed = await client.authorize({
		method: options.method ?? 'GET',
		url,
		headers,
		body: unsignedPayload ? undefined : (body as string | Buffer | undefined),
		unsignedPayload,
	});
	const { uri: _uri, ...rest } = options as IHttpRequestOptions & { uri?: string };
	return {
		...rest,
		url: url.toString(),
		baseURL: undefined,
		qs: undefined,
		body: body as IHttpRequestOptions['body'],
		headers: signed,
		...NO_REDIRECTS,
	} as IHttpRequestOptions;
}

/**
 * The URL with its query encoded by the transport (RFC 3986, space as %20), the way the signer
 * canonicalizes it: URLSearchParams would put `+` on the wire and the gateway would refuse the signature.
 */
function signedUrl(client: ClaudeAwsClient, target: URL, qs: IDataObject): URL {
	// Another origin is refused by authorize(), with the message that says why.
	if (target.origin !== client.baseUrl.origin) return target;
	const query: Record<string, QueryValue> = {};
	const empty: string[] = [];
	const add = (key: string, value: string) => {
		// The transport drops empty values; a caller who wrote `?flag=` keeps it.
		if (value === '') return void empty.push(`${encodeURIComponent(key)}=`);
		const previous = query[key];
		query[key] = previous === undefined || previous === null ? value : [...(Array.isArray(previous) ? previous : [String(previous)]), value];
	};
	for (const [key, value] of target.searchParams) add(key, value);
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null) continue;
		for (const one of Array.isArray(value) ? value : [value]) add(key, typeof one === 'object' && one !== null ? JSON.stringify(one) : String(one));
	}
	const path = `${target.origin}${target.pathname}${empty.length ? `?${empty.join('&')}` : ''}`;
	return client.resolveUrl({ path, query });
}

/**
 * A redirect would carry the signature, the session token and the workspace ID to wherever the Location
 * points (n8n forwards them across origins by default). Turned off in both option styles n8n speaks:
 * `disableFollowRedirect` (httpRequest) and `followRedirect`/`followAllRedirects` (the HTTP Request
 * node's request-style options). A 3xx then fails as an HTTP error carrying its Location.
 */
const NO_REDIRECTS = {
	disableFollowRedirect: true,
	followRedirect: false,
	followAllRedirects: false,
	maxRedirects: 0,
	sendCredentialsOnCrossOriginRedirect: false,
};

function absoluteUrl(options: IHttpRequestOptions, gateway: URL): URL {
	// n8n's HTTP Request node hands the address over as `uri` (request-style options), other callers as `url`.
	const target = String(options.url ?? (options as unknown as { uri?: string }).uri ?? '');
	if (/^https?:\/\//i.test(target)) return new URL(target);
	const base = (options.baseURL || gateway.toString()).replace(/\/+$/, '');
	return new URL(`${base}/${target.replace(/^\/+/, '')}`);
}

function isFormData(value: unknown): boolean {
	return typeof value === 'object' && value !== null && typeof (value as { getBoundary?: unknown }).getBoundary === 'function';
}

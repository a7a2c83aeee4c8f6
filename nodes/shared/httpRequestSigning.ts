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
	const { body, unsignedPayload } = payloadOf(options, headers);

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

/**
 * What is sent and how it is signed. Bytes we hold are hashed. A multipart (`formData`) or urlencoded
 * (`form`) body of request-style options is serialized by n8n after this returns, so its bytes are not
 * known here: like the SDK's multipart uploads it goes out as UNSIGNED-PAYLOAD (the signature still
 * covers method, URL and headers), never hashed as the empty body it looks like now.
 */
function payloadOf(options: IHttpRequestOptions, headers: Record<string, string>): { body: unknown; unsignedPayload: boolean } {
	const requestStyle = options as IHttpRequestOptions & { formData?: unknown; form?: unknown };
	const body = options.body as unknown;
	if (requestStyle.formData !== undefined || requestStyle.form !== undefined) return { body: undefined, unsignedPayload: true };
	if (body === undefined || body === null || body === '') {
		delete headers['content-type'];
		return { body: undefined, unsignedPayload: false };
	}
	if (typeof body === 'string' || Buffer.isBuffer(body)) return { body, unsignedPayload: false };
	if (body instanceof Readable || isFormData(body)) return { body, unsignedPayload: true };
	if (body instanceof URLSearchParams) return { body: body.toString(), unsignedPayload: false };
	if (typeof body === 'object' && /^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '')) {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(body as IDataObject)) {
			if (value !== undefined && value !== null) form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
		return { body: form.toString(), unsignedPayload: false };
	}
	if (typeof body === 'object') {
		// The gateway speaks JSON: send exactly the bytes that were signed.
		headers['content-type'] = 'application/json';
		return { body: JSON.stringify(body), unsignedPayload: false };
	}
	return { body, unsignedPayload: false };
}

function isFormData(value: unknown): boolean {
	return typeof value === 'object' && value !== null && typeof (value as { getBoundary?: unknown }).getBoundary === 'function';
}

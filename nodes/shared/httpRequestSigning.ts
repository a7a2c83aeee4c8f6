/** The credential's `authenticate`: signs a request n8n built (HTTP Request node, credential test). */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { Readable } from 'node:stream';
import { ClaudeAwsClient } from '../transport/client';
import { connectionConfigFrom } from './connectionConfig';

export async function signHttpRequestOptions(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const client = new ClaudeAwsClient(connectionConfigFrom(credentials));
	const url = absoluteUrl(options, client.baseUrl);
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
		else url.searchParams.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}

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
	return {
		...options,
		url: url.toString(),
		baseURL: undefined,
		qs: undefined,
		body: body as IHttpRequestOptions['body'],
		headers: signed,
	};
}

function absoluteUrl(options: IHttpRequestOptions, gateway: URL): URL {
	if (/^https?:\/\//i.test(options.url)) return new URL(options.url);
	const base = (options.baseURL || gateway.toString()).replace(/\/+$/, '');
	return new URL(`${base}/${options.url.replace(/^\/+/, '')}`);
}

function isFormData(value: unknown): boolean {
	return typeof value === 'object' && value !== null && typeof (value as { getBoundary?: unknown }).getBoundary === 'function';
}

/**
 * Authentication headers, built in one place for both our own requests and requests n8n built
 * (authorize()): the gateway headers, then a SigV4 signature or the Bearer key. Also the secrets
 * this produced, so errors can be cleaned of them (redact.ts).
 */
import { API_VERSION, USER_AGENT } from './constants';
import type { ConnectionConfig } from './config';
import type { IdentityProvider } from './identity';
import { SecretSet, secretsOfHeaders } from './redact';
import { RequestSigner } from './signer';

export interface AuthorizeInput {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body?: string | Uint8Array;
	unsignedPayload?: boolean;
	/** SHA-256 (hex) of a streamed body whose bytes are known in advance: signed as its payload hash. */
	payloadHash?: string;
	/** Secret values the request itself carries (MCP tokens, vault secrets), cleaned from errors too. */
	requestSecrets?: string[];
}

export interface Authorized {
	headers: Record<string, string>;
	/** The secret values in these headers (Authorization, signature, session token). */
	secrets: string[];
}

export class RequestAuth {
	/** Credentials given and credentials the identity provider handed out: never to appear in an error. */
	readonly secrets = new SecretSet();
	private readonly signer?: RequestSigner;

	constructor(
		private readonly config: ConnectionConfig,
		readonly identity?: IdentityProvider,
	) {
		const auth = config.auth;
		if (auth.type === 'apiKey') this.secrets.add(auth.apiKey.trim());
		if (auth.type === 'accessKeys') this.secrets.add(auth.secretAccessKey, auth.sessionToken);
		if (auth.type === 'assumeRole' && auth.master.type === 'accessKeys') this.secrets.add(auth.master.secretAccessKey, auth.master.sessionToken);
		if (identity) {
			const tracked: IdentityProvider = async () => {
				const credentials = await identity();
				this.secrets.add(credentials.secretAccessKey, credentials.sessionToken);
				return credentials;
			};
			this.signer = new RequestSigner(config.region, tracked);
		}
	}

	/** The gateway's own headers over the caller's: version (unless the caller set one) and workspace. */
	gatewayHeaders(headers: Record<string, string> | undefined, defaults: Record<string, string> = {}): Record<string, string> {
		return { 'anthropic-version': API_VERSION, ...defaults, ...lowerCase(headers), 'anthropic-workspace-id': this.config.workspaceId };
	}

	/** Every header of one of our own API requests, before authentication. */
	requestHeaders(request: { headers?: Record<string, string>; betas?: string[]; stream?: { contentType: string; contentLength?: number } }, bodyText: string | undefined): Record<string, string> {
		const headers = this.gatewayHeaders(request.headers, { 'user-agent': USER_AGENT, accept: 'application/json' });
		if (request.betas?.length) headers['anthropic-beta'] = [...new Set(request.betas)].join(',');
		if (bodyText !== undefined) {
			headers['content-type'] = 'application/json';
			headers['content-length'] = String(Buffer.byteLength(bodyText));
		} else if (request.stream) {
			headers['content-type'] = request.stream.contentType;
			if (request.stream.contentLength !== undefined) headers['content-length'] = String(request.stream.contentLength);
		}
		return headers;
	}

	/** Signs (or adds the Bearer key to) headers that already hold everything else. */
	async authorize(request: AuthorizeInput): Promise<Authorized> {
		let headers: Record<string, string>;
		if (this.config.auth.type === 'apiKey') {
			headers = { ...request.headers, authorization: `Bearer ${this.config.auth.apiKey.trim()}` };
		} else {
			const unsigned = { ...request.headers };
			delete unsigned.authorization;
			headers = await this.signer!.sign({ method: request.method.toUpperCase(), url: request.url, headers: unsigned, body: request.body, unsignedPayload: request.unsignedPayload, payloadHash: request.payloadHash });
		}
		const own = (request.requestSecrets ?? []).filter((value) => value.length >= 4);
		return { headers, secrets: this.secrets.with([...secretsOfHeaders(headers), ...own]) };
	}
}

export function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
	return out;
}

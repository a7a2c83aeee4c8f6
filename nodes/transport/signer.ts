/**
 * SigV4 for the transport. By default sigv4.ts (Node's crypto, the same signatures as @smithy/signature-v4,
 * which it is tested against); with a SHA-256 constructor given (the signing benchmark compares them),
 * @smithy/signature-v4 with that hash. One signer per client: it caches derived signing keys per day, region
 * and credentials.
 */
import type { SignatureV4 } from '@smithy/signature-v4';
import type { Hash } from '@smithy/hash-node';
import { SIGNING_SERVICE } from './constants';
import type { IdentityProvider } from './identity';
import { signV4, SigningKeys } from './sigv4';

/**
 * Both Smithy packages are loaded on the first signature, not with the package: they pull in most of
 * @smithy/core, and n8n requires every node of a package when it starts (see README, Performance:
 * package load cost).
 */
let smithy: Promise<typeof SignatureV4> | undefined;
let HashImpl: typeof Hash | undefined;
function loadSmithy(): Promise<typeof SignatureV4> {
	smithy ??= Promise.all([import('@smithy/signature-v4'), import('@smithy/hash-node')]).then(([sigv4, hash]) => {
		HashImpl = hash.Hash;
		return sigv4.SignatureV4;
	});
	return smithy;
}

/** Node's native SHA-256 through Smithy's adapter: measured faster than @aws-crypto/sha256-js (see README, Performance). */
class NodeSha256 {
	private readonly hash: Hash;
	constructor(secret?: Parameters<typeof Hash.prototype.update>[0]) {
		// Only SignatureV4 constructs this, and a SignatureV4 exists only once loadSmithy() has resolved.
		this.hash = new HashImpl!('sha256', secret as never);
	}
	update(data: Uint8Array | string): void {
		this.hash.update(data);
	}
	digest(): Promise<Uint8Array> {
		return this.hash.digest();
	}
}

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

// Headers a proxy or load balancer may add, drop or rewrite: signing them would make valid requests fail.
const UNSIGNABLE_HEADERS = new Set(['content-length', 'accept-encoding', 'connection', 'user-agent', 'traceparent', 'tracestate', 'baggage']);

export interface SignableRequest {
	method: string;
	url: URL;
	headers: Record<string, string>;
	/** A string or bytes body is hashed; undefined means an empty body. */
	body?: string | Uint8Array;
	/** Streamed and multipart bodies are not hashed. */
	unsignedPayload?: boolean;
	/**
	 * The body's SHA-256 (hex), hashed by the caller as it was built (a streamed batch create): signed as
	 * the payload hash in x-amz-content-sha256, exactly the header Smithy adds for a string body it hashes.
	 */
	payloadHash?: string;
}

export type Sha256Constructor = ConstructorParameters<typeof SignatureV4>[0]['sha256'];

export class RequestSigner {
	private signer: Promise<SignatureV4> | undefined;
	private readonly keys = new SigningKeys();

	constructor(
		private readonly region: string,
		private readonly identity: IdentityProvider,
		private readonly sha256?: Sha256Constructor,
	) {}

	private signerFor(): Promise<SignatureV4> {
		this.signer ??= loadSmithy().then(
			(Signer) => new Signer({ service: SIGNING_SERVICE, region: this.region, credentials: this.identity, sha256: this.sha256 ?? (NodeSha256 as never), uriEscapePath: true }),
		);
		return this.signer;
	}

	/** Returns the headers to send: the input headers plus host, x-amz-date, authorization and, with a session token, x-amz-security-token. */
	async sign(request: SignableRequest): Promise<Record<string, string>> {
		if (!this.sha256) {
			const payloadHash = request.payloadHash ?? (request.unsignedPayload ? UNSIGNED_PAYLOAD : undefined);
			const payload = payloadHash ? { payloadHash } : { body: request.body };
			return signV4({ method: request.method, url: request.url, headers: request.headers, ...payload }, await this.identity(), this.region, SIGNING_SERVICE, this.keys, UNSIGNABLE_HEADERS);
		}
		const headers: Record<string, string> = { ...request.headers, host: request.url.host };
		if (request.payloadHash) headers['x-amz-content-sha256'] = request.payloadHash;
		else if (request.unsignedPayload) headers['x-amz-content-sha256'] = UNSIGNED_PAYLOAD;
		const query: Record<string, string | string[]> = {};
		for (const key of new Set(request.url.searchParams.keys())) {
			const values = request.url.searchParams.getAll(key);
			query[key] = values.length === 1 ? values[0] : values;
		}
		const signer = await this.signerFor();
		const signed = await signer.sign(
			{
				method: request.method,
				protocol: request.url.protocol,
				hostname: request.url.hostname,
				port: request.url.port ? Number(request.url.port) : undefined,
				path: request.url.pathname,
				query,
				headers,
				body: request.unsignedPayload || request.payloadHash ? undefined : request.body,
			},
			{ unsignableHeaders: UNSIGNABLE_HEADERS },
		);
		return signed.headers as Record<string, string>;
	}
}

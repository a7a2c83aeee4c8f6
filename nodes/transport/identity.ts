/**
 * Where AWS credentials come from, with a cache per n8n credential. The AWS SDK's providers are imported
 * lazily: n8n loads every installed node at start-up, and most users never pick the default chain.
 */
import type { AuthConfig } from './config';
import { ClaudeConfigError } from './errors';
import { redactPatterns } from './redact';

export interface AwsIdentity {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	expiration?: Date;
}

export type IdentityProvider = (() => Promise<AwsIdentity>) & {
	/** Drops cached credentials, e.g. when the gateway said they expired before their stated expiry. */
	invalidate?: () => void;
};

/** Getting credentials failed: says which step (assuming the role, or the host identity) and why. */
export class IdentityError extends Error {
	constructor(
		readonly step: 'assumeRole' | 'hostIdentity',
		message: string,
		readonly hint: string,
		readonly retryable: boolean,
	) {
		super(message);
		this.name = 'IdentityError';
	}
}

function describeStsFailure(error: unknown, roleArn: string): IdentityError {
	const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
	const status = e.$metadata?.httpStatusCode;
	const code = e.name ?? 'Error';
	// Cleaned before it is cut short, so no half of a secret survives (the client also removes the known values).
	const detail = redactPatterns((e.message ?? String(error)).split('\n')[0]).slice(0, 300);
	const hints: Record<string, string> = {
		AccessDenied: "Check the role's trust policy: it must allow this principal to call sts:AssumeRole, and the External ID must match the one it requires.",
		InvalidClientTokenId: 'The master credentials that call STS are not valid: check the access key ID and secret (or the host identity).',
		ExpiredToken: 'The master credentials that call STS have expired: refresh the session token (or the host identity).',
		SignatureDoesNotMatch: 'The master secret access key is wrong.',
		ValidationError: 'Check the Role ARN, Role Session Name and Session Duration (the role\'s maximum session duration may be lower).',
	};
	const retryable = status === undefined || status >= 500 || code === 'Throttling';
	return new IdentityError(
		'assumeRole',
		`Assuming the IAM role ${roleArn} failed (before calling the gateway): ${code}: ${detail}`,
		hints[code] ?? 'Check the role, the master credentials and that STS can be reached from this machine.',
		retryable,
	);
}

/** Refresh this long before expiry, so a request signed now is still valid when the gateway checks it. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

const HOST_SOURCES = ['environment', 'roleForServiceAccount', 'podIdentity', 'containerMetadata', 'instanceMetadata'] as const;
export type HostCredentialSource = (typeof HOST_SOURCES)[number];

type CredentialProvidersModule = typeof import('@aws-sdk/credential-providers');
let providersModule: Promise<CredentialProvidersModule> | undefined;
function loadProviders(): Promise<CredentialProvidersModule> {
	providersModule ??= import('@aws-sdk/credential-providers');
	return providersModule;
}

/** True once the AWS credential providers have been loaded (the package-load benchmark checks it stays false). */
export function credentialProvidersLoaded(): boolean {
	return providersModule !== undefined;
}

async function hostChain(sources: 'all' | string[]): Promise<IdentityProvider> {
	const providers = await loadProviders();
	if (sources === 'all') return providers.fromNodeProviderChain();
	const chain = sources.map((source) => {
		switch (source as HostCredentialSource) {
			case 'environment':
				return providers.fromEnv();
			case 'roleForServiceAccount':
				return providers.fromTokenFile();
			case 'podIdentity':
			case 'containerMetadata':
				return providers.fromContainerMetadata();
			case 'instanceMetadata':
				return providers.fromInstanceMetadata();
			default:
				throw new ClaudeConfigError('Authentication', `Unknown AWS credential source "${source}".`, `Allowed sources: ${HOST_SOURCES.join(', ')}.`);
		}
	});
	return providers.createCredentialChain(...chain);
}

function hostIdentity(sources: 'all' | string[]): IdentityProvider {
	return async () => {
		try {
			return await (await hostChain(sources))();
		} catch (error) {
			if (error instanceof ClaudeConfigError) throw error;
			const message = redactPatterns((error instanceof Error ? error.message : String(error)).split('\n')[0]).slice(0, 300);
			throw new IdentityError(
				'hostIdentity',
				`Could not get this n8n host's AWS identity: ${message}`,
				// The n8n side words this for its host (reason host_identity); this is the plain version.
				'Check that this machine has an AWS identity (environment, profile, container or instance role) and that the allowed sources include it.',
				true,
			);
		}
	};
}

function staticProvider(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): IdentityProvider {
	const identity: AwsIdentity = {
		accessKeyId: keys.accessKeyId.trim(),
		secretAccessKey: keys.secretAccessKey,
		...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
	};
	return async () => identity;
}

function assumeRoleProvider(auth: Extract<AuthConfig, { type: 'assumeRole' }>, region: string): IdentityProvider {
	let provider: IdentityProvider | undefined;
	return async () => {
		if (!provider) {
			const providers = await loadProviders();
			const master =
				auth.master.type === 'accessKeys' ? staticProvider(auth.master) : await hostChain(auth.master.sources);
			provider = providers.fromTemporaryCredentials({
				masterCredentials: master,
				params: {
					RoleArn: auth.roleArn,
					RoleSessionName: auth.roleSessionName,
					DurationSeconds: auth.durationSeconds,
					...(auth.externalId ? { ExternalId: auth.externalId } : {}),
				},
				clientConfig: { region, ...(auth.stsEndpoint ? { endpoint: auth.stsEndpoint } : {}), maxAttempts: 1 },
			});
		}
		try {
			return await provider();
		} catch (error) {
			// fromTemporaryCredentials memoizes nothing on failure; a new provider picks up fixed settings.
			provider = undefined;
			throw describeStsFailure(error, auth.roleArn);
		}
	};
}

/** Wraps a provider so it is called again only shortly before its credentials expire, one refresh at a time. */
export function cachedProvider(source: IdentityProvider, now: () => number = Date.now): IdentityProvider {
	let current: AwsIdentity | undefined;
	let pending: Promise<AwsIdentity> | undefined;
	const provider: IdentityProvider = async () => {
		if (current && (!current.expiration || current.expiration.getTime() - EXPIRY_MARGIN_MS > now())) return current;
		pending ??= source()
			.then((identity) => {
				current = identity;
				return identity;
			})
			.finally(() => {
				pending = undefined;
			});
		return pending;
	};
	provider.invalidate = () => {
		current = undefined;
	};
	return provider;
}

const sharedCaches = new Map<string, IdentityProvider>();

/**
 * One cached provider per n8n credential (cacheKey names the credential and its contents), so two
 * credentials never share assumed or host credentials, and one credential's runs reuse them.
 */
export function identityProviderFor(auth: AuthConfig, region: string, cacheKey?: string): IdentityProvider | undefined {
	if (auth.type === 'apiKey') return undefined;
	if (auth.type === 'accessKeys') return staticProvider(auth);
	const key = cacheKey ? `${auth.type}:${cacheKey}` : undefined;
	const existing = key ? sharedCaches.get(key) : undefined;
	if (existing) return existing;
	const provider = cachedProvider(
		auth.type === 'defaultChain' ? hostIdentity(auth.sources) : assumeRoleProvider(auth, region),
	);
	if (key) sharedCaches.set(key, provider);
	return provider;
}

/** Tests and credential edits: forget cached identities. */
export function clearIdentityCache(): void {
	sharedCaches.clear();
}

/** Connection settings, validated before any of them reach a host name or a header. */
import { MAX_TIMEOUT_MS } from './constants';
import { ClaudeConfigError } from './errors';

export type AuthConfig =
	| { type: 'accessKeys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
	| { type: 'apiKey'; apiKey: string }
	/** The host's AWS identity; the caller has already checked that the n8n host allows it. */
	| { type: 'defaultChain'; sources: 'all' | string[] }
	| {
			type: 'assumeRole';
			roleArn: string;
			externalId?: string;
			roleSessionName: string;
			durationSeconds: number;
			/** Credentials that call STS: stored keys, or the host's identity. */
			master:
				| { type: 'accessKeys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
				| { type: 'defaultChain'; sources: 'all' | string[] };
			/** STS endpoint override (tests, VPC endpoints). */
			stsEndpoint?: string;
	  };

export interface ConnectionConfig {
	region: string;
	workspaceId: string;
	/** Overrides https://aws-external-anthropic.{region}.api.aws (proxy, VPC endpoint, emulator). */
	baseUrl?: string;
	auth: AuthConfig;
	maxRetries?: number;
	/** Idle limit: no byte from the gateway for this long fails the attempt. */
	timeoutMs?: number;
	/** Total limit of one attempt of a JSON request, head and body (streams: see ApiRequest.totalTimeoutMs). */
	totalTimeoutMs?: number;
	/** Upper bound of requests in flight for one client (one node execution). */
	maxConcurrency?: number;
}

// Commercial, GovCloud, China and ISO partitions: two letters, optional partition word, a direction, a number.
const REGION_PATTERN = /^[a-z]{2}(?:-(?:gov|iso|isob|isoe|isof))?-[a-z]{2,12}-\d{1,2}$/;
const WORKSPACE_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function validateRegion(region: unknown): string {
	const value = typeof region === 'string' ? region.trim() : '';
	if (!value) {
		throw new ClaudeConfigError('Region', 'Region is required: Claude Platform on AWS has no default region.', 'Set the AWS region of your workspace in the credential, e.g. us-east-1.');
	}
	if (!REGION_PATTERN.test(value)) {
		throw new ClaudeConfigError(
			'Region',
			`Region "${truncate(value)}" is not an AWS region name.`,
			'Use a region code such as us-east-1 or eu-west-1 (letters, dashes and a number only).',
		);
	}
	return value;
}

export function validateWorkspaceId(workspaceId: unknown): string {
	const value = typeof workspaceId === 'string' ? workspaceId.trim() : '';
	if (!value) {
		throw new ClaudeConfigError('Workspace ID', 'Workspace ID is required: every request is routed by it.', 'Copy the workspace ID from the Claude Console of your AWS account.');
	}
	if (!WORKSPACE_PATTERN.test(value)) {
		throw new ClaudeConfigError(
			'Workspace ID',
			`Workspace ID "${truncate(value)}" has characters a workspace ID cannot have.`,
			'A workspace ID is letters, digits, "_" and "-" only, e.g. wrkspc_01ABC...',
		);
	}
	return value;
}

export function validateBaseUrl(baseUrl: unknown): string | undefined {
	const value = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	if (!value) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ClaudeConfigError('Base URL', `Base URL "${truncate(value)}" is not a URL.`, 'Use an http:// or https:// URL, or leave it empty.');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new ClaudeConfigError('Base URL', `Base URL must start with http:// or https://, not "${url.protocol}".`, 'Use an http:// or https:// URL, or leave it empty.');
	}
	if (url.username || url.password || url.search || url.hash) {
		throw new ClaudeConfigError('Base URL', 'Base URL must not contain user info, a query or a fragment.', 'Give only scheme, host, port and an optional path prefix.');
	}
	return url.toString().replace(/\/+$/, '');
}

export function gatewayBaseUrl(config: Pick<ConnectionConfig, 'region' | 'baseUrl'>): string {
	const override = validateBaseUrl(config.baseUrl);
	if (override) return override;
	return `https://aws-external-anthropic.${validateRegion(config.region)}.api.aws`;
}

/** Validates everything a request needs; called once per client, before any request. */
export function validateConnectionConfig(config: ConnectionConfig): ConnectionConfig {
	const region = validateRegion(config.region);
	const workspaceId = validateWorkspaceId(config.workspaceId);
	const baseUrl = validateBaseUrl(config.baseUrl);
	const auth = config.auth;
	if (auth.type === 'accessKeys') {
		if (!auth.accessKeyId?.trim()) throw new ClaudeConfigError('Access Key ID', 'Access Key ID is required for AWS access keys.');
		if (!auth.secretAccessKey) throw new ClaudeConfigError('Secret Access Key', 'Secret Access Key is required for AWS access keys.');
		checkKeys(auth);
	} else if (auth.type === 'apiKey') {
		if (!auth.apiKey?.trim()) throw new ClaudeConfigError('API Key', 'API Key is required for the short-term API key mode.');
		checkHeaderSafe('API Key', auth.apiKey.trim());
	} else if (auth.type === 'assumeRole' && auth.master.type === 'accessKeys') {
		checkKeys(auth.master);
	}
	for (const [field, value] of [['Timeout', config.timeoutMs], ['Total Timeout', config.totalTimeoutMs]] as const) {
		if (value !== undefined && !(Number.isFinite(value) && value > 0 && value <= MAX_TIMEOUT_MS)) {
			throw new ClaudeConfigError(field, `${field} must be more than 0 and at most ${MAX_TIMEOUT_MS / 3_600_000} hours.`);
		}
	}
	return { ...config, region, workspaceId, baseUrl };
}

function checkKeys(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): void {
	checkHeaderSafe('Access Key ID', keys.accessKeyId.trim());
	// Never sent itself, but a stray character in it makes every signature wrong in a way AWS cannot explain.
	checkHeaderSafe('Secret Access Key', keys.secretAccessKey);
	if (keys.sessionToken) checkHeaderSafe('Session Token', keys.sessionToken);
}

/**
 * A credential sent in a header (or signed into one) must be visible ASCII: a zero-width space or an
 * inner line break pasted with it would otherwise surface as an obscure failure at send time. Says
 * which character and where, never the value.
 */
export function checkHeaderSafe(field: string, value: string): void {
	for (let i = 0; i < value.length; i++) {
		const code = value.codePointAt(i)!;
		if (code > 0x20 && code < 0x7f) continue;
		const where = `at position ${i + 1}`;
		const hint = `Copy the ${field} again: a zero-width space, line break or other invisible character often comes with a paste.`;
		if (code === 0x0a || code === 0x0d) throw new ClaudeConfigError(field, `${field} must be a single line.`, `${hint} (A line break ${where}.)`, 'invalid_header_value');
		throw new ClaudeConfigError(
			field,
			code === 0x20 || code === 0x09
				? `contains a space (${where}), which it cannot have.`
				: `contains a character that is not allowed in an HTTP header (${describeCodePoint(code)} ${where}).`,
			hint,
			'invalid_header_value',
		);
	}
}

function describeCodePoint(code: number): string {
	const names: Record<number, string> = { 0x200b: 'U+200B zero-width space', 0xfeff: 'U+FEFF byte order mark', 0xa0: 'U+00A0 no-break space' };
	return names[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function truncate(value: string): string {
	const printable = value.replace(/[^\x20-\x7e]/g, '?');
	return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}

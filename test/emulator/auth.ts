/**
 * Gateway authentication (SigV4 or a short-term bearer key) and the Anthropic routing headers
 * (workspace, version, beta). Every failure throws EmulatorHttpError with the Anthropic envelope's type.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifySigV4, parseAuthorization, ALGORITHM } from './sigv4-verify';
import { EmulatorHttpError, type Emulator, type ReceivedRequest, type RouteOptions } from './types';

export const SIGV4_SERVICE = 'aws-external-anthropic';

export interface AuthOutcome {
	auth: ReceivedRequest['auth'];
	principal: string;
}

/** A short label for a bearer key that never contains the key itself. */
export function bearerLabel(key: string): string {
	return `apikey:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** How the request claims to authenticate, before any verification (for the request log). */
export function claimedAuth(req: IncomingMessage): AuthOutcome {
	const header = req.headers.authorization ?? '';
	if (header.startsWith(`${ALGORITHM} `)) {
		const parsed = parseAuthorization(header);
		return { auth: 'sigv4', principal: 'error' in parsed ? 'unknown' : parsed.accessKeyId };
	}
	const bearer = /^Bearer\s+(.+)$/i.exec(header);
	if (bearer) return { auth: 'bearer', principal: bearerLabel(bearer[1].trim()) };
	const apiKey = single(req.headers['x-api-key']);
	if (!header && apiKey) return { auth: 'x-api-key', principal: bearerLabel(apiKey.trim()) };
	return { auth: 'none', principal: 'anonymous' };
}

export function authenticate(req: IncomingMessage, body: Buffer | undefined, emulator: Emulator): AuthOutcome {
	const header = req.headers.authorization;
	const apiKey = single(req.headers['x-api-key']);
	// First-party clients (the Anthropic SDK, n8n's Anthropic node) send the key as x-api-key: accepted for benchmarks beside them.
	if (!header && apiKey) return apiKeyOutcome(apiKey.trim(), emulator, 'x-api-key');
	if (!header) {
		throw new EmulatorHttpError(
			401,
			'authentication_error',
			'Missing authentication: sign the request with AWS SigV4 (service aws-external-anthropic) or send "Authorization: Bearer <API key>".',
		);
	}
	if (header.startsWith(`${ALGORITHM} `)) {
		const result = verifySigV4(
			{ method: req.method ?? 'GET', url: req.url ?? '/', rawHeaders: req.rawHeaders, body },
			{
				region: emulator.region,
				service: SIGV4_SERVICE,
				now: emulator.now(),
				lookupKey: (accessKeyId) => emulator.identities.accessKeys.get(accessKeyId),
			},
		);
		// The gateway is Anthropic-operated: signature failures use the Anthropic envelope, with AWS's wording.
		if (!result.ok) throw new EmulatorHttpError(403, 'permission_error', result.message);
		return { auth: 'sigv4', principal: result.accessKeyId };
	}
	const bearer = /^Bearer\s+(.+)$/i.exec(header);
	if (bearer) return apiKeyOutcome(bearer[1].trim(), emulator, 'bearer');
	throw new EmulatorHttpError(
		401,
		'authentication_error',
		'Unsupported Authorization scheme: use AWS4-HMAC-SHA256 (SigV4) or Bearer.',
	);
}

function apiKeyOutcome(key: string, emulator: Emulator, auth: 'bearer' | 'x-api-key'): AuthOutcome {
	const known = emulator.identities.apiKeys.get(key);
	if (!known) throw new EmulatorHttpError(401, 'authentication_error', 'Invalid bearer token: the API key is not valid.');
	if (known.expiresAt <= emulator.now()) {
		throw new EmulatorHttpError(401, 'authentication_error', 'The API key has expired. Generate a new short-term API key.');
	}
	return { auth, principal: bearerLabel(key) };
}

/** anthropic-workspace-id, anthropic-version and (for beta routes) anthropic-beta. */
export function checkAnthropicHeaders(req: IncomingMessage, options: RouteOptions, emulator: Emulator): void {
	const workspace = single(req.headers['anthropic-workspace-id']);
	if (!workspace) {
		throw new EmulatorHttpError(
			403,
			'permission_error',
			'The anthropic-workspace-id header is required: name the workspace this request is for.',
		);
	}
	if (!emulator.identities.workspaceIds.has(workspace)) {
		throw new EmulatorHttpError(
			403,
			'permission_error',
			`Workspace '${workspace}' does not exist or this principal is not allowed to use it.`,
		);
	}
	const version = single(req.headers['anthropic-version']);
	if (!version) throw new EmulatorHttpError(400, 'invalid_request_error', 'anthropic-version: header is required');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) {
		throw new EmulatorHttpError(400, 'invalid_request_error', `anthropic-version: "${version}" is not a valid version`);
	}
	if (options.beta) {
		const betas = (single(req.headers['anthropic-beta']) ?? '')
			.split(',')
			.map((value) => value.trim())
			.filter(Boolean);
		if (!betas.includes(options.beta)) {
			throw new EmulatorHttpError(
				400,
				'invalid_request_error',
				`This endpoint is in beta: send the header "anthropic-beta: ${options.beta}".`,
			);
		}
	}
}

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(',') : value;
}

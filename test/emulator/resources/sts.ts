/**
 * A small AWS STS for the AssumeRole credential mode: `POST /sts` (also `/sts/`) speaking the AWS query
 * protocol (form body `Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=...`), signed
 * with SigV4 for service `sts` in the emulator's region, answering with AWS's XML. Point an STS client's
 * endpoint at `<emulator.url>/sts`.
 *
 * AssumeRole mints temporary keys (`ASIAEXAMPLE000000001`, ...) that the gateway then accepts, because
 * they are added to `emulator.identities.accessKeys` with their session token and expiry.
 * GetCallerIdentity is there too, for credential tests.
 *
 * Test knobs on `emulator.state.sts` (StsState): `roles` (ARN ⇒ {externalId?, allowedPrincipals?,
 * maxSessionDurationSeconds?}), `maxDurationSeconds` (caps every minted lifetime, e.g. 1 s to test
 * refresh), `expireAll()`, and `issued` (what was minted, so leak scans can look for those secrets).
 */
import { randomUUID } from 'node:crypto';
import type { Emulator, RouteContext, Router } from '../types';
import { verifySigV4 } from '../sigv4-verify';

export const STS_PATH = '/sts';
export const STS_SERVICE = 'sts';
export const STS_ACCOUNT_ID = '123456789012';
export const DEFAULT_ROLE_ARN = `arn:aws:iam::${STS_ACCOUNT_ID}:role/n8n-claude`;
export const DEFAULT_EXTERNAL_ID = 'n8n-external-id';

const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const API_VERSION = '2011-06-15';
const MIN_DURATION_SECONDS = 900;
const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_ARN_PATTERN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;

export interface StsRole {
	/** When set, AssumeRole must carry exactly this ExternalId. */
	externalId?: string;
	/** When set, only these access key IDs may assume the role. */
	allowedPrincipals?: string[];
	/** The role's MaxSessionDuration (default 3600, as for a new IAM role). */
	maxSessionDurationSeconds?: number;
}

export interface IssuedCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiresAt: number;
	assumedRoleArn: string;
	sourceAccessKeyId: string;
}

export class StsState {
	readonly roles = new Map<string, StsRole>([[DEFAULT_ROLE_ARN, { externalId: DEFAULT_EXTERNAL_ID }]]);
	/** Caps every minted credential's lifetime in seconds (null = the requested DurationSeconds). */
	maxDurationSeconds: number | null = null;
	readonly issued: IssuedCredentials[] = [];
	private counter = 0;

	constructor(private readonly emulator: Emulator) {}

	/** Deterministic, obviously fake values: the key ID is 20 characters like a real one. */
	mint(roleArn: string, sessionName: string, durationSeconds: number, sourceAccessKeyId: string): IssuedCredentials {
		this.counter += 1;
		const serial = String(this.counter).padStart(9, '0');
		const lifetime = this.maxDurationSeconds === null ? durationSeconds : Math.min(durationSeconds, this.maxDurationSeconds);
		const credentials: IssuedCredentials = {
			accessKeyId: `ASIAEXAMPLE${serial}`,
			secretAccessKey: `EXAMPLEstsSecretKey/${serial}/EXAMPLEKEY`,
			sessionToken: `FwoGZXIvYXdzEXAMPLEstsSessionToken${serial}EXAMPLE`,
			// Whole seconds, as the XML Expiration carries no fraction.
			expiresAt: Math.floor(Date.now() / 1000) * 1000 + lifetime * 1000,
			assumedRoleArn: `arn:aws:sts::${STS_ACCOUNT_ID}:assumed-role/${roleName(roleArn)}/${sessionName}`,
			sourceAccessKeyId,
		};
		this.issued.push(credentials);
		// Under jest, the leak scan (test/setup/leakScan.ts) also looks for secrets minted at run time.
		const addSecretForLeakScan = (globalThis as any).__addSecretForLeakScan as ((value: string) => void) | undefined;
		addSecretForLeakScan?.(credentials.secretAccessKey);
		addSecretForLeakScan?.(credentials.sessionToken);
		this.emulator.identities.accessKeys.set(credentials.accessKeyId, {
			secretAccessKey: credentials.secretAccessKey,
			sessionToken: credentials.sessionToken,
			expiresAt: credentials.expiresAt,
		});
		return credentials;
	}

	/** Makes every minted key expired, for refresh tests. */
	expireAll(): void {
		const past = Date.now() - 1000;
		for (const credentials of this.issued) {
			credentials.expiresAt = past;
			const key = this.emulator.identities.accessKeys.get(credentials.accessKeyId);
			if (key) key.expiresAt = past;
		}
	}

	/** The ARN STS reports for a caller: an assumed role for minted keys, else a fixed IAM user. */
	callerArn(accessKeyId: string): string {
		const minted = this.issued.find((credentials) => credentials.accessKeyId === accessKeyId);
		return minted?.assumedRoleArn ?? `arn:aws:iam::${STS_ACCOUNT_ID}:user/emulator-user`;
	}
}

function roleName(roleArn: string): string {
	return ROLE_ARN_PATTERN.exec(roleArn)?.[2] ?? 'role';
}

/** Role IDs are stable per role, shaped like AWS's (AROA + 17 characters). */
function roleId(roleArn: string): string {
	let hash = 0;
	for (const char of roleArn) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return `AROAEXAMPLE${hash.toString(36).toUpperCase().padStart(10, '0')}`;
}

function escapeXml(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

class StsError extends Error {
	constructor(
		public status: number,
		public code: string,
		message: string,
	) {
		super(message);
	}
}

function writeXml(ctx: RouteContext, status: number, requestId: string, xml: string): void {
	if (ctx.res.headersSent || ctx.res.destroyed) return;
	const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
	ctx.res.writeHead(status, {
		'content-type': 'text/xml',
		'content-length': String(Buffer.byteLength(body)),
		'x-amzn-requestid': requestId,
	});
	ctx.res.end(body);
}

function errorXml(error: StsError, requestId: string): string {
	return (
		`<ErrorResponse xmlns="${STS_XMLNS}">\n` +
		`  <Error>\n    <Type>Sender</Type>\n    <Code>${error.code}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
		`  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
	);
}

/** Verifier codes ⇒ the codes STS itself answers with. */
const STS_AUTH_CODES: Record<string, string> = {
	UnrecognizedClientException: 'InvalidClientTokenId',
	ExpiredTokenException: 'ExpiredToken',
	IncompleteSignatureException: 'IncompleteSignature',
	InvalidSignatureException: 'SignatureDoesNotMatch',
	SignatureDoesNotMatch: 'SignatureDoesNotMatch',
};

function authenticate(ctx: RouteContext, emulator: Emulator): string {
	if (!ctx.headers.authorization) throw new StsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
	const result = verifySigV4(
		{ method: ctx.method, url: ctx.req.url ?? STS_PATH, rawHeaders: ctx.req.rawHeaders, body: ctx.body },
		{ region: emulator.region, service: STS_SERVICE, lookupKey: (id) => emulator.identities.accessKeys.get(id) },
	);
	if (!result.ok) throw new StsError(403, STS_AUTH_CODES[result.code] ?? 'SignatureDoesNotMatch', result.message);
	return result.accessKeyId;
}

function validationError(message: string): StsError {
	return new StsError(400, 'ValidationError', message);
}

function parseDuration(raw: string | null, role: StsRole): number {
	if (raw === null || raw === '') return DEFAULT_DURATION_SECONDS;
	const duration = Number(raw);
	if (!Number.isInteger(duration)) throw validationError(`Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`);
	if (duration < MIN_DURATION_SECONDS) {
		throw validationError(
			`1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`,
		);
	}
	if (duration > (role.maxSessionDurationSeconds ?? DEFAULT_DURATION_SECONDS)) {
		throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
	}
	return duration;
}

function assumeRole(params: URLSearchParams, caller: string, state: StsState): string {
	const roleArn = params.get('RoleArn');
	const sessionName = params.get('RoleSessionName');
	if (!roleArn) throw validationError(`1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null`);
	if (!sessionName) {
		throw validationError(`1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null`);
	}
	if (!SESSION_NAME_PATTERN.test(sessionName)) {
		throw validationError(
			`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64`,
		);
	}
	const denied = new StsError(403, 'AccessDenied', `User: ${state.callerArn(caller)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
	const role = state.roles.get(roleArn);
	if (!role) throw denied;
	if (role.allowedPrincipals && !role.allowedPrincipals.includes(caller)) throw denied;
	// AWS gives the same answer for a wrong or missing external ID as for a role you may not assume.
	if (role.externalId !== undefined && params.get('ExternalId') !== role.externalId) throw denied;
	const duration = parseDuration(params.get('DurationSeconds'), role);
	const credentials = state.mint(roleArn, sessionName, duration, caller);
	const expiration = new Date(credentials.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return (
		`<AssumeRoleResponse xmlns="${STS_XMLNS}">\n` +
		`  <AssumeRoleResult>\n` +
		`    <AssumedRoleUser>\n      <AssumedRoleId>${roleId(roleArn)}:${escapeXml(sessionName)}</AssumedRoleId>\n` +
		`      <Arn>${escapeXml(credentials.assumedRoleArn)}</Arn>\n    </AssumedRoleUser>\n` +
		`    <Credentials>\n      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>\n` +
		`      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>\n` +
		`      <SessionToken>${credentials.sessionToken}</SessionToken>\n` +
		`      <Expiration>${expiration}</Expiration>\n    </Credentials>\n` +
		`  </AssumeRoleResult>\n`
	);
}

function getCallerIdentity(caller: string, state: StsState): string {
	const arn = state.callerArn(caller);
	const minted = state.issued.find((credentials) => credentials.accessKeyId === caller);
	const userId = minted ? `${roleId(arn)}:${arn.split('/').pop()}` : caller;
	return (
		`<GetCallerIdentityResponse xmlns="${STS_XMLNS}">\n  <GetCallerIdentityResult>\n` +
		`    <Arn>${escapeXml(arn)}</Arn>\n    <UserId>${escapeXml(userId)}</UserId>\n    <Account>${STS_ACCOUNT_ID}</Account>\n` +
		`  </GetCallerIdentityResult>\n`
	);
}

function handle(ctx: RouteContext, emulator: Emulator, state: StsState): void {
	const requestId = randomUUID();
	try {
		const caller = authenticate(ctx, emulator);
		// The query protocol allows parameters in the query string as well as in the form body.
		const params = new URLSearchParams(ctx.query);
		for (const [name, value] of new URLSearchParams(ctx.body.toString('utf8'))) params.set(name, value);
		const action = params.get('Action');
		const version = params.get('Version');
		if (version && version !== API_VERSION) {
			throw new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
		}
		let resultXml: string;
		if (action === 'AssumeRole') resultXml = assumeRole(params, caller, state);
		else if (action === 'GetCallerIdentity') resultXml = getCallerIdentity(caller, state);
		else throw new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version ?? API_VERSION}`);
		const root = action === 'AssumeRole' ? 'AssumeRoleResponse' : 'GetCallerIdentityResponse';
		writeXml(ctx, 200, requestId, `${resultXml}  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${root}>\n`);
	} catch (error) {
		if (!(error instanceof StsError)) throw error;
		writeXml(ctx, error.status, requestId, errorXml(error, requestId));
	}
}

export function register(router: Router, emulator: Emulator): void {
	const state = new StsState(emulator);
	emulator.state.sts = state;
	// The router ignores a trailing slash, so this also serves POST /sts/.
	router.add('POST', STS_PATH, (ctx) => handle(ctx, emulator, state), { noAuth: true });
}

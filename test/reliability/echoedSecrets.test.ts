/**
 * Issue 17.5: a gateway or proxy that echoes what it received must not carry the request's secrets
 * into what the user sees. Each gateway below repeats the request headers (and, for STS, the
 * credentials it handed out) in its error: a 400 JSON message, AWS's 403 SignatureDoesNotMatch with the
 * canonical request, a 502 HTML page, an SSE `error` event, an STS error. The session token, secret
 * key, API key, signature and Authorization value must appear in no error message, description,
 * errorResponse, nor Continue On Fail output. (The suite-wide leak scan checks the same records.)
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { clearIdentityCache } from '../../nodes/transport/identity';
import { TEST_API_KEY, TEST_SECRET_ACCESS_KEY, TEST_SESSION_TOKEN, TEST_TEMP_SECRET_ACCESS_KEY } from '../emulator/fixtures';
import { accessKeyCredentials, apiKeyCredentials, sessionTokenCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { addSecretForLeakScan } from './helpers/suite';
import { startGateway, type Gateway, type SeenRequest } from './helpers/gateway';

/** Credentials the hostile STS hands out: the gateway then echoes them back too. */
const MINTED = { accessKeyId: 'ASIAECHOEXAMPLE00001', secretAccessKey: 'mintedSECRETechoEXAMPLE/key+0000000000000', sessionToken: 'IQoJmintedSESSIONtokenECHOexample/0123456789+abcdef==' };

type Mode = 'json400' | 'signature403' | 'html502' | 'sseError' | 'stsError' | 'stsThenJson400';
let mode: Mode;
let gateway: Gateway;

const headerLines = (request: SeenRequest, separator = '\n') =>
	Object.entries(request.headers)
		.map(([name, value]) => `${name}: ${value}`)
		.join(separator);
const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function canonicalRequest(request: SeenRequest): string {
	const h = request.headers;
	return [
		request.method,
		request.path,
		'',
		`anthropic-version:${h['anthropic-version']}`,
		`host:${h.host}`,
		`x-amz-date:${h['x-amz-date']}`,
		...(h['x-amz-security-token'] ? [`x-amz-security-token:${h['x-amz-security-token']}`] : []),
		'',
		'anthropic-version;host;x-amz-date;x-amz-security-token',
		String(h['x-amz-content-sha256'] ?? 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
	].join('\n');
}

beforeAll(async () => {
	gateway = await startGateway((request, res) => {
		const echo = `${headerLines(request)}\n\n${request.body}`;
		if (request.path.startsWith('/sts')) {
			if (mode === 'stsError') {
				const body = `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${STS_XMLNS}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>${xml(`The security token included in the request is invalid. We got authorization: ${request.headers.authorization}; x-amz-security-token: ${request.headers['x-amz-security-token']}; ${headerLines(request, '; ')}`)}</Message></Error><RequestId>sts-echo-1</RequestId></ErrorResponse>`;
				res.writeHead(403, { 'content-type': 'text/xml' }).end(body);
				return;
			}
			const body =
				`<?xml version="1.0" encoding="UTF-8"?>\n<AssumeRoleResponse xmlns="${STS_XMLNS}">` +
				'<AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROAECHO:n8n</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/r/n8n</Arn></AssumedRoleUser>' +
				`<Credentials><AccessKeyId>${MINTED.accessKeyId}</AccessKeyId><SecretAccessKey>${MINTED.secretAccessKey}</SecretAccessKey><SessionToken>${MINTED.sessionToken}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
				'</AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>';
			res.writeHead(200, { 'content-type': 'text/xml' }).end(body);
			return;
		}
		const headers = { 'request-id': 'req_echo01' };
		switch (mode) {
			case 'signature403': {
				const message =
					'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
					`The Canonical String for this request should have been\n'${canonicalRequest(request)}'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n${request.headers['x-amz-date']}\n...'\n\nAuthorization was ${request.headers.authorization}`;
				res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidSignatureException', ...headers }).end(JSON.stringify({ message }));
				return;
			}
			case 'html502':
				res.writeHead(502, { 'content-type': 'text/html', ...headers }).end(`<html><body><h1>502 Bad Gateway</h1><pre>authorization: ${request.headers.authorization}\n${echo}</pre></body></html>`);
				return;
			case 'sseError':
				res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
				res.end(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message: `upstream failed for ${echo}` } })}\n\n`);
				return;
			default: {
				const extra = mode === 'stsThenJson400' ? `\nminted: ${JSON.stringify(MINTED)} secret ${MINTED.secretAccessKey}` : '';
				const body = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `Bad request. You sent:\n${echo}${extra}` }, request_id: 'req_echo01' });
				res.writeHead(400, { 'content-type': 'application/json', ...headers }).end(body);
			}
		}
	});
});
afterAll(() => gateway.close());
beforeEach(() => {
	gateway.requests.length = 0;
	clearIdentityCache();
	// The access key ID is not a secret (it is in every Credential= of the Authorization header).
	addSecretForLeakScan(MINTED.secretAccessKey);
	addSecretForLeakScan(MINTED.sessionToken);
});

/** Everything secret the gateway saw on this run, plus the credential's own secrets. */
function secretsSent(): string[] {
	const out = [TEST_SECRET_ACCESS_KEY, TEST_TEMP_SECRET_ACCESS_KEY, TEST_SESSION_TOKEN, TEST_API_KEY, MINTED.secretAccessKey, MINTED.sessionToken];
	for (const request of gateway.requests) {
		const authorization = request.headers.authorization;
		if (authorization) {
			out.push(authorization);
			const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
			if (signature) {
				out.push(signature);
				addSecretForLeakScan(signature);
			}
		}
	}
	return out;
}

const assumeRole = (): ICredentialDataDecryptedObject =>
	sessionTokenCredentials({ url: gateway.url }, { authentication: 'assumeRole', masterCredentials: 'accessKeys', roleArn: 'arn:aws:iam::123456789012:role/r', roleSessionName: 'n8n', durationSeconds: 900, stsEndpoint: `${gateway.url}/sts` });

const CASES: Array<[Mode, string, () => ICredentialDataDecryptedObject, RegExp]> = [
	['json400', 'SigV4 + session token', () => sessionTokenCredentials({ url: gateway.url }), /^400 invalid_request_error: Bad request\. You sent:/],
	['json400', 'API key', () => apiKeyCredentials({ url: gateway.url }), /^400 invalid_request_error: Bad request\. You sent:/],
	['signature403', 'SigV4 + session token', () => sessionTokenCredentials({ url: gateway.url }), /^403 permission_error: The request signature we calculated does not match/],
	['html502', 'SigV4', () => accessKeyCredentials({ url: gateway.url }), /^502 api_error: <html><body><h1>502 Bad Gateway/],
	['html502', 'API key', () => apiKeyCredentials({ url: gateway.url }), /^502 api_error: <html>/],
	['sseError', 'SigV4 + session token', () => sessionTokenCredentials({ url: gateway.url }), /^500 api_error: upstream failed for /],
	['stsError', 'assume role with stored keys and session token', assumeRole, /^Assuming the IAM role arn:aws:iam::123456789012:role\/r failed \(before calling the gateway\): InvalidClientTokenId: /],
	['stsThenJson400', 'assume role: the gateway echoes the assumed credentials', assumeRole, /^400 invalid_request_error: Bad request\. You sent:/],
];

describe('17.5 gateways that echo secrets', () => {
	it.each(CASES)('%s (%s): no secret in the error, its description, its errorResponse or the Continue On Fail output', async (echoMode, _auth, credentials, message) => {
		mode = echoMode;
		const run = (continueOnFail: boolean) =>
			runNode({
				node: ClaudeAws,
				parameters: { resource: 'message', operation: 'send', prompt: 'echo me', options: { maxRetries: 0 } },
				credentials: { claudePlatformAwsApi: credentials() },
				credentialTypes: [ClaudePlatformAwsApi],
				continueOnFail,
			});
		const failed = await run(false);
		const continued = await run(true);
		const error = failed.error as Error & { description?: string; errorResponse?: unknown; messages?: string[] };
		expect(error?.message).toMatch(message);
		// The gateway really echoed: its requests held the secrets.
		expect(gateway.requests.length).toBeGreaterThan(0);
		const seen = secretsSent();
		const shown = {
			message: error.message,
			description: error.description,
			errorResponse: JSON.stringify(error.errorResponse ?? null),
			messages: JSON.stringify(error.messages ?? []),
			continueOnFail: JSON.stringify(continued.json),
		};
		expect(continued.json[0].error).toMatch(message);
		for (const [where, text] of Object.entries(shown)) {
			for (const secret of seen) expect({ where, leaked: (text ?? '').includes(secret) ? secret.slice(0, 6) : false }).toEqual({ where, leaked: false });
		}
		// What was cleaned is marked, so a reader knows something was there.
		expect(Object.values(shown).join('\n')).toContain('[redacted]');
	});

	it('a signature error keeps its headline and its canonical request, minus the session token', async () => {
		mode = 'signature403';
		const result = await runNode({
			node: ClaudeAws,
			parameters: { resource: 'message', operation: 'send', prompt: 'echo me', options: { maxRetries: 0 } },
			credentials: { claudePlatformAwsApi: sessionTokenCredentials({ url: gateway.url }) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
		const errorResponse = JSON.stringify((result.error as { errorResponse?: unknown }).errorResponse);
		expect(errorResponse).toContain('x-amz-security-token:[redacted]');
		expect(errorResponse).toContain('The Canonical String for this request should have been');
		expect(errorResponse).not.toContain(TEST_SESSION_TOKEN);
	});
});

/**
 * Issue 17.9: a credential holding a character an HTTP header cannot carry (a pasted zero-width space,
 * an inner line break, other non-visible-ASCII) fails at once, before anything is sent and without
 * retries, naming the credential field: never "Could not get AWS credentials ... AWS identity".
 */
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { ClaudeAws } from '../../nodes/ClaudeAws/ClaudeAws.node';
import { ClaudeAwsClient } from '../../nodes/transport/client';
import { validateConnectionConfig, type AuthConfig } from '../../nodes/transport/config';
import { ClaudeConfigError } from '../../nodes/transport/errors';
import { clearIdentityCache } from '../../nodes/transport/identity';
import { TEST_ACCESS_KEY_ID, TEST_API_KEY, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_SESSION_TOKEN, TEST_TEMP_ACCESS_KEY_ID, TEST_TEMP_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { accessKeyCredentials, apiKeyCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/runNode';
import { json, startGateway, type Gateway } from './helpers/gateway';

let gateway: Gateway;
beforeAll(async () => {
	gateway = await startGateway((_request, res) => json(res, 200, { data: [], has_more: false }));
});
afterAll(() => gateway.close());
beforeEach(() => {
	gateway.requests.length = 0;
});

const ZWSP = '\u200b';
const withAt = (value: string, position: number, char: string) => value.slice(0, position - 1) + char + value.slice(position - 1);

function configError(auth: AuthConfig): ClaudeConfigError {
	try {
		validateConnectionConfig({ region: TEST_REGION, workspaceId: TEST_WORKSPACE_ID, auth });
	} catch (error) {
		return error as ClaudeConfigError;
	}
	throw new Error('expected the configuration to be refused');
}

describe('17.9 credentials with characters a header cannot carry', () => {
	it.each([
		['API Key', { type: 'apiKey', apiKey: withAt(TEST_API_KEY, 12, ZWSP) }, 'contains a character that is not allowed in an HTTP header (U+200B zero-width space at position 12).'],
		['Session Token', { type: 'accessKeys', accessKeyId: TEST_TEMP_ACCESS_KEY_ID, secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY, sessionToken: withAt(TEST_SESSION_TOKEN, 20, ZWSP) }, 'contains a character that is not allowed in an HTTP header (U+200B zero-width space at position 20).'],
		['Session Token', { type: 'accessKeys', accessKeyId: TEST_TEMP_ACCESS_KEY_ID, secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY, sessionToken: withAt(TEST_SESSION_TOKEN, 5, '\n') }, 'Session Token must be a single line.'],
		['Access Key ID', { type: 'accessKeys', accessKeyId: withAt(TEST_ACCESS_KEY_ID, 3, '\u00a0'), secretAccessKey: TEST_SECRET_ACCESS_KEY }, 'contains a character that is not allowed in an HTTP header (U+00A0 no-break space at position 3).'],
		['Secret Access Key', { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: withAt(TEST_SECRET_ACCESS_KEY, 7, '\u0007') }, 'contains a character that is not allowed in an HTTP header (U+0007 at position 7).'],
		['API Key', { type: 'apiKey', apiKey: withAt(TEST_API_KEY, 9, ' ') }, 'contains a space (at position 9), which it cannot have.'],
		['Secret Access Key', { type: 'assumeRole', roleArn: 'arn:aws:iam::123456789012:role/r', roleSessionName: 'n8n', durationSeconds: 900, master: { type: 'accessKeys', accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: `${TEST_SECRET_ACCESS_KEY}${ZWSP}` } }, /U\+200B zero-width space at position 41/],
	] as Array<[string, AuthConfig, string | RegExp]>)('%s is refused before sending, naming the character and its position (case %#)', (field, auth, message) => {
		const error = configError(auth);
		expect(error).toBeInstanceOf(ClaudeConfigError);
		expect(error.field).toBe(field);
		expect(error.reason).toBe('invalid_header_value');
		expect(error.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
		expect(error.hint).toMatch(/invisible character often comes with a paste/);
	});

	it('the Messages node fails at once naming the field, and sends nothing', async () => {
		const result = await runNode({
			node: ClaudeAws,
			parameters: { resource: 'message', operation: 'send', prompt: 'hello' },
			credentials: { claudePlatformAwsApi: apiKeyCredentials({ url: gateway.url }, { apiKey: withAt(TEST_API_KEY, 12, ZWSP) }) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
		expect(result.error?.message).toBe('API Key: contains a character that is not allowed in an HTTP header (U+200B zero-width space at position 12).');
		expect(result.error?.message).not.toMatch(/Could not get AWS credentials|AWS identity/);
		expect(gateway.requests).toHaveLength(0);
	});

	it('an inner line break in the session token of a node run: named, not sent', async () => {
		const result = await runNode({
			node: ClaudeAws,
			parameters: { resource: 'message', operation: 'send', prompt: 'hello' },
			credentials: { claudePlatformAwsApi: accessKeyCredentials({ url: gateway.url }, { accessKeyId: TEST_TEMP_ACCESS_KEY_ID, secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY, sessionToken: withAt(TEST_SESSION_TOKEN, 30, '\n') }) },
			credentialTypes: [ClaudePlatformAwsApi],
		});
		expect(result.error?.message).toBe('Session Token: Session Token must be a single line.');
		expect(gateway.requests).toHaveLength(0);
	});

	it('a session token from the host identity with such a character: a config error naming the header\'s field, no retries', async () => {
		const saved = { ...process.env };
		try {
			Object.assign(process.env, { AWS_ACCESS_KEY_ID: TEST_TEMP_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_TEMP_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: `${TEST_SESSION_TOKEN}${ZWSP}` });
			clearIdentityCache();
			const client = new ClaudeAwsClient({ region: TEST_REGION, workspaceId: TEST_WORKSPACE_ID, baseUrl: gateway.url, auth: { type: 'defaultChain', sources: ['environment'] }, maxRetries: 2 });
			let error: any;
			try {
				await client.request({ method: 'GET', path: '/v1/models' });
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(ClaudeConfigError);
			expect(error.field).toBe('Session Token');
			expect(error.reason).toBe('invalid_header_value');
			expect(error.message).toBe('contains a character that is not allowed in an HTTP header (sent as x-amz-security-token); nothing was sent.');
			expect(gateway.requests).toHaveLength(0);
		} finally {
			process.env = saved;
			clearIdentityCache();
		}
	});

	it('visible ASCII keys pass', () => {
		expect(() => validateConnectionConfig({ region: TEST_REGION, workspaceId: TEST_WORKSPACE_ID, auth: { type: 'apiKey', apiKey: TEST_API_KEY } })).not.toThrow();
	});
});

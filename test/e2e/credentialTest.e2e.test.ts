/** The credential's "Test" button, through n8n's own endpoint (POST /rest/credentials/test, as the editor calls it). */
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { clearReceived, received } from './helpers/emulatorControl';
import { N8nApi } from './helpers/n8nApi';
import { CREDENTIAL_ID, CREDENTIAL_NAME, emulatorCredentialData } from './importFiles';

const api = new N8nApi();

async function testCredential(data: Record<string, string>): Promise<{ status: string; message: string }> {
	return await api.rest('POST', '/credentials/test', {
		credentials: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'claudePlatformAwsApi', data },
	});
}

beforeEach(async () => {
	await clearReceived();
});

test('passes for the imported credential: a signed GET /v1/models reached the gateway', async () => {
	const result = await testCredential(emulatorCredentialData(api.env.emulatorUrl));
	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	const calls = await received();
	expect(calls.map((call) => [call.method, call.path, call.query, call.auth, call.status])).toEqual([
		['GET', '/v1/models', { limit: '1' }, 'sigv4', 200],
	]);
});

test("fails on a wrong workspace ID with the credential's 403 hint", async () => {
	const result = await testCredential(emulatorCredentialData(api.env.emulatorUrl, { workspaceId: 'wrkspc_01NotThisWorkspace00001' }));
	const rule = new ClaudePlatformAwsApi().test.rules!.find((r) => r.type === 'responseCode' && r.properties.value === 403)!;
	expect(result.status).toBe('Error');
	expect(result.message).toBe((rule.properties as { message: string }).message);
	const calls = await received();
	expect(calls.map((call) => [call.path, call.status, call.headers['anthropic-workspace-id']])).toEqual([
		['/v1/models', 403, 'wrkspc_01NotThisWorkspace00001'],
	]);
});

test('a stored credential with its secret left redacted (as the editor sends it) still tests OK', async () => {
	// The editor never receives the stored secret; it sends n8n's blanking value and n8n fills the stored one in.
	const data = { ...emulatorCredentialData(api.env.emulatorUrl), secretAccessKey: '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6' };
	expect(await testCredential(data)).toEqual({ status: 'OK', message: 'Connection successful!' });
});

/**
 * The emulator's STS (AssumeRole credential mode) over real HTTP. The client is the AWS SDK itself
 * (`fromTemporaryCredentials` from @aws-sdk/credential-providers), so the XML must parse as AWS's does.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { startEmulator } from './server';
import type { Emulator } from './types';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from './fixtures';
import { agentsApi, signedRequest, MANAGED_AGENTS_HEADERS, type AwsCredentials } from './signedTestClient';
import { DEFAULT_EXTERNAL_ID, DEFAULT_ROLE_ARN, type StsState } from './resources/sts';

let emulator: Emulator;
let sts: StsState;

beforeAll(async () => {
	emulator = await startEmulator();
	sts = emulator.state.sts;
});

afterAll(async () => {
	await emulator.close();
});

function assume(params: { RoleArn: string; ExternalId?: string; DurationSeconds?: number }, master?: AwsCredentials) {
	const provider = fromTemporaryCredentials({
		params: { RoleSessionName: 'n8n-test', ...params },
		masterCredentials: master ?? { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
		clientConfig: { region: emulator.region, endpoint: `${emulator.url}/sts`, maxAttempts: 1 },
	});
	return provider();
}

/** Query-protocol call signed by the test client, for raw status and XML checks. */
function rawSts(form: string, credentials?: AwsCredentials) {
	return signedRequest(emulator, {
		method: 'POST',
		path: '/sts/',
		service: 'sts',
		body: form,
		headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
		credentials,
	});
}

it('assumes the default role with the right external ID, and the keys work against the gateway', async () => {
	const credentials = await assume({ RoleArn: DEFAULT_ROLE_ARN, ExternalId: DEFAULT_EXTERNAL_ID, DurationSeconds: 900 });
	expect(credentials.accessKeyId).toMatch(/^ASIAEXAMPLE\d{9}$/);
	expect(credentials.accessKeyId).toHaveLength(20);
	expect(credentials.sessionToken).toEqual(expect.stringContaining('EXAMPLE'));
	expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
	expect(credentials.expiration!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60 * 1000);

	const viaAssumedKeys = await signedRequest(emulator, {
		method: 'GET',
		path: '/v1/agents',
		headers: { ...MANAGED_AGENTS_HEADERS },
		credentials,
	});
	expect(viaAssumedKeys.status).toBe(200);
	expect(emulator.received[emulator.received.length - 1].principal).toBe(credentials.accessKeyId);

	// Without the session token the temporary key is not accepted.
	const withoutToken = await signedRequest(emulator, {
		method: 'GET',
		path: '/v1/agents',
		headers: { ...MANAGED_AGENTS_HEADERS },
		credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
	});
	expect(withoutToken.status).toBe(403);
});

it('answers AccessDenied for a wrong external ID, an unknown role and a principal the role does not allow', async () => {
	await expect(assume({ RoleArn: DEFAULT_ROLE_ARN, ExternalId: 'wrong-id' })).rejects.toMatchObject({
		name: 'AccessDenied',
		message: expect.stringContaining(`is not authorized to perform: sts:AssumeRole on resource: ${DEFAULT_ROLE_ARN}`),
	});
	await expect(assume({ RoleArn: DEFAULT_ROLE_ARN })).rejects.toMatchObject({ name: 'AccessDenied' });
	const unknownRole = 'arn:aws:iam::123456789012:role/not-there';
	await expect(assume({ RoleArn: unknownRole, ExternalId: DEFAULT_EXTERNAL_ID })).rejects.toMatchObject({
		name: 'AccessDenied',
		message: expect.stringContaining(unknownRole),
	});

	const restricted = 'arn:aws:iam::123456789012:role/restricted';
	sts.roles.set(restricted, { allowedPrincipals: ['AKIAOTHERKEYEXAMPLE1'] });
	await expect(assume({ RoleArn: restricted })).rejects.toMatchObject({ name: 'AccessDenied' });
	sts.roles.set(restricted, { allowedPrincipals: [TEST_ACCESS_KEY_ID] });
	await expect(assume({ RoleArn: restricted })).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
});

it('speaks the query protocol: XML errors, validation, unknown or bad master keys', async () => {
	const denied = await rawSts(`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(DEFAULT_ROLE_ARN)}&RoleSessionName=s1`);
	expect(denied.status).toBe(403);
	expect(denied.headers['content-type']).toBe('text/xml');
	expect(denied.text).toContain('<Code>AccessDenied</Code>');
	expect(denied.text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);

	const tooShort = await rawSts(
		`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(DEFAULT_ROLE_ARN)}&RoleSessionName=s1&ExternalId=${DEFAULT_EXTERNAL_ID}&DurationSeconds=60`,
	);
	expect(tooShort.status).toBe(400);
	expect(tooShort.text).toContain('<Code>ValidationError</Code>');

	const unknownAction = await rawSts('Action=GetSessionToken&Version=2011-06-15');
	expect(unknownAction.status).toBe(400);
	expect(unknownAction.text).toContain('<Code>InvalidAction</Code>');

	const unknownKey = await rawSts('Action=GetCallerIdentity&Version=2011-06-15', {
		accessKeyId: 'AKIAUNKNOWNEXAMPLE00',
		secretAccessKey: 'not-a-real-secret-EXAMPLE',
	});
	expect(unknownKey.status).toBe(403);
	expect(unknownKey.text).toContain('<Code>InvalidClientTokenId</Code>');

	const badSecret = await rawSts('Action=GetCallerIdentity&Version=2011-06-15', {
		accessKeyId: TEST_ACCESS_KEY_ID,
		secretAccessKey: 'wrong-secret-EXAMPLE',
	});
	expect(badSecret.status).toBe(403);
	expect(badSecret.text).toContain('<Code>SignatureDoesNotMatch</Code>');

	const identity = await rawSts('Action=GetCallerIdentity&Version=2011-06-15');
	expect(identity.status).toBe(200);
	expect(identity.text).toContain('<Account>123456789012</Account>');
	expect(identity.text).toContain(`<UserId>${TEST_ACCESS_KEY_ID}</UserId>`);

	const unsigned = await fetch(`${emulator.url}/sts`, { method: 'POST', body: 'Action=GetCallerIdentity' });
	expect(unsigned.status).toBe(403);
	expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
});

it('expires minted keys: capped lifetime, expireAll, and an expired master key', async () => {
	sts.maxDurationSeconds = 1;
	try {
		const shortLived = await assume({ RoleArn: DEFAULT_ROLE_ARN, ExternalId: DEFAULT_EXTERNAL_ID });
		expect(shortLived.expiration!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
	} finally {
		sts.maxDurationSeconds = null;
	}

	const credentials = await assume({ RoleArn: DEFAULT_ROLE_ARN, ExternalId: DEFAULT_EXTERNAL_ID });
	expect((await agentsApi(emulator, 'GET', '/v1/environments')).status).toBe(200);
	sts.expireAll();
	const expired = await signedRequest(emulator, { method: 'GET', path: '/v1/agents', headers: { ...MANAGED_AGENTS_HEADERS }, credentials });
	expect(expired.status).toBe(403);
	expect(expired.json.error.message).toContain('expired');

	const chained = await rawSts('Action=GetCallerIdentity&Version=2011-06-15', credentials);
	expect(chained.status).toBe(403);
	expect(chained.text).toContain('<Code>ExpiredToken</Code>');
});

/**
 * Identities the emulator accepts out of the box. The AWS keys are AWS's own documented example keys,
 * so nothing here looks like a real credential.
 */
export const TEST_REGION = 'us-west-2';
export const TEST_WORKSPACE_ID = 'wrkspc_01EmulatorWorkspace000001';
export const TEST_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** Temporary credentials: the access key only works together with the session token. */
export const TEST_TEMP_ACCESS_KEY_ID = 'ASIAIOSFODNN7EXAMPLE';
export const TEST_TEMP_SECRET_ACCESS_KEY = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';
export const TEST_SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789abcdefEXAMPLE';
export const TEST_API_KEY = 'aws-external-anthropic-api-key-EXAMPLE-0123456789abcdef';
export const TEST_EXPIRED_API_KEY = 'aws-external-anthropic-api-key-EXPIRED-EXAMPLE-fedcba9876';
/** Signing secret for Standard Webhooks (whsec_ + base64). */
export const TEST_WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Secrets stored in vault credentials by the Agents node's tests: a bearer token, an OAuth pair, an env secret. */
export const TEST_VAULT_SECRETS = [
	'vault-bearer-EXAMPLE-7f3a9c2e51d04b8a',
	'vault-oauth-access-EXAMPLE-c81e728d9d4c2f63',
	'vault-oauth-refresh-EXAMPLE-eccbc87e4b5ce2fe',
	'vault-oauth-client-EXAMPLE-a87ff679a2f3e71d',
	'vault-env-secret-EXAMPLE-e4da3b7fbbce2345',
];

/** Every secret value the tests use: the leak scan looks for each of these. */
export const ALL_TEST_SECRETS = [
	TEST_SECRET_ACCESS_KEY,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_SESSION_TOKEN,
	TEST_API_KEY,
	TEST_EXPIRED_API_KEY,
	TEST_WEBHOOK_SECRET,
	...TEST_VAULT_SECRETS,
];

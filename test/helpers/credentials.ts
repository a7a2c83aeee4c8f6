/** Credential data for the `claudePlatformAwsApi` credential, pointed at a running emulator. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { Emulator } from '../emulator/types';
import {
	TEST_ACCESS_KEY_ID,
	TEST_API_KEY,
	TEST_REGION,
	TEST_SECRET_ACCESS_KEY,
	TEST_SESSION_TOKEN,
	TEST_TEMP_ACCESS_KEY_ID,
	TEST_TEMP_SECRET_ACCESS_KEY,
	TEST_WORKSPACE_ID,
} from '../emulator/fixtures';

export function accessKeyCredentials(emulator: Pick<Emulator, 'url'>, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		authentication: 'accessKeys',
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		accessKeyId: TEST_ACCESS_KEY_ID,
		secretAccessKey: TEST_SECRET_ACCESS_KEY,
		baseUrl: emulator.url,
		...overrides,
	};
}

export function sessionTokenCredentials(emulator: Pick<Emulator, 'url'>, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return accessKeyCredentials(emulator, {
		accessKeyId: TEST_TEMP_ACCESS_KEY_ID,
		secretAccessKey: TEST_TEMP_SECRET_ACCESS_KEY,
		sessionToken: TEST_SESSION_TOKEN,
		...overrides,
	});
}

export function apiKeyCredentials(emulator: Pick<Emulator, 'url'>, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		authentication: 'apiKey',
		region: TEST_REGION,
		workspaceId: TEST_WORKSPACE_ID,
		apiKey: TEST_API_KEY,
		baseUrl: emulator.url,
		...overrides,
	};
}

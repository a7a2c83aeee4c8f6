/** Turns the n8n credential's fields into the transport's validated connection settings. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { AuthConfig, ConnectionConfig } from '../transport/config';
import { validateConnectionConfig } from '../transport/config';
import { ClaudeConfigError } from '../transport/errors';
import { allowedHostCredentialSources } from './hostCredentialPolicy';

export const CREDENTIAL_TYPE = 'claudePlatformAwsApi';
const ROLE_ARN_PATTERN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;

function text(data: ICredentialDataDecryptedObject, key: string): string {
	const value = data[key];
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
}

function authFrom(data: ICredentialDataDecryptedObject, env: NodeJS.ProcessEnv): AuthConfig {
	const mode = text(data, 'authentication') || 'accessKeys';
	switch (mode) {
		case 'accessKeys':
			return {
				type: 'accessKeys',
				accessKeyId: text(data, 'accessKeyId'),
				secretAccessKey: text(data, 'secretAccessKey'),
				...(text(data, 'sessionToken') ? { sessionToken: text(data, 'sessionToken') } : {}),
			};
		case 'apiKey':
			return { type: 'apiKey', apiKey: text(data, 'apiKey') };
		case 'defaultChain':
			return { type: 'defaultChain', sources: allowedHostCredentialSources(env) };
		case 'assumeRole': {
			const roleArn = text(data, 'roleArn');
			if (!ROLE_ARN_PATTERN.test(roleArn)) {
				throw new ClaudeConfigError('Role ARN', `Role ARN "${roleArn.slice(0, 80)}" is not an IAM role ARN.`, 'It looks like arn:aws:iam::123456789012:role/role-name.');
			}
			const duration = Number(data.durationSeconds ?? 3600);
			if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
				throw new ClaudeConfigError('Session Duration', 'Session Duration must be a whole number of seconds from 900 to 43200.');
			}
			const sessionName = text(data, 'roleSessionName') || 'n8n-nodes-claude-aws';
			if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
				throw new ClaudeConfigError('Role Session Name', 'Role Session Name must be 2-64 characters of letters, digits and + = , . @ - _.');
			}
			const masterMode = text(data, 'masterCredentials') || 'accessKeys';
			const stsEndpoint = text(data, 'stsEndpoint');
			if (stsEndpoint && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(stsEndpoint)) {
				throw new ClaudeConfigError('STS Endpoint', 'STS Endpoint must be an http(s) URL.');
			}
			return {
				type: 'assumeRole',
				roleArn,
				roleSessionName: sessionName,
				durationSeconds: duration,
				...(text(data, 'externalId') ? { externalId: text(data, 'externalId') } : {}),
				...(stsEndpoint ? { stsEndpoint } : {}),
				master:
					masterMode === 'host'
						? { type: 'defaultChain', sources: allowedHostCredentialSources(env) }
						: (() => {
								if (!text(data, 'accessKeyId')) throw new ClaudeConfigError('Access Key ID', 'Access Key ID is required to assume the role with stored keys.');
								if (!text(data, 'secretAccessKey')) throw new ClaudeConfigError('Secret Access Key', 'Secret Access Key is required to assume the role with stored keys.');
								return {
									type: 'accessKeys' as const,
									accessKeyId: text(data, 'accessKeyId'),
									secretAccessKey: text(data, 'secretAccessKey'),
									...(text(data, 'sessionToken') ? { sessionToken: text(data, 'sessionToken') } : {}),
								};
							})(),
			};
		}
		default:
			throw new ClaudeConfigError('Authentication', `Unknown authentication "${mode}".`);
	}
}

export function connectionConfigFrom(
	data: ICredentialDataDecryptedObject,
	overrides: Partial<Pick<ConnectionConfig, 'maxRetries' | 'timeoutMs' | 'maxConcurrency'>> = {},
	env: NodeJS.ProcessEnv = process.env,
): ConnectionConfig {
	return validateConnectionConfig({
		region: text(data, 'region'),
		workspaceId: text(data, 'workspaceId'),
		baseUrl: text(data, 'baseUrl') || undefined,
		auth: authFrom(data, env),
		...overrides,
	});
}

/** Values that must never show up in outputs, errors or logs. */
export function secretValuesOf(data: ICredentialDataDecryptedObject): string[] {
	return ['secretAccessKey', 'sessionToken', 'apiKey', 'webhookSecret']
		.map((key) => text(data, key))
		.filter((value) => value.length >= 8);
}

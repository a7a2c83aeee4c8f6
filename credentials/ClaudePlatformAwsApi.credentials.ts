import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { signHttpRequestOptions } from '../nodes/shared/httpRequestSigning';

export class ClaudePlatformAwsApi implements ICredentialType {
	name = 'claudePlatformAwsApi';

	displayName = 'Claude Platform on AWS';

	icon: Icon = { light: 'file:../icons/claude-aws.svg', dark: 'file:../icons/claude-aws.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-claude-aws/n8n-nodes-claude-aws#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'AWS Access Keys', value: 'accessKeys', description: 'Sign every request with SigV4 using an access key pair' },
				{ name: 'Short-Term API Key', value: 'apiKey', description: 'A Claude Platform on AWS API key, sent as a Bearer token (lives at most 12 hours)' },
				{ name: 'Assume IAM Role', value: 'assumeRole', description: 'Assume a (cross-account) role with STS and sign with its temporary credentials' },
				{ name: 'Host AWS Identity (Default Chain)', value: 'defaultChain', description: "Use this n8n host's AWS identity; needs N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true on the host" },
			],
			default: 'accessKeys',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'us-east-1',
			description: 'AWS region of your Claude Platform on AWS workspace, such as us-east-1, us-west-2 or eu-west-1',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wrkspc_01...',
			description: 'Sent as the anthropic-workspace-id header on every request',
		},
		{
			displayName: 'Master Credentials',
			name: 'masterCredentials',
			type: 'options',
			options: [
				{ name: 'Access Keys Stored Here', value: 'accessKeys' },
				{ name: 'Host AWS Identity', value: 'host', description: 'Needs N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true on the n8n host' },
			],
			default: 'accessKeys',
			description: 'The credentials that call STS to assume the role',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKeys'] } },
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['assumeRole'], masterCredentials: ['accessKeys'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKeys'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['assumeRole'], masterCredentials: ['accessKeys'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (keys that start with ASIA)',
			displayOptions: { show: { authentication: ['accessKeys'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (keys that start with ASIA)',
			displayOptions: { show: { authentication: ['assumeRole'], masterCredentials: ['accessKeys'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName: 'Role ARN',
			name: 'roleArn',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'arn:aws:iam::123456789012:role/n8n-claude',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: "The external ID the role's trust policy requires, if any",
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Role Session Name',
			name: 'roleSessionName',
			type: 'string',
			default: 'n8n-nodes-claude-aws',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Session Duration (Seconds)',
			name: 'durationSeconds',
			type: 'number',
			default: 3600,
			typeOptions: { minValue: 900, maxValue: 43200 },
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'STS Endpoint',
			name: 'stsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://sts.us-east-1.amazonaws.com',
			description: 'Leave empty for the regional STS endpoint; set for a VPC endpoint or a test emulator',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description: 'Only for the Claude on AWS Trigger registered manually: the secret that signs the platform\'s webhooks (a trigger that registers itself keeps its own)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://aws-external-anthropic.us-east-1.api.aws',
			description: 'Advanced: send requests to a proxy, a VPC endpoint or the local emulator instead of the regional gateway',
		},
	];

	// A function rather than generic headers: SigV4 has to see the final method, URL and body. This is
	// also what lets n8n's HTTP Request node call any gateway path with this credential.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> =>
		signHttpRequestOptions(credentials, requestOptions);

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://aws-external-anthropic." + $credentials.region + ".api.aws"}}',
			url: '/v1/models',
			qs: { limit: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Forbidden (403): check the Workspace ID, and that the IAM principal is allowed the aws-external-anthropic actions (or that the keys and the host clock are right).',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Unauthorized (401): the short-term API key is invalid or has expired.' },
			},
		],
	};
}

/**
 * A credential's auth as the API takes it, from the form. Every secret is a password field; a missing
 * one is a parameter error naming the field and the item, and no message here ever quotes a secret.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

type Show = NonNullable<IDisplayOptions['show']>;
import type { CredentialAuth } from '../../../api/vaults';
import { parameterError } from '../../../shared/errors';

export const AUTH_TYPES = [
	{ name: 'Static Bearer Token (MCP Server)', value: 'static_bearer', description: 'An API key or personal access token sent to an MCP server' },
	{ name: 'MCP OAuth', value: 'mcp_oauth', description: 'An OAuth access token for an MCP server, optionally refreshed by the platform' },
	{ name: 'Environment Variable', value: 'environment_variable', description: 'A secret the agent uses through an environment variable, only towards hosts you allow' },
];

const secret = (displayName: string, name: string, description: string, show: Show): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description,
	displayOptions: { show },
});

/** The create form's auth fields for one auth type each. */
export function authFields(base: Show): INodeProperties[] {
	const bearer = { ...base, authType: ['static_bearer'] };
	const oauth = { ...base, authType: ['mcp_oauth'] };
	const env = { ...base, authType: ['environment_variable'] };
	const mcp = { ...base, authType: ['static_bearer', 'mcp_oauth'] };
	return [
		{ displayName: 'MCP Server URL', name: 'mcpServerUrl', type: 'string', default: '', required: true, placeholder: 'e.g. https://mcp.example.com/sse', displayOptions: { show: mcp } },
		secret('Token', 'token', 'The bearer token sent to the MCP server; stored in the vault and never shown again', bearer),
		secret('Access Token', 'accessToken', 'The OAuth access token; stored in the vault and never shown again', oauth),
		{
			displayName: 'OAuth Options',
			name: 'oauthOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: oauth },
			options: [
				{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', description: 'For refreshing: the OAuth client ID' },
				{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
				{ displayName: 'Expires At', name: 'expiresAt', type: 'dateTime', default: '', description: 'When the access token expires' },
				{ displayName: 'Refresh Token', name: 'refreshToken', type: 'string', typeOptions: { password: true }, default: '', description: 'For refreshing: the refresh token' },
				{ displayName: 'Resource', name: 'resource', type: 'string', default: '' },
				{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
				{
					displayName: 'Token Endpoint Auth',
					name: 'endpointAuth',
					type: 'options',
					default: 'none',
					options: [
						{ name: 'None', value: 'none' },
						{ name: 'Client Secret (Basic)', value: 'client_secret_basic' },
						{ name: 'Client Secret (POST Body)', value: 'client_secret_post' },
					],
				},
				{ displayName: 'Token Endpoint URL', name: 'endpointUrl', type: 'string', default: '', placeholder: 'e.g. https://auth.example.com/oauth/token', description: 'For refreshing: where the refresh token is exchanged' },
			],
		},
		{ displayName: 'Variable Name', name: 'variableName', type: 'string', default: '', required: true, placeholder: 'e.g. GITHUB_TOKEN', description: 'Name of the environment variable', displayOptions: { show: env } },
		secret('Secret Value', 'secretValue', 'The secret itself; stored in the vault and never shown again', env),
		{ displayName: 'Allowed Hosts', name: 'allowedHosts', type: 'string', default: '', placeholder: 'e.g. api.github.com, uploads.github.com', description: 'Hosts the secret may be sent to, separated by commas; empty lets the environment\'s network policy decide', displayOptions: { show: env } },
		{ displayName: 'Inject In Header', name: 'injectHeader', type: 'boolean', default: true, description: 'Whether the secret may be substituted in request headers', displayOptions: { show: env } },
		{ displayName: 'Inject In Body', name: 'injectBody', type: 'boolean', default: false, description: 'Whether the secret may be substituted in request bodies', displayOptions: { show: env } },
	];
}

export function requiredSecret(context: IExecuteFunctions, name: string, label: string, i: number, value?: unknown): string {
	const raw = value === undefined ? context.getNodeParameter(name, i, '') : value;
	const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
	if (!text.trim()) throw parameterError(context.getNode(), label, 'is empty: a credential needs its secret', i, `Enter the ${label.toLowerCase()}, or map it from an n8n credential or an earlier node.`);
	return text;
}

export function mcpUrl(context: IExecuteFunctions, i: number): string {
	const value = String(context.getNodeParameter('mcpServerUrl', i, '') ?? '').trim();
	if (!value) throw parameterError(context.getNode(), 'MCP Server URL', 'is empty', i);
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw parameterError(context.getNode(), 'MCP Server URL', `"${value.slice(0, 80)}" is not a URL`, i, 'Use the https URL of the MCP server, e.g. https://mcp.example.com/sse.');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw parameterError(context.getNode(), 'MCP Server URL', 'must be an http or https URL', i);
	// A token in the URL would be stored as data the API gives back, not as a secret.
	if (url.username || url.password) throw parameterError(context.getNode(), 'MCP Server URL', 'must not hold a user name or password', i, 'Put the secret in the Token field.');
	return value;
}

export function hostList(value: unknown): string[] {
	return String(value ?? '').split(/[\s,]+/).map((h) => h.trim()).filter(Boolean);
}

export function readAuth(context: IExecuteFunctions, i: number): CredentialAuth {
	const type = String(context.getNodeParameter('authType', i));
	if (type === 'static_bearer') return { type, mcp_server_url: mcpUrl(context, i), token: requiredSecret(context, 'token', 'Token', i) };
	if (type === 'mcp_oauth') {
		const auth: Extract<CredentialAuth, { type: 'mcp_oauth' }> = { type, mcp_server_url: mcpUrl(context, i), access_token: requiredSecret(context, 'accessToken', 'Access Token', i) };
		const options = context.getNodeParameter('oauthOptions', i, {}) as IDataObject;
		if (options.expiresAt) auth.expires_at = new Date(String(options.expiresAt)).toISOString();
		if (options.refreshToken || options.clientId || options.endpointUrl) {
			const text = (name: string, label: string) => {
				const v = String(options[name] ?? '').trim();
				if (!v) throw parameterError(context.getNode(), `OAuth Options > ${label}`, 'is empty: refreshing needs Client ID, Refresh Token and Token Endpoint URL', i);
				return v;
			};
			const method = String(options.endpointAuth ?? 'none');
			const endpointAuth =
				method === 'none'
					? { type: 'none' as const }
					: { type: method as 'client_secret_basic' | 'client_secret_post', client_secret: requiredSecret(context, 'clientSecret', 'OAuth Options > Client Secret', i, options.clientSecret) };
			auth.refresh = {
				client_id: text('clientId', 'Client ID'),
				refresh_token: requiredSecret(context, 'refreshToken', 'OAuth Options > Refresh Token', i, options.refreshToken),
				token_endpoint: text('endpointUrl', 'Token Endpoint URL'),
				token_endpoint_auth: endpointAuth,
				...(options.scope ? { scope: String(options.scope) } : {}),
				...(options.resource ? { resource: String(options.resource) } : {}),
			};
		}
		return auth;
	}
	if (type === 'environment_variable') {
		const name = String(context.getNodeParameter('variableName', i, '') ?? '').trim();
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
			throw parameterError(context.getNode(), 'Variable Name', name ? `"${name.slice(0, 60)}" is not an environment variable name` : 'is empty', i, 'Use letters, digits and "_", not starting with a digit, e.g. GITHUB_TOKEN.');
		}
		const hosts = hostList(context.getNodeParameter('allowedHosts', i, ''));
		return {
			type,
			secret_name: name,
			secret_value: requiredSecret(context, 'secretValue', 'Secret Value', i),
			networking: hosts.length ? { type: 'limited', allowed_hosts: hosts } : { type: 'unrestricted' },
			injection_location: { header: context.getNodeParameter('injectHeader', i, true) === true, body: context.getNodeParameter('injectBody', i, false) === true },
		};
	}
	throw parameterError(context.getNode(), 'Auth Type', `"${type}" is not an auth type this node knows`, i, 'Pick Static Bearer Token, MCP OAuth or Environment Variable.');
}

import { gatewayBaseUrl, validateBaseUrl, validateConnectionConfig, validateRegion, validateWorkspaceId } from '../../nodes/transport/config';
import { ClaudeConfigError } from '../../nodes/transport/errors';

describe('region validation (before it is put into a host name)', () => {
	it.each(['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'ca-central-1'])('accepts %s', (region) => {
		expect(validateRegion(region)).toBe(region);
		expect(gatewayBaseUrl({ region })).toBe(`https://aws-external-anthropic.${region}.api.aws`);
	});

	it.each([
		'us-east-1.evil.example/',
		'us-east-1.evil.example',
		'evil.example#',
		'us-east-1/../x',
		'us-east-1@evil.example',
		'US-EAST-1',
		'us-east-1 ',
		'us_east_1',
		'useast1',
		'us-east-1\nHost: x',
		'localhost',
	])('refuses %j with a clear error naming the field', (region) => {
		if (region === 'us-east-1 ') {
			// surrounding spaces are forgiven: they come from copy and paste
			expect(validateRegion(region)).toBe('us-east-1');
			return;
		}
		let error: unknown;
		try {
			validateRegion(region);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ClaudeConfigError);
		expect((error as ClaudeConfigError).field).toBe('Region');
		expect((error as Error).message).toMatch(/is not an AWS region name/);
	});

	it('requires a region: there is no default', () => {
		expect(() => validateRegion('')).toThrow('Region is required');
		expect(() => gatewayBaseUrl({ region: '' })).toThrow(ClaudeConfigError);
	});
});

describe('workspace ID and base URL', () => {
	it('requires a workspace ID of header-safe characters', () => {
		expect(validateWorkspaceId(' wrkspc_01ABC ')).toBe('wrkspc_01ABC');
		expect(() => validateWorkspaceId('')).toThrow('Workspace ID is required');
		expect(() => validateWorkspaceId('wrk\r\nx-evil: 1')).toThrow('has characters a workspace ID cannot have');
		expect(() => validateWorkspaceId('a b')).toThrow(ClaudeConfigError);
	});

	it('accepts http(s) base URLs only, without user info or query', () => {
		expect(validateBaseUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
		expect(validateBaseUrl('https://proxy.example/claude')).toBe('https://proxy.example/claude');
		expect(validateBaseUrl('')).toBeUndefined();
		expect(() => validateBaseUrl('ftp://x')).toThrow('Base URL must start with http:// or https://');
		expect(() => validateBaseUrl('file:///etc/passwd')).toThrow('Base URL must start with http:// or https://');
		expect(() => validateBaseUrl('not a url')).toThrow('is not a URL');
		expect(() => validateBaseUrl('https://user:pw@proxy.example')).toThrow('must not contain user info');
	});

	it('still validates the region when a base URL is set', () => {
		expect(() =>
			validateConnectionConfig({ region: 'us-east-1.evil.example/', workspaceId: 'w', baseUrl: 'http://127.0.0.1:1', auth: { type: 'apiKey', apiKey: 'k' } }),
		).toThrow('is not an AWS region name');
	});

	it('requires the fields of the chosen authentication', () => {
		const base = { region: 'us-east-1', workspaceId: 'w' };
		expect(() => validateConnectionConfig({ ...base, auth: { type: 'accessKeys', accessKeyId: '', secretAccessKey: 's' } })).toThrow('Access Key ID is required');
		expect(() => validateConnectionConfig({ ...base, auth: { type: 'accessKeys', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '' } })).toThrow('Secret Access Key is required');
		expect(() => validateConnectionConfig({ ...base, auth: { type: 'apiKey', apiKey: ' ' } })).toThrow('API Key is required');
	});
});

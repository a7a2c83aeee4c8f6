/** MCP Servers (the MCP connector): the request it makes, the tools it used in the output, and bad input. */
import { send, useHarness } from './harness';

const h = useHarness();

const server = (extra: Record<string, unknown> = {}) => ({ url: 'https://mcp.example.com/sse', serverName: 'crm', ...extra });

describe('Send Message with MCP servers', () => {
	test('sends mcp_servers, one mcp_toolset per server and the MCP beta; the simplified output lists the MCP tools used', async () => {
		const result = await h.run(
			send({ prompt: 'Find the deal of ACME with get_deal', mcpServers: { values: [server({ authorizationToken: 'mcp-token-123', allowedTools: 'search_contacts, get_deal' })] } }),
		);
		expect(result.error).toBeUndefined();
		const [request] = h.requests();
		expect(request.headers['anthropic-beta']).toBe('mcp-client-2025-11-20');
		expect(request.json.mcp_servers).toEqual([{ type: 'url', url: 'https://mcp.example.com/sse', name: 'crm', authorization_token: 'mcp-token-123' }]);
		expect(request.json.tools).toEqual([
			{ type: 'mcp_toolset', mcp_server_name: 'crm', default_config: { enabled: false }, configs: { search_contacts: { enabled: true }, get_deal: { enabled: true } } },
		]);
		expect(result.json[0]).toMatchObject({
			text: 'Echo: Find the deal of ACME with get_deal',
			mcp_tool_calls: [
				{ id: expect.stringMatching(/^mcptoolu_/), server: 'crm', name: 'get_deal', input: { query: 'Find the deal of ACME with get_deal' }, output: 'crm.get_deal result for: Find the deal of ACME with get_deal' },
			],
		});
		// The token is the server's, not the output's.
		expect(JSON.stringify(result.json)).not.toContain('mcp-token-123');
	});

	test('without an allow-list every tool of the server is offered; several servers each get a toolset, next to built-in tools', async () => {
		const result = await h.run(
			send({ builtInTools: { webSearch: true }, mcpServers: { values: [server(), { url: 'http://localhost:9000/mcp', serverName: 'local' }] } }),
		);
		expect(result.error).toBeUndefined();
		const [request] = h.requests();
		expect(request.json.mcp_servers.map((s: any) => s.name)).toEqual(['crm', 'local']);
		expect(request.json.tools.map((tool: any) => tool.type)).toEqual(['web_search_20260318', 'mcp_toolset', 'mcp_toolset']);
		expect(request.json.tools[1]).toEqual({ type: 'mcp_toolset', mcp_server_name: 'crm' });
		expect(result.json[0].mcp_tool_calls).toEqual([expect.objectContaining({ server: 'crm', name: 'search' })]);
	});

	test('the token can come from an expression; a beta picked by hand is not sent twice', async () => {
		await h.run(send({ options: { betas: ['mcp-client-2025-11-20'] }, mcpServers: { values: [server({ authorizationToken: '={{ $json.token }}' })] } }), { input: [{ token: 'from-json' }] });
		const [request] = h.requests();
		expect(request.json.mcp_servers[0].authorization_token).toBe('from-json');
		expect(request.headers['anthropic-beta']).toBe('mcp-client-2025-11-20');
	});

	test('Count Tokens sends the servers too', async () => {
		const result = await h.run({ resource: 'message', operation: 'countTokens', prompt: 'Count', mcpServers: { values: [server()] } });
		expect(result.error).toBeUndefined();
		expect(h.requests('/v1/messages/count_tokens')[0].json.mcp_servers).toHaveLength(1);
	});

	describe.each([
		['a URL that is not http(s)', [server({ url: 'ftp://mcp.example.com' })], 'MCP Servers: server 1 has URL "ftp://mcp.example.com", which is not an http(s) URL (item 0)'],
		['a URL that is not a URL', [server({ url: 'mcp.example.com' })], 'MCP Servers: server 1 has URL "mcp.example.com", which is not an http(s) URL (item 0)'],
		['a file URL', [server({ url: 'file:///etc/passwd' })], 'MCP Servers: server 1 has URL "file:///etc/passwd", which is not an http(s) URL (item 0)'],
		['no name', [server({ serverName: ' ' })], 'MCP Servers: server 1 has no Name (item 0)'],
		['two servers with one name', [server(), server()], 'MCP Servers: two servers are named "crm"; names must be unique (item 0)'],
	])('%s', (_name, values, message) => {
		test('fails before any request, naming the parameter and the item', async () => {
			const result = await h.run(send({ mcpServers: { values } }));
			expect(result.error?.message).toBe(message);
			expect(h.emulator.received).toEqual([]);
		});
	});
});

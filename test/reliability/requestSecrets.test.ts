/**
 * Issue 17.5, for secrets the request itself carries: a gateway that echoes the request body into its
 * error must not put an MCP server's token into the message, the description or the Continue On Fail
 * output. (The credential's own secrets are covered by echoedSecrets.test.ts.)
 */
import { send, useHarness } from '../nodes/ClaudeAws/harness';

const h = useHarness();
const TOKEN = 'mcp-token-that-must-stay-secret-4711';

describe('secrets the request carries', () => {
	test('an MCP authorization token echoed by a 400 is redacted everywhere the user looks', async () => {
		h.emulator.faults.inject({
			method: 'POST',
			path: '/v1/messages',
			fault: {
				type: 'status',
				status: 400,
				body: { type: 'error', error: { type: 'invalid_request_error', message: `bad mcp_servers[0]: {"authorization_token":"${TOKEN}"}` } },
			},
		});
		const result = await h.run(
			send({ prompt: 'hi', mcpServers: { values: [{ url: 'https://mcp.example.com/sse', serverName: 'crm', authorizationToken: TOKEN }] } }),
			{ continueOnFail: true },
		);
		const seen = JSON.stringify(result.json);
		expect(seen).toContain('400 invalid_request_error');
		expect(seen).toContain('[redacted]');
		expect(seen).not.toContain(TOKEN);
	});

	test('the same gateway without Continue On Fail: the node error holds no token either', async () => {
		h.emulator.faults.inject({ method: 'POST', path: '/v1/messages', fault: { type: 'status', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: `echo ${TOKEN}` } } } });
		const result = await h.run(send({ prompt: 'hi', mcpServers: { values: [{ url: 'https://mcp.example.com/sse', serverName: 'crm', authorizationToken: TOKEN }] } }));
		const error = result.error as Error & { description?: string; context?: unknown };
		expect(error.message).toContain('400 invalid_request_error');
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain(TOKEN);
	});
});

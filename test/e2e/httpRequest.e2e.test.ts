/**
 * examples/01: n8n's own HTTP Request node with our credential on a path no node covers (count_tokens);
 * then workflows made here over n8n's REST API: a redirect to another host is not followed (that host
 * receives nothing), and a multipart file upload is signed so the gateway accepts it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_VERSION } from '../../nodes/transport/constants';
import { countInputTokens } from '../emulator/resources/messageReply';
import { TEST_ACCESS_KEY_ID, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { clearReceived, injectFault, received } from './helpers/emulatorControl';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from './importFiles';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const TEXTS = [
	'How many tokens is this?',
	'A longer text: the gateway counts the prompt without running the model, so this costs nothing.',
];

/** The host a redirect points to: it records whatever reaches it. */
let elsewhere: Server;
let elsewhereUrl = '';
const reachedElsewhere: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
	await api.login();
	await clearReceived();
	elsewhere = createServer((req, res) => {
		reachedElsewhere.push({ method: req.method, url: req.url, headers: req.headers });
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"stolen":true}');
	});
	await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
	elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => elsewhere.close(resolve));
});

const credentials = { claudePlatformAwsApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

/** Saves a workflow (Run -> ...nodes in a line) and returns its ID. */
async function saveWorkflow(name: string, nodes: Array<Record<string, unknown>>): Promise<string> {
	const all: Array<Record<string, unknown>> = [{ name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes].map((node, index) => ({
		id: `e2e-${Date.now()}-${index}`,
		position: [index * 220, 0],
		...node,
	}));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < all.length; i++) connections[all[i].name as string] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	const created = await api.rest<{ id: string }>('POST', '/workflows', { name, nodes: all, connections, settings: { executionOrder: 'v1' }, active: false });
	return created.id;
}

function httpRequestNode(name: string, parameters: Record<string, unknown>, typeVersion = 4.2): Record<string, unknown> {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion,
		parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: 'claudePlatformAwsApi', options: {}, ...parameters },
		credentials,
	};
}

test('counts tokens per item through the signed HTTP Request node, paired to its input', async () => {
	const execution = await api.runWorkflow('exHttpCountTok01', 'Run');
	expectSuccess(execution);

	const items = outputOf(execution, 'Count Tokens');
	expect(items.map((item) => item.json)).toEqual(
		TEXTS.map((text) => ({ input_tokens: countInputTokens({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: text }] }) })),
	);
	expect(pairedIndexes(items)).toEqual([0, 1]);

	const calls = (await received()).filter((request) => request.path === '/v1/messages/count_tokens');
	expect(calls).toHaveLength(2);
	for (const call of calls) {
		expect(call).toMatchObject({ method: 'POST', auth: 'sigv4', principal: TEST_ACCESS_KEY_ID, status: 200 });
		expect(call.headers['anthropic-workspace-id']).toBe(TEST_WORKSPACE_ID);
		expect(call.headers['anthropic-version']).toBe(API_VERSION);
	}
	expect(calls.map((call) => call.json.messages[0].content).sort()).toEqual([...TEXTS].sort());
});

test('a redirect to another host is not followed: that host receives nothing, and the node fails with the 3xx', async () => {
	// 4.2 still forwards credentials on a cross-origin redirect by default: the worst case.
	const workflowId = await saveWorkflow('e2e: signed request meets a redirect', [
		httpRequestNode('Count Tokens', {
			method: 'POST',
			url: `${api.env.emulatorUrl}/v1/messages/count_tokens`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }),
		}),
	]);
	for (const status of [301, 302, 307, 308]) {
		const location = `${elsewhereUrl}/collect/${status}`;
		await injectFault({ method: 'POST', path: '/v1/messages/count_tokens', times: 1, fault: { type: 'status', status, headers: { location }, body: {} } });
		const execution = await api.runWorkflow(workflowId, 'Run');
		expect(execution.status).toBe('error');
		const error = execution.runData['Count Tokens']?.[0]?.error;
		// n8n builds this error from the status and body; the Location header is not part of it.
		expect(`${error?.message} ${error?.description ?? ''}`).toContain(String(status));
	}
	expect(reachedElsewhere).toEqual([]);
	const answered = (await received()).filter((request) => request.path === '/v1/messages/count_tokens').map((request) => request.status);
	expect(answered.slice(-4)).toEqual([301, 302, 307, 308]);
});

test('uploads a file as multipart/form-data through the HTTP Request node (signed as UNSIGNED-PAYLOAD)', async () => {
	await clearReceived();
	const text = 'Uploaded by n8n\'s HTTP Request node, multipart.\n';
	const workflowId = await saveWorkflow('e2e: multipart upload with the HTTP Request node', [
		{ name: 'Notes', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return [{ json: { text: ${JSON.stringify(text)} } }];` } },
		{ name: 'To File', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, parameters: { operation: 'toText', sourceProperty: 'text', options: { fileName: 'notes.txt' } } },
		httpRequestNode('Upload', {
			method: 'POST',
			url: `${api.env.emulatorUrl}/v1/files`,
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: { parameters: [{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' }] },
		}),
	]);
	const execution = await api.runWorkflow(workflowId, 'Run');
	expectSuccess(execution);
	const [uploaded] = outputOf(execution, 'Upload');
	expect(uploaded.json).toMatchObject({ type: 'file', id: expect.stringMatching(/^file_/), filename: 'notes.txt', size_bytes: Buffer.byteLength(text) });
	const [call] = (await received()).filter((request) => request.method === 'POST' && request.path === '/v1/files');
	expect(call).toMatchObject({ auth: 'sigv4', principal: TEST_ACCESS_KEY_ID, status: 200 });
	expect(call.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
	expect(call.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

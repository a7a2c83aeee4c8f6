/** examples/02: the Messages node, a prompt per item and structured output, in a real n8n; with Inference Region and Speed set. */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

test('one structured answer per ticket, parsed into `json` and paired to its ticket', async () => {
	const execution = await api.runWorkflow('exMessagesJson01', 'Run');
	expectSuccess(execution);

	const items = outputOf(execution, 'Extract Fields');
	expect(pairedIndexes(items)).toEqual([0, 1, 2]);
	expect(items.map((item) => item.json.json)).toEqual([
		{ customer: 'Ada', priority: 'high', order: 1042 },
		{ customer: 'Grace', priority: 'low', order: 77 },
		{ customer: 'Linus', priority: 'medium', order: 3141 },
	]);
	for (const item of items) {
		expect(item.json).toMatchObject({ stop_reason: 'end_turn', model: 'claude-sonnet-5-5', id: expect.stringMatching(/^msg_/) });
		expect(JSON.parse(item.json.text)).toEqual(item.json.json);
		expect(item.json.usage.input_tokens).toBeGreaterThan(0);
	}

	const calls = (await received()).filter((request) => request.path === '/v1/messages');
	expect(calls).toHaveLength(3);
	for (const call of calls) {
		expect(call).toMatchObject({ auth: 'sigv4', status: 200 });
		expect(call.json.output_config.format).toMatchObject({ type: 'json_schema', schema: { required: ['customer', 'priority', 'order'] } });
		expect(call.json.system).toEqual(expect.anything());
	}
});

test('Inference Region and Speed set in the editor reach the gateway as inference_geo and speed, with the fast-mode beta', async () => {
	// The example with both options set on its Messages node, saved as a workflow of its own (the example
	// itself stays as users get it: US processing and fast mode are priced higher).
	const example = await api.rest<{ nodes: Array<{ name: string; parameters: Record<string, any> }>; connections: unknown }>('GET', '/workflows/exMessagesJson01');
	const nodes = example.nodes.map((node) =>
		node.name === 'Extract Fields' ? { ...node, parameters: { ...node.parameters, options: { ...(node.parameters.options ?? {}), inferenceGeo: 'us', speed: 'fast' } } } : node,
	);
	const created = await api.rest<{ id: string }>('POST', '/workflows', { name: 'e2e: Inference Region and Speed', nodes, connections: example.connections, settings: {} });
	await clearReceived();
	const execution = await api.runWorkflow(created.id, 'Run');
	expectSuccess(execution);

	const items = outputOf(execution, 'Extract Fields');
	expect(pairedIndexes(items)).toEqual([0, 1, 2]);
	// The emulator serves as asked and says so in the usage, which the node's output keeps.
	for (const item of items) expect(item.json.usage).toMatchObject({ inference_geo: 'us', speed: 'fast' });
	const calls = (await received()).filter((request) => request.path === '/v1/messages');
	expect(calls).toHaveLength(3);
	for (const call of calls) {
		expect(call).toMatchObject({ auth: 'sigv4', status: 200 });
		expect(call.json).toMatchObject({ inference_geo: 'us', speed: 'fast' });
		expect(call.headers['anthropic-beta']).toBe('fast-mode-2026-02-01');
	}
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

/** examples/02: the Messages node, a prompt per item and structured output, in a real n8n. */
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

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

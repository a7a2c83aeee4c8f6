/** examples/01: n8n's own HTTP Request node with our credential on a path no node covers (count_tokens). */
import { API_VERSION } from '../../nodes/transport/constants';
import { countInputTokens } from '../emulator/resources/messageReply';
import { TEST_ACCESS_KEY_ID, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();
const TEXTS = [
	'How many tokens is this?',
	'A longer text: the gateway counts the prompt without running the model, so this costs nothing.',
];

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

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

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

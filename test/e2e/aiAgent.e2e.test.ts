/**
 * examples/ai-agent-chat-model: n8n's own AI Agent with our chat model sub-node and n8n's Calculator tool,
 * in a real n8n against the emulator: question => tool_use => the Calculator runs => tool_result => answer.
 */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';

const api = new N8nApi();

beforeAll(async () => {
	await api.login();
	await clearReceived();
});

test('the AI Agent calls the Calculator through the chat model and answers from its result', async () => {
	const execution = await api.runWorkflow('exAiAgentClaude1', 'Run');
	expectSuccess(execution);

	const items = outputOf(execution, 'AI Agent');
	expect(pairedIndexes(items)).toEqual([0, 1]);
	const [calculated, greeted] = items.map((item) => String(item.json.output));
	expect(calculated).toMatch(/^Tool result: .*42/);
	expect(greeted).toBe('Echo: Say hello to the team (system: You are a careful assistant. Use the calculator for arithmetic.)');

	const calls = (await received()).filter((request) => request.path === '/v1/messages');
	for (const call of calls) {
		expect(call).toMatchObject({ method: 'POST', auth: 'sigv4', status: 200 });
		expect(call.json.model).toBe('claude-sonnet-5-5');
		expect(call.json.system).toEqual([{ type: 'text', text: 'You are a careful assistant. Use the calculator for arithmetic.' }]);
		// n8n names a tool after its node.
		expect(call.json.tools).toEqual([expect.objectContaining({ name: 'Calculator', input_schema: { type: 'object', properties: { input: { type: 'string' } } } })]);
	}
	const conversations = calls.map((call) => call.json.messages);
	// Item 0: the question (answered with tool_use), then the question, the tool call and its result.
	expect(conversations).toContainEqual([{ role: 'user', content: [{ type: 'text', text: 'Use the calculator to work out "6 * 7"' }] }]);
	const followUp = conversations.find((messages) => messages.length === 3);
	expect(followUp).toBeDefined();
	const [question, toolUse, toolResult] = followUp!;
	expect(question).toEqual({ role: 'user', content: [{ type: 'text', text: 'Use the calculator to work out "6 * 7"' }] });
	expect(toolUse).toEqual({ role: 'assistant', content: [{ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'Calculator', input: { input: '6 * 7' } }] });
	expect(toolResult).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.content[0].id, content: expect.stringContaining('42') }] });
	// Item 1 needs no tool: every call for it is the plain question (n8n's agent may ask again when it resumes item 0).
	const others = conversations.filter((messages) => messages[0].content[0].text === 'Say hello to the team');
	expect(others.length).toBeGreaterThanOrEqual(1);
	for (const messages of others) expect(messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Say hello to the team' }] }]);
	expect(others.length + 2).toBe(calls.length);

	// The sub-node's own run shows in the execution, as n8n's chat models do.
	expect(execution.runData['Claude on AWS Chat Model']?.length).toBeGreaterThanOrEqual(3);
	expect(execution.runData['Calculator']?.length).toBe(1);
});

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

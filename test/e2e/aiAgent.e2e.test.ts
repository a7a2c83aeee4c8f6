/**
 * examples/ai-agent-chat-model: n8n's own AI Agent with our chat model sub-node and n8n's Calculator tool,
 * in a real n8n against the emulator: question => tool_use => the Calculator runs => tool_result => answer;
 * run by hand (generate) and through a streaming webhook (stream over SSE).
 */
import { clearReceived, received } from './helpers/emulatorControl';
import { expectSuccess, N8nApi, outputOf, pairedIndexes } from './helpers/n8nApi';
import { secretsIn } from './helpers/secrets';
import { recordForLeakScan } from '../setup/leakRecorder';

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
	expect(execution.runData['Claude on AWS Chat Model (streaming)']).toBeUndefined();
	// Each call shows the gateway's token usage, as n8n shows it for its own chat models (not an estimate).
	expectExactTokenUsage(execution.runData['Claude on AWS Chat Model']);
});

test('streams the answer over a streaming webhook: SSE from the gateway, chunks to the caller, the tool in between', async () => {
	await api.activate('exAiAgentClaude1');
	await clearReceived();
	const response = await postWhenRegistered(`${api.env.n8nUrl}/webhook/claude-aws-agent`, { question: 'Use the calculator to work out "12 * 12"' });
	expect(response.status).toBe(200);
	const body = await response.text();
	recordForLeakScan('streaming webhook answer', body);
	const chunks = body
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as { type: string; content?: string });
	const text = chunks
		.filter((chunk) => chunk.type === 'item')
		.map((chunk) => chunk.content ?? '')
		.join('');
	// The text before the tool call, then (after the Calculator ran) the answer from its result, each in several pieces.
	expect(text).toMatch(/^I'll use the Calculator tool\.Tool result: .*144/);
	expect(chunks.filter((chunk) => chunk.type === 'item').length).toBeGreaterThan(4);

	const calls = (await received()).filter((request) => request.path === '/v1/messages');
	expect(calls).toHaveLength(2);
	for (const call of calls) {
		expect(call.json.stream).toBe(true);
		expect(call.headers.accept).toBe('text/event-stream');
	}
	const [toolUse, toolResult] = calls[1].json.messages.slice(1);
	expect(toolUse.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'Calculator', input: { input: '12 * 12' } }]);
	expect(toolResult.content).toEqual([{ type: 'tool_result', tool_use_id: toolUse.content[0].id, content: expect.stringContaining('144') }]);

	const execution = await api.latestExecution('exAiAgentClaude1');
	expectSuccess(execution);
	// Streamed calls too: n8n's adapter would show a tokenizer estimate here without tokenUsage.ts.
	expect(execution.runData['Claude on AWS Chat Model (streaming)']).toHaveLength(2);
	expectExactTokenUsage(execution.runData['Claude on AWS Chat Model (streaming)']);
});

/** What n8n shows as a chat model call's token usage: the sub-node's output data, per call. */
function expectExactTokenUsage(runs: any[] | undefined): void {
	expect(runs?.length).toBeGreaterThan(0);
	for (const run of runs ?? []) {
		const shown = run.data?.ai_languageModel?.[0]?.[0]?.json;
		expect(shown).not.toHaveProperty('tokenUsageEstimate');
		expect(shown?.tokenUsage).toEqual({ promptTokens: expect.any(Number), completionTokens: expect.any(Number), totalTokens: shown.tokenUsage.promptTokens + shown.tokenUsage.completionTokens });
		expect(shown.tokenUsage.completionTokens).toBeGreaterThan(0);
	}
}

test("n8n's log holds no secret", () => {
	expect(secretsIn(api.log())).toEqual([]);
});

/** n8n may register a published workflow's webhooks a moment after activation answered: until then the path is a 404. */
async function postWhenRegistered(url: string, body: unknown, timeoutMs = 20_000): Promise<Response> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (response.status !== 404 || Date.now() > deadline) return response;
		await response.text();
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

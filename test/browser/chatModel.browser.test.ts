/** "Claude on AWS Chat Model" under n8n's AI Agent: its panel, the model dropdown, and the agent's run through it. */
import { Editor } from './helpers/editor';
import { manualTrigger, MANUAL_TRIGGER, ourNode, saveWorkflow } from './helpers/workflows';

const MODEL = 'Claude on AWS Chat Model';
const AGENT = 'AI Agent';
let editor: Editor;

beforeAll(async () => {
	const id = await saveWorkflow(
		'Browser: AI Agent with the chat model',
		[
			{ ...manualTrigger(), position: [0, 0] },
			{
				name: AGENT,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [260, 0],
				parameters: { promptType: 'define', text: 'Say hello to the browser suite', options: {} },
			},
			{ ...ourNode(MODEL, 'lmChatClaudeAws', { model: { __rl: true, mode: 'list', value: 'claude-sonnet-5-5' }, options: {} }), position: [240, 220] },
		],
		[[MANUAL_TRIGGER, AGENT]],
		[[MODEL, AGENT, 'ai_languageModel']],
	);
	editor = await Editor.open();
	await editor.openWorkflow(id);
});

afterAll(async () => {
	await editor?.close();
});

test('the chat model panel: model dropdown from the gateway, and its options', async () => {
	await editor.openNode(MODEL);
	const models = await editor.listSearchItems('model');
	expect(models).toEqual(expect.arrayContaining(['Claude Haiku 5.5 (claude-haiku-5-5)', 'Claude Opus 4.8 (claude-opus-4-8)']));
	await editor.page.getByTestId('rlc-item').filter({ hasText: '(claude-haiku-5-5)' }).click();
	await editor.page.getByTestId('ndv').getByTestId('collection-parameter-add').click();
	const options = editor.page.locator('.el-select-dropdown:visible, .el-popper:visible').getByRole('option');
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await editor.page.keyboard.press('Escape');
	expect(names).toEqual(expect.arrayContaining(['Effort', 'Max Tokens', 'Prompt Caching', 'Thinking']));
	// Ignored sampling options (17.17) are only shown where a saved workflow set them, never offered.
	expect(names.filter((name) => /^(Temperature|Top P)/.test(name))).toEqual([]);
	await editor.screenshot('chat-model-panel');
	await editor.closeNode();
});

test('Execute step on the AI Agent answers through the chat model; the model panel shows its call', async () => {
	await editor.openNode(AGENT);
	await editor.executeStep();
	await editor.waitForOutput();
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	expect(items).toHaveLength(1);
	expect(String(items[0].output)).toContain('Echo: Say hello to the browser suite');
	await editor.screenshot('chat-model-agent-output');
	await editor.closeNode();

	await editor.openNode(MODEL);
	// A sub-node's panel shows the calls its parent made: the prompt in, the generation and token usage out.
	await editor.outputPanel().getByText('Echo: Say hello to the browser suite').first().waitFor();
	// The panel renders its views one after another: wait for the token usage to be drawn before reading it.
	let text = await editor.outputPanel().innerText();
	for (const deadline = Date.now() + 20_000; !/tokenUsage/.test(text) && Date.now() < deadline; ) {
		await editor.page.waitForTimeout(250);
		text = await editor.outputPanel().innerText();
	}
	expect(text).toMatch(/tokenUsage/);
	expect(text).toMatch(/totalTokens/);
	await editor.screenshot('chat-model-output');
});

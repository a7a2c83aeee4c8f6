/** "Claude on AWS" (Messages) in the editor: found by the node creator's search, its panel, one real run. */
import { Editor } from './helpers/editor';
import { MANUAL_TRIGGER } from './helpers/workflows';

let editor: Editor;

beforeAll(async () => {
	editor = await Editor.open();
	await editor.newWorkflow();
});

afterAll(async () => {
	await editor?.close();
});

test('the node creator finds "Claude on AWS" after a trigger and lists its actions per resource', async () => {
	await editor.openNodeCreator();
	await editor.searchNodeCreator('Manual');
	await editor.nodeCreatorItem('Manual Trigger').click();
	await editor.canvasNode(MANUAL_TRIGGER).waitFor();

	await editor.openNodeCreatorAfter(MANUAL_TRIGGER);
	expect(await editor.searchNodeCreator('Claude on AWS')).toContain('Claude on AWS');
	// The webhook trigger's app entry is called "Claude on AWS" here too: pick the Messages node.
	await editor.nodeCreatorItem('Claude on AWS').filter({ hasNotText: /webhook/i }).click();
	const actions = await editor.nodeCreatorTexts();
	expect(actions).toEqual(expect.arrayContaining(['Send a message', 'Count the tokens of a message', 'Get a model', 'List models']));
	await editor.screenshot('claude-aws-node-creator');

	await editor.page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Send a message' }).click();
	await editor.page.getByTestId('ndv').waitFor();
	expect(await editor.page.getByTestId('ndv').getByTestId('node-title-container').innerText()).toContain('Send a message');
});

test('resource and operation selectors show the documented operations', async () => {
	// n8n adds "Custom API Call" to every node whose credential can sign an HTTP Request; nothing else may be extra.
	expect(await editor.optionsOf('resource')).toEqual(['Message', 'Model', 'Custom API Call']);
	expect(await editor.optionsOf('operation')).toEqual(['Send Message', 'Count Tokens', 'Custom API Call']);
});

test('the Model dropdown lists the models the gateway serves', async () => {
	const models = await editor.listSearchItems('modelId');
	expect(models).toEqual(expect.arrayContaining(['Claude Haiku 5.5 (claude-haiku-5-5)', 'Claude Opus 4.5 (claude-opus-4-5) — deprecated, retires 2027-01-22']));
	// Retired models no longer answer, so the gateway leaves them out of the list (and so does the dropdown).
	expect(models.some((name) => name.includes('claude-sonnet-4-5'))).toBe(false);
	await editor.page.getByTestId('rlc-item').filter({ hasText: '(claude-haiku-5-5)' }).click();
});

test('Prompt Type swaps the Prompt field for the Message List and back', async () => {
	expect(await editor.isShown('prompt')).toBe(true);
	await editor.select('promptType', 'Message List');
	await expect(editor.page.getByTestId('fixed-collection-messages').waitFor()).resolves.toBeUndefined();
	expect(await editor.isShown('prompt')).toBe(false);
	await editor.select('promptType', 'Simple');
	await editor.parameter('prompt').waitFor();
	expect(await editor.page.getByTestId('fixed-collection-messages').isVisible()).toBe(false);
});

test('Execute step sends the message and the output panel shows the simplified answer', async () => {
	await editor.fill('prompt', 'Hello from the browser');
	await editor.executeStep();
	const text = await editor.waitForOutput();
	expect(text).toContain('Echo: Hello from the browser');
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	expect(items).toHaveLength(1);
	// Simplified: the answer text at the top level, not the raw content blocks.
	expect(items[0]).toMatchObject({ text: 'Echo: Hello from the browser', stop_reason: 'end_turn', model: 'claude-haiku-5-5' });
	expect(items[0]).not.toHaveProperty('content');
	await editor.switchOutput('Table');
	await editor.screenshot('claude-aws-send-message');
});

test('Model > List: Return All hides Limit, and Execute step lists the models', async () => {
	await editor.select('resource', 'Model');
	await editor.select('operation', 'List');
	expect(await editor.isShown('limit')).toBe(true);
	await editor.setSwitch('returnAll', true);
	await editor.parameter('limit').waitFor({ state: 'hidden' });
	await editor.setSwitch('returnAll', false);
	await editor.parameter('limit').waitFor();
	await editor.fill('limit', '3');
	await editor.executeStep();
	await editor.waitForOutput();
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	expect(items).toHaveLength(3);
	expect(items[0]).toMatchObject({ type: 'model', id: expect.any(String) });
	await editor.screenshot('claude-aws-list-models');
});

/**
 * Can a user find each node by name in the node creator? Searched in the "What happens next?" view (after a
 * trigger), the way nodes are added to a workflow.
 *
 * This suite found that n8n's creator search hides every node whose codex category is "AI" unless its codex
 * `subcategories.AI` contains "Root Nodes" (the editor treats the rest as sub-nodes, reachable only from a
 * parent's slot): Files, Agents, Session Trigger (and the webhook Trigger) could not be found at all. Their
 * .node.json files now list "Root Nodes"; these tests keep it that way.
 */
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

// The webhook trigger's type was claudeAwsTrigger at first: n8n merged it into the Messages node's entry
// (same name once "Trigger" is dropped) and showed the trigger's description for the Messages node.
test('first step: each trigger has an entry of its own; the webhook trigger offers one trigger per event type', async () => {
	await editor.openNodeCreator();
	const names = await editor.searchNodeCreator('Claude on AWS');
	expect(names).toEqual(expect.arrayContaining(['Claude on AWS Batch Trigger', 'Claude on AWS Session Trigger']));
	// Two "Claude on AWS" entries: the Messages node, and the webhook trigger (n8n drops "Trigger" from an app
	// trigger's name here); each with its own description now.
	expect(names.filter((name) => name === 'Claude on AWS')).toHaveLength(2);
	await editor.nodeCreatorItem('Claude on AWS').filter({ hasText: /webhook/i }).click();
	await editor.page.getByTestId('node-creator').getByText('On session created', { exact: true }).waitFor();
	const texts = await editor.nodeCreatorTexts();
	expect(texts).toEqual(expect.arrayContaining(['On session created', 'On session status idled']));
	await editor.screenshot('node-creator-claude-aws-triggers');
	await editor.closeNodeCreator();
});

const NAMES = [
	'Claude on AWS',
	'Claude on AWS Files',
	'Claude on AWS Batches',
	'Claude on AWS Batch Trigger',
	'Claude on AWS Agents',
	'Claude on AWS Session Trigger',
	'Claude on AWS Chat Model',
];

describe('after a trigger ("What happens next?")', () => {
	beforeAll(async () => {
		await editor.openNodeCreator();
		await editor.searchNodeCreator('Manual');
		await editor.nodeCreatorItem('Manual Trigger').click();
		await editor.canvasNode(MANUAL_TRIGGER).waitFor();
		await editor.openNodeCreatorAfter(MANUAL_TRIGGER);
	});

	test.each(NAMES)('a search for "%s" lists it', async (name) => {
		expect(await editor.searchNodeCreator(name)).toContain(name);
	});
});

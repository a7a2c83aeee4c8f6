/**
 * Can a user find each node by name in the node creator? Searched in the "What happens next?" view (after a
 * trigger), the way nodes are added to a workflow.
 *
 * KNOWN BUG (found by this suite): n8n's creator search hides every node whose codex category is "AI" unless
 * its codex `subcategories.AI` contains "Root Nodes" (the editor treats the rest as sub-nodes, reachable only
 * from a parent's slot). Files, Agents and Session Trigger lack it, so no search finds them. Those cases are
 * `test.failing` until their .node.json gets "Root Nodes"; then they pass and jest asks to flip them back.
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

test('first step: the webhook trigger is the "Claude on AWS" entry, with one trigger per event type', async () => {
	await editor.openNodeCreator();
	expect(await editor.searchNodeCreator('Claude on AWS')).toEqual(expect.arrayContaining(['Claude on AWS', 'Claude on AWS Batch Trigger']));
	await editor.nodeCreatorItem('Claude on AWS').click();
	await editor.page.getByTestId('node-creator').getByText('On session created', { exact: true }).waitFor();
	const texts = await editor.nodeCreatorTexts();
	expect(texts).toEqual(expect.arrayContaining(['On session created', 'On session status idled']));
	await editor.screenshot('node-creator-claude-aws-triggers');
	await editor.closeNodeCreator();
});

const findable = ['Claude on AWS', 'Claude on AWS Batches', 'Claude on AWS Batch Trigger', 'Claude on AWS Chat Model'];
const hidden = ['Claude on AWS Files', 'Claude on AWS Agents', 'Claude on AWS Session Trigger'];

describe('after a trigger ("What happens next?")', () => {
	beforeAll(async () => {
		await editor.openNodeCreator();
		await editor.searchNodeCreator('Manual');
		await editor.nodeCreatorItem('Manual Trigger').click();
		await editor.canvasNode(MANUAL_TRIGGER).waitFor();
		await editor.openNodeCreatorAfter(MANUAL_TRIGGER);
	});

	test.each(findable)('a search for "%s" lists it', async (name) => {
		expect(await editor.searchNodeCreator(name)).toContain(name);
	});

	test.failing.each(hidden)('a search for "%s" lists it (fails: codex lacks "Root Nodes")', async (name) => {
		expect(await editor.searchNodeCreator(name)).toContain(name);
	});
});

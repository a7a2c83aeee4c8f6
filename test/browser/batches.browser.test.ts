/** "Claude on AWS Batches" in the editor: operations, fields per operation, the Batch dropdown, Get Results. */
import { Editor } from './helpers/editor';
import { createBatch } from './helpers/seed';
import { manualTrigger, MANUAL_TRIGGER, ourNode, saveWorkflow } from './helpers/workflows';

const NODE = 'Claude on AWS Batches';
let editor: Editor;
let batch: { id: string };

beforeAll(async () => {
	batch = await createBatch(['First question', 'Second question']);
	const id = await saveWorkflow('Browser: Batches', [manualTrigger(), ourNode(NODE, 'claudeAwsBatches', { resource: 'batch', operation: 'list' })], [[MANUAL_TRIGGER, NODE]]);
	editor = await Editor.open();
	await editor.openWorkflow(id);
	await editor.openNode(NODE);
});

afterAll(async () => {
	await editor?.close();
});

test('the operation selector shows the documented batch operations', async () => {
	expect(await editor.optionsOf('resource')).toEqual(['Message Batch', 'Custom API Call']);
	expect(await editor.optionsOf('operation')).toEqual([
		'Cancel',
		'Create Batch From Items',
		'Delete',
		'Get',
		'Get Results',
		'List',
		'Wait Until Ended',
		'Custom API Call',
	]);
});

test('List: Limit hides when Return All is on; Create shows the message fields that Get does not', async () => {
	expect(await editor.isShown('limit')).toBe(true);
	await editor.setSwitch('returnAll', true);
	await editor.parameter('limit').waitFor({ state: 'hidden' });
	await editor.select('operation', 'Create Batch From Items');
	await editor.parameter('promptType').waitFor();
	expect(await editor.isShown('maxTokens')).toBe(true);
	expect(await editor.isShown('batchId')).toBe(false);
	await editor.select('operation', 'Get');
	await editor.page.getByTestId('ndv').getByTestId('resource-locator-batchId').waitFor();
	expect(await editor.isShown('promptType')).toBe(false);
	expect(await editor.isShown('maxTokens')).toBe(false);
});

test('Get Results: the Batch dropdown lists the batch; Execute step shows one simplified item per request', async () => {
	await editor.select('operation', 'Get Results');
	expect(await editor.isShown('simplify')).toBe(true);
	await editor.pickListSearchItem('batchId', batch.id);
	await editor.executeStep();
	await editor.waitForOutput();
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	// The results file lists requests in any order (as the API does); custom_id says which is which.
	expect(items.map((item) => [item.custom_id, item.text]).sort()).toEqual([
		['browser-0', 'Echo: First question'],
		['browser-1', 'Echo: Second question'],
	]);
	for (const item of items) expect(item).toMatchObject({ batch_id: batch.id, result_type: 'succeeded' });
	await editor.switchOutput('Table');
	await editor.screenshot('batches-get-results');
});

/** "Claude on AWS Batch Trigger" in the editor: Include Results reveals Simplify Output; Fetch Test Event shows the latest ended batch. */
import { Editor } from './helpers/editor';
import { createBatch } from './helpers/seed';
import { ourNode, saveWorkflow } from './helpers/workflows';

const NODE = 'Claude on AWS Batch Trigger';
let editor: Editor;
let batch: { id: string };

beforeAll(async () => {
	batch = await createBatch(['Trigger question']);
	// The emulator ends a batch after 300 ms; the trigger's test run shows the newest ended one.
	await new Promise((resolve) => setTimeout(resolve, 500));
	const id = await saveWorkflow('Browser: Batch Trigger', [ourNode(NODE, 'claudeAwsBatchTrigger')]);
	editor = await Editor.open();
	await editor.openWorkflow(id);
	await editor.openNode(NODE);
});

afterAll(async () => {
	await editor?.close();
});

test('Simplify Output appears only when Include Results is on', async () => {
	expect(await editor.isShown('includeResults')).toBe(true);
	expect(await editor.isShown('simplify')).toBe(false);
	await editor.setSwitch('includeResults', true);
	await editor.parameter('simplify').waitFor();
});

test('Execute step fetches the newest ended batch with its simplified results', async () => {
	await editor.executeStep();
	await editor.waitForOutput();
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	expect(items).toEqual([expect.objectContaining({ batch_id: batch.id, custom_id: 'browser-0', text: 'Echo: Trigger question' })]);
	await editor.switchOutput('Table');
	await editor.screenshot('batch-trigger-fetch');
});

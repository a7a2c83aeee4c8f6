/** "Claude on AWS Files" in the editor: operations, Return All/Limit, the File dropdown, a download with its binary preview. */
import { Editor } from './helpers/editor';
import { uploadFile } from './helpers/seed';
import { manualTrigger, MANUAL_TRIGGER, ourNode, saveWorkflow } from './helpers/workflows';

const NODE = 'Claude on AWS Files';
const CONTENT = 'Notes from the browser suite.\nSecond line.\n';
let editor: Editor;
let file: { id: string; filename: string };

beforeAll(async () => {
	file = await uploadFile(`browser-notes-${Date.now()}.txt`, 'text/plain', Buffer.from(CONTENT));
	const id = await saveWorkflow('Browser: Files', [manualTrigger(), ourNode(NODE, 'claudeAwsFiles', { resource: 'file', operation: 'list' })], [[MANUAL_TRIGGER, NODE]]);
	editor = await Editor.open();
	await editor.openWorkflow(id);
	await editor.openNode(NODE);
});

afterAll(async () => {
	await editor?.close();
});

test('the operation selector shows the documented file operations', async () => {
	expect(await editor.optionsOf('resource')).toEqual(['File', 'Custom API Call']);
	expect(await editor.optionsOf('operation')).toEqual(['Delete', 'Download', 'Get', 'List', 'Upload', 'Custom API Call']);
});

test('List: Limit is shown until Return All is on', async () => {
	expect(await editor.isShown('limit')).toBe(true);
	await editor.setSwitch('returnAll', true);
	await editor.parameter('limit').waitFor({ state: 'hidden' });
	await editor.setSwitch('returnAll', false);
	await editor.parameter('limit').waitFor();
});

test('Download: the File dropdown lists the uploaded file; Execute step shows the file as binary output', async () => {
	await editor.select('operation', 'Download');
	await editor.parameter('binaryPropertyName').waitFor();
	await editor.pickListSearchItem('fileId', file.id);
	await editor.executeStep();
	await editor.outputPanel().getByText(file.filename).first().waitFor({ timeout: 60_000 });
	const panel = await editor.outputPanel().innerText();
	expect(panel).toContain(file.filename);
	expect(panel).toMatch(/text\/plain/);
	await editor.switchOutput('Binary');
	const card = editor.outputPanel().getByTestId('ndv-binary-data_0');
	const cardText = await card.innerText();
	expect(cardText).toContain(file.filename);
	expect(cardText).toContain('text/plain');
	expect(cardText).toContain(`${Buffer.byteLength(CONTENT)} B`);
	await card.getByTestId('ndv-view-binary-data').click();
	// n8n previews the stored bytes in an iframe served by its binary-data endpoint.
	const preview = editor.outputPanel().frameLocator('iframe.binary-data').locator('body');
	await preview.getByText('Notes from the browser suite.').waitFor();
	expect((await preview.innerText()).trim()).toBe(CONTENT.trim());
	await editor.screenshot('files-download-binary-preview');
});

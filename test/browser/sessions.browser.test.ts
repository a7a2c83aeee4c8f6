/** "Claude on AWS Agents" (Managed Agents sessions) in the editor: resources and operations, the agent and environment dropdowns, a session run. */
import { Editor } from './helpers/editor';
import { SEED_ENVIRONMENT_ID, SEED_SUPPORT_AGENT_ID } from './helpers/seed';
import { manualTrigger, MANUAL_TRIGGER, ourNode, saveWorkflow } from './helpers/workflows';

const NODE = 'Claude on AWS Agents';
let editor: Editor;

beforeAll(async () => {
	const id = await saveWorkflow('Browser: Agents', [manualTrigger(), ourNode(NODE, 'claudeAwsSessions', { resource: 'session', operation: 'start' })], [[MANUAL_TRIGGER, NODE]]);
	editor = await Editor.open();
	await editor.openWorkflow(id);
	await editor.openNode(NODE);
});

afterAll(async () => {
	await editor?.close();
});

test('resource and operation selectors show the documented operations of each resource', async () => {
	expect(await editor.optionsOf('resource')).toEqual([
		'Agent',
		'Environment',
		'Memory',
		'Memory Store',
		'Memory Version',
		'Session',
		'Session Resource',
		'Skill',
		'Skill Version',
		'Thread',
		'Vault',
		'Vault Credential',
		'Custom API Call',
	]);
	expect(await editor.optionsOf('operation')).toEqual([
		'Archive',
		'Confirm Tool Use',
		'Define Outcome',
		'Delete',
		'Get',
		'Interrupt',
		'List',
		'List Events',
		'Send Message',
		'Send Tool Result',
		'Start',
		'Update',
		'Custom API Call',
	]);
	await editor.select('resource', 'Agent');
	expect(await editor.optionsOf('operation')).toEqual(['Archive', 'Create', 'Get', 'List', 'List Versions', 'Update', 'Custom API Call']);
	await editor.select('resource', 'Environment');
	expect(await editor.optionsOf('operation')).toEqual(['Archive', 'Create', 'Delete', 'Get', 'List', 'Update', 'Custom API Call']);
});

test('Agent > List: Limit hides when Return All is on; Create by JSON hides the per-field inputs', async () => {
	await editor.select('resource', 'Agent');
	await editor.select('operation', 'List');
	expect(await editor.isShown('limit')).toBe(true);
	await editor.setSwitch('returnAll', true);
	await editor.parameter('limit').waitFor({ state: 'hidden' });
	await editor.select('operation', 'Create');
	await editor.parameter('name').waitFor();
	await editor.select('definition', 'JSON');
	await editor.parameter('body').waitFor();
	expect(await editor.isShown('name')).toBe(false);
});

test('Session > Confirm Tool Use: Deny Message only for a denial', async () => {
	await editor.select('resource', 'Session');
	await editor.select('operation', 'Confirm Tool Use');
	await editor.select('decision', 'Allow');
	expect(await editor.isShown('denyMessage')).toBe(false);
	await editor.select('decision', 'Deny');
	await editor.parameter('denyMessage').waitFor();
});

test('Session > Start: Agent and Environment dropdowns fill from the gateway; Execute step shows the reply', async () => {
	await editor.select('operation', 'Start');
	const agents = await editor.listSearchItems('agent');
	expect(agents).toEqual(expect.arrayContaining([`Order support agent (${SEED_SUPPORT_AGENT_ID})`]));
	await editor.page.getByTestId('rlc-item').filter({ hasText: SEED_SUPPORT_AGENT_ID }).click();
	const environments = await editor.listSearchItems('environment');
	expect(environments).toEqual(expect.arrayContaining([`Default cloud environment (${SEED_ENVIRONMENT_ID})`]));
	await editor.page.getByTestId('rlc-item').filter({ hasText: SEED_ENVIRONMENT_ID }).click();
	await editor.fill('message', 'Where is my order?');
	await editor.executeStep();
	await editor.waitForOutput();
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	expect(items).toHaveLength(1);
	expect(JSON.stringify(items[0])).toContain('Agent reply: Where is my order?');
	expect(items[0]).toMatchObject({ session_id: expect.stringMatching(/^sesn_/) });
	await editor.switchOutput('Table');
	await editor.screenshot('agents-session-start');
});

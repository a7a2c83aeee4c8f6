/** "Claude on AWS Session Trigger" in the editor: Watch switches its fields, the Session dropdown, Fetch Test Event. */
import { Editor } from './helpers/editor';
import { converse, SEED_ENVIRONMENT_ID, SEED_SUPPORT_AGENT_ID, startSession } from './helpers/seed';
import { ourNode, saveWorkflow } from './helpers/workflows';

const NODE = 'Claude on AWS Session Trigger';
let editor: Editor;
let session: { id: string };
const TITLE = `Browser session ${Date.now()}`;

beforeAll(async () => {
	session = await startSession(SEED_SUPPORT_AGENT_ID, SEED_ENVIRONMENT_ID, TITLE);
	await converse(session.id, 'Hello from the session trigger test');
	const id = await saveWorkflow('Browser: Session Trigger', [ourNode(NODE, 'claudeAwsSessionTrigger', { watch: 'session', includeReply: true })]);
	editor = await Editor.open();
	await editor.openWorkflow(id);
	await editor.openNode(NODE);
});

afterAll(async () => {
	await editor?.close();
});

test('Watch: One Session asks for a session; Sessions asks for an agent and a count', async () => {
	expect(await editor.optionsOf('watch')).toEqual(['One Session', 'Sessions']);
	await editor.select('watch', 'Sessions');
	await editor.page.getByTestId('ndv').getByTestId('resource-locator-agentId').waitFor();
	expect(await editor.isShown('maxSessions')).toBe(true);
	expect(await editor.page.getByTestId('ndv').getByTestId('resource-locator-sessionId').isVisible()).toBe(false);
	await editor.select('watch', 'One Session');
	await editor.page.getByTestId('ndv').getByTestId('resource-locator-sessionId').waitFor();
	expect(await editor.isShown('maxSessions')).toBe(false);
	expect(await editor.page.getByTestId('ndv').getByTestId('resource-locator-agentId').isVisible()).toBe(false);
});

test('the Session dropdown lists the session; Execute step shows its last idle with the reply', async () => {
	// Sessions are listed by title, ID and status: two sessions with one title stay apart.
	await editor.pickListSearchItem('sessionId', `${TITLE} (${session.id}, idle)`);
	await editor.executeStep();
	const text = await editor.waitForOutput();
	// The item carries the whole session object: read what the table shows rather than the (long) JSON view.
	expect(text).toMatch(/1 item/);
	for (const shown of [session.id, 'end_turn', 'Agent reply: Hello from the session trigger test']) expect(text).toContain(shown);
	await editor.screenshot('session-trigger-fetch');
});

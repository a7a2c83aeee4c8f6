/**
 * "Claude on AWS Trigger" (Standard Webhooks) in the editor: its events list, and Execute step listening for a
 * test event that the emulator really sends, signed, when a session is created.
 */
import { randomUUID } from 'node:crypto';
import { TEST_WEBHOOK_SECRET } from '../emulator/fixtures';
import { registerWebhook } from '../e2e/helpers/emulatorControl';
import { Editor } from './helpers/editor';
import { SEED_ENVIRONMENT_ID, SEED_RESEARCH_AGENT_ID, startSession } from './helpers/seed';
import { createCredential, ourNode, saveWorkflow } from './helpers/workflows';

const NODE = 'Claude on AWS Trigger';
const webhookId = randomUUID();
let editor: Editor;

beforeAll(async () => {
	// The signing secret lives in the credential (encrypted), not in the workflow's parameters.
	const credential = await createCredential(`Claude on AWS webhooks ${Date.now()}`, { webhookSecret: TEST_WEBHOOK_SECRET });
	const node = { ...ourNode(NODE, 'claudeAwsWebhookTrigger', { events: ['session.created'] }), credential, extra: { webhookId } };
	const id = await saveWorkflow('Browser: Webhook Trigger', [node]);
	editor = await Editor.open();
	await editor.openWorkflow(id);
	await editor.openNode(NODE);
});

afterAll(async () => {
	await editor?.close();
});

test('Events lists the platform webhook event types, Signing Secret is a password field', async () => {
	await editor.parameter('events').click();
	const options = editor.page.locator('.el-select-dropdown:visible, .el-popper:visible').getByRole('option');
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await editor.page.keyboard.press('Escape');
	expect(names.length).toBeGreaterThan(10);
	expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/session\.created|Session Created/i)]));
	expect(await editor.parameter('signingSecret').locator('input').getAttribute('type')).toBe('password');
});

test('Execute step listens; a signed session.created delivery shows up in the output', async () => {
	await editor.executeStep();
	await editor.page.getByText(/Listening for test event/i).first().waitFor();
	await editor.screenshot('trigger-listening');
	await registerWebhook(`${editor.url}/webhook-test/${webhookId}/webhook`, TEST_WEBHOOK_SECRET, ['session.created']);
	const session = await startSession(SEED_RESEARCH_AGENT_ID, SEED_ENVIRONMENT_ID, 'Webhook from the browser suite');
	await editor.waitForOutput();
	const items = (await editor.outputJson()) as Array<Record<string, unknown>>;
	expect(items).toHaveLength(1);
	expect(JSON.stringify(items[0])).toContain(session.id);
	expect(JSON.stringify(items[0])).toContain('session.created');
	await editor.switchOutput('Table');
	await editor.screenshot('trigger-event');
});

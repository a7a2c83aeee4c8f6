/**
 * The "Claude Platform on AWS" credential created in n8n's credential modal: its fields follow the chosen
 * authentication, Save runs the credential's test against the emulator, a wrong workspace ID shows the 403
 * hint from the credential's test rules, and the fixed one reports success.
 */
import type { Locator } from 'playwright-core';
import { ClaudePlatformAwsApi } from '../../credentials/ClaudePlatformAwsApi.credentials';
import { TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, TEST_WORKSPACE_ID } from '../emulator/fixtures';
import { clearReceived, received } from '../e2e/helpers/emulatorControl';
import { e2eEnv } from '../e2e/helpers/n8nApi';
import { Editor } from './helpers/editor';

const WRONG_WORKSPACE = 'wrkspc_01NotThisWorkspace00001';
const NAME = `Claude on AWS (browser test ${Date.now()})`;
const hint403 = (new ClaudePlatformAwsApi().test.rules ?? []).find((rule) => rule.type === 'responseCode' && rule.properties.value === 403)!
	.properties as { message: string };

let editor: Editor;
let modal: Locator;

beforeAll(async () => {
	editor = await Editor.open();
	await editor.page.goto(`${editor.url}/home/credentials`);
	await editor.page.getByTestId('add-resource-credential').click({ timeout: 60_000 });
});

afterAll(async () => {
	await editor?.close();
});

test('the credential type is found by name and opens with its icon', async () => {
	const picker = editor.page.getByTestId('selectCredential-modal');
	await picker.getByTestId('new-credential-type-select').locator('input').fill('Claude Platform');
	const options = picker.page().getByTestId('new-credential-type-select-option');
	await options.first().waitFor();
	expect(await options.allInnerTexts()).toEqual(['Claude Platform on AWS']);
	await options.first().click();
	await picker.getByTestId('new-credential-type-button').click();
	modal = editor.page.getByTestId('editCredential-modal');
	await modal.getByTestId('parameter-input-authentication').waitFor();
	const icon = modal.locator('img').first();
	await expect(icon.getAttribute('src')).resolves.toMatch(/icons\/n8n-nodes-claude-aws\/dist\/icons\/claude-aws\.svg$/);
	expect(await icon.evaluate((img: any) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test('Authentication lists the four modes and each shows its own fields', async () => {
	expect(await editor.optionsOf('authentication', modal)).toEqual([
		'AWS Access Keys',
		'Short-Term API Key',
		'Assume IAM Role',
		'Host AWS Identity (Default Chain)',
	]);
	const shown = async () =>
		Object.fromEntries(
			await Promise.all(
				['accessKeyId', 'secretAccessKey', 'sessionToken', 'apiKey', 'roleArn', 'masterCredentials'].map(async (name) => [name, await editor.isShown(name, modal)]),
			),
		);
	expect(await shown()).toEqual({ accessKeyId: true, secretAccessKey: true, sessionToken: true, apiKey: false, roleArn: false, masterCredentials: false });
	await editor.select('authentication', 'Short-Term API Key', modal);
	await editor.parameter('apiKey', modal).waitFor();
	expect(await shown()).toEqual({ accessKeyId: false, secretAccessKey: false, sessionToken: false, apiKey: true, roleArn: false, masterCredentials: false });
	await editor.select('authentication', 'Assume IAM Role', modal);
	await editor.parameter('roleArn', modal).waitFor();
	expect(await shown()).toEqual({ accessKeyId: true, secretAccessKey: true, sessionToken: true, apiKey: false, roleArn: true, masterCredentials: true });
	await editor.select('authentication', 'AWS Access Keys', modal);
	await editor.parameter('apiKey', modal).waitFor({ state: 'hidden' });
});

test("Save with a wrong workspace ID: the test fails with the credential's 403 hint", async () => {
	await clearReceived();
	await modal.getByTestId('credential-name').click();
	await modal.getByTestId('credential-name').getByTestId('inline-edit-input').fill(NAME);
	await modal.getByTestId('credential-name').getByTestId('inline-edit-input').press('Enter');
	await editor.fill('region', TEST_REGION, modal);
	await editor.fill('workspaceId', WRONG_WORKSPACE, modal);
	await editor.fill('accessKeyId', TEST_ACCESS_KEY_ID, modal);
	await editor.fill('secretAccessKey', TEST_SECRET_ACCESS_KEY, modal);
	await editor.fill('baseUrl', e2eEnv().emulatorUrl, modal);
	await modal.getByTestId('credential-save-button').click();
	await modal.getByText('Couldn’t connect with these settings').waitFor();
	await modal.getByText('More details').click();
	await modal.getByText(hint403.message, { exact: true }).waitFor();
	await editor.screenshot('credential-wrong-workspace-403');
	const calls = await received();
	expect(calls.map((call) => [call.method, call.path, call.status, call.headers['anthropic-workspace-id']])).toEqual([
		['GET', '/v1/models', 403, WRONG_WORKSPACE],
	]);
});

test('with the right workspace ID, Retry reports the connection tested successfully', async () => {
	await clearReceived();
	await editor.fill('workspaceId', TEST_WORKSPACE_ID, modal);
	await modal.getByTestId('credential-save-button').click();
	await modal.getByTestId('credentials-config-container-test-success').waitFor();
	expect(await modal.getByTestId('credentials-config-container-test-success').innerText()).toMatch(/Connection tested successfully/);
	await editor.screenshot('credential-tested-ok');
	const calls = await received();
	expect(calls.map((call) => [call.method, call.path, call.status, call.auth, call.headers['anthropic-workspace-id']])).toEqual([
		['GET', '/v1/models', 200, 'sigv4', TEST_WORKSPACE_ID],
	]);
});

test('reopened, the saved credential shows its fields but never the secret key', async () => {
	await editor.page.keyboard.press('Escape');
	await modal.waitFor({ state: 'hidden' });
	await editor.page.getByTestId('resources-list-item').filter({ hasText: NAME }).click();
	await editor.parameter('workspaceId', modal).waitFor();
	expect(await editor.parameter('workspaceId', modal).locator('input').inputValue()).toBe(TEST_WORKSPACE_ID);
	const secret = await editor.parameter('secretAccessKey', modal).locator('input').inputValue();
	expect(secret).not.toBe('');
	expect(secret).not.toContain(TEST_SECRET_ACCESS_KEY);
	await editor.screenshot('credential-reopened');
});

/**
 * Signs in once through n8n's sign-in form (as a user would) and saves the browser state (the auth cookie and
 * the browser ID n8n ties it to, in localStorage) for every spec file. Plain JS: jest loads it untransformed.
 */
const { launchChromium, statePath } = require('./helpers/chromium');

module.exports = async function globalSetup() {
	const url = process.env.E2E_N8N_URL;
	if (!url) throw new Error('E2E_N8N_URL is not set: run the browser suite through test/browser/run.sh');
	const { context, close } = await launchChromium();
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${url}/signin`);
		await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(process.env.E2E_OWNER_EMAIL);
		await page.locator('[data-test-id="password"] input').fill(process.env.E2E_OWNER_PASSWORD);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL(/\/home\//, { timeout: 60000 });
		await context.storageState({ path: statePath() });
	} finally {
		await close();
	}
};

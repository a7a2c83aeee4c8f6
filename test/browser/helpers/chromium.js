/**
 * Launches Debian's chromium (no browser download) headless with the flags an offline machine needs: without
 * them chromium's background connections (updates, sync, QUIC probes) fail noisily. Every launch gets a new,
 * empty profile folder (Playwright's persistent context is how it takes a --user-data-dir), removed on close.
 * Plain JS so globalSetup.js can use it before jest transforms anything.
 */
const { mkdirSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { chromium, selectors } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1600, height: 1000 };
// n8n's editor marks its elements with data-test-id (not Playwright's default data-testid).
selectors.setTestIdAttribute('data-test-id');

/** Where the signed-in browser state of one run lives (globalSetup writes it, every spec reads it). */
function statePath() {
	const base = process.env.E2E_RUN_DIR || join(__dirname, '..', '..', '..', '.cache');
	mkdirSync(join(base, 'browser'), { recursive: true });
	return join(base, 'browser', 'signed-in.json');
}

async function launchChromium() {
	const profile = mkdtempSync(join(tmpdir(), 'n8n-browser-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: EXECUTABLE,
		headless: true,
		viewport: VIEWPORT,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	return {
		context,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { launchChromium, statePath, VIEWPORT };

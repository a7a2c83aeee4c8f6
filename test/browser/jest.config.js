/** The browser suite: n8n's editor in Debian's chromium (playwright-core), against the n8n test/browser/run.sh started. */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..', '..'),
	displayName: 'browser',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
	testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
	globalSetup: '<rootDir>/test/browser/globalSetup.js',
	// What the editor showed (panel texts, REST answers) passes through the suite's secret-leak scan too.
	setupFilesAfterEnv: ['<rootDir>/test/setup/leakScan.ts'],
	testTimeout: 120000,
};

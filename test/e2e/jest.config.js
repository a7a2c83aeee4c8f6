/** The end-to-end suite: a real n8n (started by test/e2e/run.sh) runs the example workflows against the emulator. */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..', '..'),
	displayName: 'e2e',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	// Every saved execution, REST answer and n8n's log pass through the suite's secret-leak scan.
	setupFilesAfterEnv: ['<rootDir>/test/setup/leakScan.ts'],
	testTimeout: 180000,
};

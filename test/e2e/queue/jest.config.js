/** The queue-mode suite: a real n8n main + two workers (started by test/e2e/queue/run-queue-mode.sh). */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..', '..', '..'),
	displayName: 'queue',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
	testMatch: ['<rootDir>/test/e2e/queue/**/*.queue.test.ts'],
	// Every saved execution, REST answer and webhook reply passes through the suite's secret-leak scan.
	setupFilesAfterEnv: ['<rootDir>/test/setup/leakScan.ts'],
	testTimeout: 180000,
};

/** Unit and integration tests run on the machine's Node against the local gateway emulator over real HTTP. */
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false }];
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/browser/'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/leakScan.ts'],
    },
  ],
  testTimeout: 30000,
};

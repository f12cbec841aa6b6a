/**
 * The end-to-end suite (npm run e2e): real Terraform and the real hashicorp/aws provider
 * against moto. Not part of npm test. Files run one at a time: each plan starts one
 * provider process per alias, and the machine has two cores.
 */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/e2e/harness/global-setup.ts',
  reporters: ['default', '<rootDir>/e2e/harness/wall-time-reporter.js', '<rootDir>/__tests__/helpers/summary-reporter.js'],
  maxWorkers: 1,
  testTimeout: 15 * 60_000,
};

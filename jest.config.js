/** Type-checking runs once in `npm test` (tsc --noEmit); ts-jest only transpiles, file by file. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/jest-setup.ts'],
  reporters: ['default', '<rootDir>/__tests__/helpers/summary-reporter.js'],
  testTimeout: 60000,
};

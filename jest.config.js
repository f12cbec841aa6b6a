/**
 * `npm test`: the unit and property suites, kept under 90 s on a 2-core machine (BENCHMARKS.md).
 * Type-checking runs once in `npm test` (tsc --noEmit); ts-jest only transpiles, file by file.
 * Files named *.scale.test.ts (10,000-account proofs, tests that spawn processes or Terraform,
 * generated tables of thousands of cases) run in `npm run test:scale` (jest.scale.config.js),
 * which CI runs too.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.scale\\.test\\.ts$'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/jest-setup.ts'],
  reporters: ['default', '<rootDir>/__tests__/helpers/summary-reporter.js'],
  testTimeout: 60000,
};

/**
 * `npm run test:scale`: the slow proofs, moved out of `npm test` so that it stays fast, run by
 * CI after it: *.scale.test.ts, and the access-diff property test again with more config pairs
 * (PROPERTY_PAIRS, set by the npm script).
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/*.scale.test.ts', '**/report-soundness.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};

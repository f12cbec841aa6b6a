import { isTrustStackName, rolloutOrder, trustStackName, trustStackNumber } from '../../stacks/stack-names';

describe('stack names', () => {
  it('names the n-th trust stack and reads its number back', () => {
    expect([1, 2, 10].map(trustStackName)).toEqual(['trust-1', 'trust-2', 'trust-10']);
    expect(['trust-1', 'trust-10'].map(trustStackNumber)).toEqual([1, 10]);
  });

  it.each(['trust-0', 'trust-007', 'trust-01', 'trust-', 'Trust-1', 'trust-1 ', 'management', 'identity'])('%j is no trust stack name', (name) => {
    expect(isTrustStackName(name)).toBe(false);
    expect(trustStackNumber(name)).toBeUndefined();
  });

  it('orders a rollout: management, identity, trust stacks by number (not by text), anything else last', () => {
    expect(rolloutOrder(['trust-10', 'other', 'trust-2', 'identity', 'trust-1', 'management'])).toEqual([
      'management',
      'identity',
      'trust-1',
      'trust-2',
      'trust-10',
      'other',
    ]);
  });
});

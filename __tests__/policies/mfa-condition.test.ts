import { MFA_ALWAYS, identityMfaRule, mfaCondition } from '../../policies/mfa-condition';

describe('the MFA condition', () => {
  it('admits MFA sessions only, with Bool (absent on long-term keys, so they never match)', () => {
    expect(mfaCondition(MFA_ALWAYS)).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  it('bounds the MFA age, as a string, where a maximum is given', () => {
    expect(mfaCondition({ denyWithoutMfa: true, maxAgeSeconds: 3600 })).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' },
    });
  });

  it('is absent where MFA is not required (an age alone would never be checked)', () => {
    expect(mfaCondition({ denyWithoutMfa: false })).toBeUndefined();
    expect(mfaCondition({ denyWithoutMfa: false, maxAgeSeconds: 3600 })).toBeUndefined();
  });

  it("follows the config's identity block", () => {
    expect(identityMfaRule({ denyWithoutMfa: true, mfaMaxAgeSeconds: 43200 })).toEqual({ denyWithoutMfa: true, maxAgeSeconds: 43200 });
    expect(identityMfaRule({ denyWithoutMfa: false })).toEqual({ denyWithoutMfa: false, maxAgeSeconds: undefined });
  });
});

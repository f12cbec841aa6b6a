import { MFA_ALWAYS, identityMfa, mfaCondition } from '../../policies/mfa-condition';

describe('the MFA condition', () => {
  it('admits MFA sessions only, with Bool (absent on long-term keys, so they never match)', () => {
    expect(mfaCondition(MFA_ALWAYS)).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  it('bounds the MFA age, as a string, where a maximum is given', () => {
    expect(mfaCondition({ required: true, maxAgeSeconds: 3600 })).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' },
    });
  });

  it('is absent where MFA is not required (an age alone would never be checked)', () => {
    expect(mfaCondition({ required: false })).toBeUndefined();
    expect(mfaCondition({ required: false, maxAgeSeconds: 3600 })).toBeUndefined();
  });

  it("follows the config's identity block", () => {
    expect(identityMfa({ requireMfa: true, mfaMaxAgeSeconds: 43200 })).toEqual({ required: true, maxAgeSeconds: 43200 });
    expect(identityMfa({ requireMfa: false })).toEqual({ required: false, maxAgeSeconds: undefined });
  });
});

import type { ConditionBlock } from './document';

export interface MfaRequirement {
  /** Require aws:MultiFactorAuthPresent. */
  readonly required: boolean;
  /** Also bound aws:MultiFactorAuthAge, in seconds. */
  readonly maxAgeSeconds?: number;
}

export const MFA_ALWAYS: MfaRequirement = { required: true };

/** What the config's identity block asks of people coming from the identity account. */
export function identityMfa(identity: { readonly requireMfa: boolean; readonly mfaMaxAgeSeconds?: number }): MfaRequirement {
  return { required: identity.requireMfa, maxAgeSeconds: identity.mfaMaxAgeSeconds };
}

/**
 * The condition that admits only MFA-authenticated sessions. Bool (not BoolIfExists):
 * long-term access keys carry no aws:MultiFactorAuthPresent, and must not match.
 */
export function mfaCondition(mfa: MfaRequirement): ConditionBlock | undefined {
  if (!mfa.required) return undefined;
  const condition: ConditionBlock = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  if (mfa.maxAgeSeconds !== undefined) {
    condition.NumericLessThanEquals = { 'aws:MultiFactorAuthAge': String(mfa.maxAgeSeconds) };
  }
  return condition;
}

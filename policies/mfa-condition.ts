import type { ConditionBlock } from './document';

/** When a policy statement admits a session only with MFA. */
export interface MfaRule {
  /** Deny (leave unmatched) sessions without aws:MultiFactorAuthPresent. */
  readonly denyWithoutMfa: boolean;
  /** Also bound aws:MultiFactorAuthAge, in seconds. */
  readonly maxAgeSeconds?: number;
}

export const MFA_ALWAYS: MfaRule = { denyWithoutMfa: true };

/** The rule the config's identity block sets for people coming from the identity account. */
export function identityMfaRule(identity: { readonly denyWithoutMfa: boolean; readonly mfaMaxAgeSeconds?: number }): MfaRule {
  return { denyWithoutMfa: identity.denyWithoutMfa, maxAgeSeconds: identity.mfaMaxAgeSeconds };
}

/**
 * The condition that admits only MFA-authenticated sessions. Bool (not BoolIfExists):
 * long-term access keys carry no aws:MultiFactorAuthPresent, and must not match.
 */
export function mfaCondition(rule: MfaRule): ConditionBlock | undefined {
  if (!rule.denyWithoutMfa) return undefined;
  const condition: ConditionBlock = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  if (rule.maxAgeSeconds !== undefined) {
    condition.NumericLessThanEquals = { 'aws:MultiFactorAuthAge': String(rule.maxAgeSeconds) };
  }
  return condition;
}

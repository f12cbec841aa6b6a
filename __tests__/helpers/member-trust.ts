import type { DeclaredPrincipal } from '../../config/declared-principals';
import { memberRoleTrustPolicy } from '../../policies/member-role-trust-policy';
import { MFA_ALWAYS } from '../../policies/mfa-condition';

/** A member role's trust as synth writes it (MFA for identity users), as plain JSON a test may edit like a live policy. */
export function memberTrustJson(ids: { management: string; identity: string; member: string }, declared: readonly DeclaredPrincipal[] = []): { Version: string; Statement: Record<string, any>[] } {
  const policy = memberRoleTrustPolicy({
    managementAccountId: ids.management,
    identityAccountId: ids.identity,
    identityMfaRule: MFA_ALWAYS,
    declared: declared.length ? { principals: declared, context: { accountId: ids.member, accountIdOf: (ref) => (ref === 'self' ? ids.member : ref) } } : undefined,
  });
  return JSON.parse(JSON.stringify(policy));
}

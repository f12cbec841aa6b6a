import type { DeclaredPrincipal } from './declared-principal';
import { declaredTrustStatement, type DeclaredTrustContext } from './declared-principal-trust';
import { accountRoot, policyDocument, type PolicyDocument } from './document';
import { mfaCondition, type MfaRule } from './mfa-condition';
import { runnerSessionDenyStatement } from './trust-guard-policy';

/** What the trust policy of one member account's role is built from. */
export interface MemberRoleTrustProps {
  /** The management account, trusted without conditions (Terraform's own way in). */
  readonly managementAccountId: string;
  /** The identity account, whose IAM users are trusted: literal id or a Terraform expression that resolves to it. */
  readonly identityAccountId: string;
  /** When the identity account's users need MFA (the config's identity block). */
  readonly identityMfaRule: MfaRule;
  /**
   * Declarations in this account's scope (trust.principals), with what resolves their account references.
   * @default none: only the management and identity statements
   */
  readonly declared?: { readonly principals: readonly DeclaredPrincipal[]; readonly context: DeclaredTrustContext };
  /**
   * trust.guard: a last statement keeps the runner's session name for the management account
   * (policies/trust-guard-policy.ts), so that nobody else can pose as the runner the guard SCP lets through.
   * @default false
   */
  readonly runnerSessionGuard?: boolean;
}

/**
 * Trust policy of the cross-account role in a member account. The management root stays
 * trusted without conditions: it is how Terraform itself reaches the account, and removing
 * it would lock the organization out. Humans from the identity account come in with MFA,
 * and only IAM users: a role in the identity account (its own cross-account role, a
 * workload's role) is not a way into every member account. Declared principals follow, in
 * config order, each an Allow with its kind's conditions: the two statements above keep their
 * place and Sid whatever is declared, and nothing declared can deny (there is no Deny kind).
 * With the guard, one Deny comes last: the runner's session name is the management account's.
 */
export function memberRoleTrustPolicy(props: MemberRoleTrustProps): PolicyDocument {
  const condition = { ...mfaCondition(props.identityMfaRule), ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${props.identityAccountId}:user/*` } };
  return policyDocument(
    {
      Sid: 'ManagementAccount',
      Effect: 'Allow',
      Principal: { AWS: accountRoot(props.managementAccountId) },
      Action: 'sts:AssumeRole',
    },
    {
      Sid: 'IdentityAccount',
      Effect: 'Allow',
      Principal: { AWS: accountRoot(props.identityAccountId) },
      Action: 'sts:AssumeRole',
      Condition: condition,
    },
    ...(props.declared?.principals ?? []).map((p) => declaredTrustStatement(p, props.declared!.context)),
    ...(props.runnerSessionGuard ? [runnerSessionDenyStatement(props.managementAccountId)] : []),
  );
}

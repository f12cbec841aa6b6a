import type { StackJson } from './synth-output';

/**
 * Protections of the management stack that are not access themselves but decide who can
 * change access later: the trust guard SCP (trust.guard), centralized root access, and the
 * group that may call sts:AssumeRoot. Read by the resources' own keys, never by display text.
 */
export interface Protections {
  readonly trustGuard: boolean;
  readonly centralRootAccess: boolean;
  /** Users of the break-glass group (sts:AssumeRoot), sorted. */
  readonly assumeRootUsers: readonly string[];
}

export interface ProtectionChanges {
  /** Turned off by this change, each with what that means: someone who could not weaken a member role's trust now can. */
  readonly removed: readonly string[];
  readonly added: readonly string[];
  /** Users who may now call sts:AssumeRoot. */
  readonly assumeRootGained: readonly string[];
  readonly assumeRootLost: readonly string[];
}

export function protectionsOf(management: StackJson | undefined): Protections {
  const r = management?.resource ?? {};
  const breakGlass = r.aws_iam_group?.break_glass_group?.name as string | undefined;
  const memberships = Object.values((r.aws_iam_user_group_membership ?? {}) as Record<string, { user: string; groups: string[] }>);
  const users = (r.aws_iam_user ?? {}) as Record<string, { name: string }>;
  const userName = (ref: string) => users[/^\$\{aws_iam_user\.([^.]+)\.name\}$/.exec(ref)?.[1] ?? '']?.name ?? ref;
  return {
    trustGuard: Boolean(r.aws_organizations_policy?.trust_guard && r.aws_organizations_policy_attachment?.trust_guard),
    centralRootAccess: Boolean(r.aws_iam_organizations_features?.central_root_access),
    assumeRootUsers: breakGlass ? memberships.filter((m) => m.groups.includes(breakGlass)).map((m) => userName(m.user)).sort() : [],
  };
}

const LABELS = {
  trustGuard: "trust guard (SCP org-trust-guard): admins of member accounts can change the member role's trust again",
  centralRootAccess: 'centralized root access: the IAM feature stays on in AWS until disabled there; Terraform stops managing it',
} as const;

export function protectionChanges(base: StackJson | undefined, head: StackJson | undefined): ProtectionChanges {
  const [b, h] = [protectionsOf(base), protectionsOf(head)];
  const flags = (['trustGuard', 'centralRootAccess'] as const).filter((k) => b[k] !== h[k]);
  return {
    removed: flags.filter((k) => b[k]).map((k) => LABELS[k]),
    added: flags.filter((k) => h[k]).map((k) => LABELS[k].split(':')[0]),
    assumeRootGained: h.assumeRootUsers.filter((u) => !b.assumeRootUsers.includes(u)),
    assumeRootLost: b.assumeRootUsers.filter((u) => !h.assumeRootUsers.includes(u)),
  };
}

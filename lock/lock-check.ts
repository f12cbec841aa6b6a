import type { ConfigIssue } from '../errors/user-errors';
import type { OrgPlan } from './org-plan';

export interface LockChangeOptions {
  /** CI: the lock must not change. */
  readonly frozen: boolean;
  /**
   * The lock file's text would change even without plan changes (an older format).
   * @default false
   */
  readonly fileWouldChange?: boolean;
}

/**
 * What refuses a synth that would lose track of an account or an OU, and, when frozen (CI),
 * one that would change the committed lock: every such problem, as config rules report theirs.
 */
export function lockChangeIssues(plan: OrgPlan, lockPath: string, options: LockChangeOptions): ConfigIssue[] {
  return [
    ...plan.renameConflicts.map(({ name, renamedFrom, field }) => ({
      path: field === 'identityAccount' ? ['identityAccount', 'renamedFrom'] : ['accounts', name, 'renamedFrom'],
      message:
        `"${renamedFrom}" is renamed to "${name}", but the lock still holds another account named "${name}" (retired, or still managed under that name). ` +
        `Synth once with that account's entry deleted (after retiring it), then rename; or choose another name.`,
    })),
    ...plan.removedWithoutRetiring.map((name) => ({
      path: ['accounts', name],
      message:
        `account "${name}" was removed from the config but is still managed. ` +
        'Put it back with `retired: true`, synth and apply (Terraform then forgets the account and its role without closing or deleting them); ' +
        'delete the entry after that apply.',
    })),
    ...plan.removedOrganizationalUnits.map((path) => ({
      path: ['organization', 'organizationalUnits'],
      message:
        `OU "${path}" was removed from the config but is still managed: Terraform would delete it and lose what is attached to it (SCPs, policies). ` +
        'If you renamed it or an OU above it, add `renamedFrom: "<previous name>"` to the renamed OU (Terraform then renames it in place); ' +
        'to stop managing it, put it back with `retired: true`, synth and apply (Terraform forgets it, AWS keeps it), and delete the entry after that apply.',
    })),
    ...identityRenameIssues(plan),
    ...frozenIssues(plan, lockPath, options),
  ];
}

function identityRenameIssues(plan: OrgPlan): ConfigIssue[] {
  if (!plan.identityRenamed) return [];
  const { from, to } = plan.identityRenamed;
  return [
    {
      path: ['identityAccount', 'name'],
      message:
        `the identity account was "${from}" and is now "${to}": Terraform would replace the account. ` +
        `To rename it in place add \`renamedFrom: "${from}"\` to identityAccount; otherwise restore the name.`,
    },
  ];
}

function frozenIssues(plan: OrgPlan, lockPath: string, options: LockChangeOptions): ConfigIssue[] {
  if (!options.frozen || !(plan.changes.length || options.fileWouldChange)) return [];
  const what = plan.changes.length ? plan.changes.join('; ') : 'written in an older format';
  return [{ path: [], message: `is out of date (${what}). Run \`npm run synth\` without CI=true (or ORG_LOCK_FROZEN=1) and commit ${lockPath}.` }];
}

import { ConfigError } from '../config/config-error';
import type { ShardPlan } from './trust-shards';

/**
 * Refuses a synth that would lose track of an account, and, when frozen (CI), one that
 * would change the committed lock.
 */
export function checkLockChange(plan: ShardPlan, lockPath: string, options: { frozen: boolean }): void {
  if (plan.removedWithoutRetiring.length) {
    throw new ConfigError(
      lockPath,
      plan.removedWithoutRetiring.map((name) => ({
        path: ['accounts', name],
        message:
          `account "${name}" was removed from the config but is still managed. ` +
          'Put it back with `retired: true`, synth and apply (Terraform then forgets the account and its role without closing or deleting them); ' +
          'delete the entry after that apply.',
      })),
    );
  }
  if (plan.identityRenamed) {
    const { from, to } = plan.identityRenamed;
    throw new ConfigError(lockPath, [
      {
        path: ['identityAccount', 'name'],
        message:
          `the identity account was "${from}" and is now "${to}": Terraform would replace the account. ` +
          `To rename it in place add \`renamedFrom: "${from}"\` to identityAccount; otherwise restore the name.`,
      },
    ]);
  }
  if (options.frozen && plan.changes.length) {
    throw new ConfigError(lockPath, [
      {
        path: [],
        message:
          `is out of date (${plan.changes.join('; ')}). Run \`npm run synth\` without CI=true (or ORG_LOCK_FROZEN=1) and commit ${lockPath}.`,
      },
    ]);
  }
}

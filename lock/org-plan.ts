import type { OrgConfig } from '../config/model';
import { EMPTY_LOCK, type ShardLock } from './lock-format';
import { planOrganizationalUnits } from './ou-lock';
import { planTrustShards, type ShardPlan } from './trust-shards';

/** The trust stacks and the recorded OUs of a whole config. */
export interface OrgPlan extends ShardPlan {
  /** OU paths that left the config without a renamedFrom or being retired first. */
  readonly removedOrganizationalUnits: readonly string[];
}

/** The plan for a whole config, given the committed lock. */
export function planOrg(config: OrgConfig, previousLock: ShardLock = EMPTY_LOCK): OrgPlan {
  const shards = planTrustShards(config.accounts, config.trust.shardSize, previousLock, config.identityAccount);
  const ous = planOrganizationalUnits(config.organization.organizationalUnits, previousLock);
  const retired = ous.retiredOrganizationalUnits;
  return {
    ...shards,
    lock: {
      ...shards.lock,
      managementAccountId: config.organization.managementAccountId,
      organizationalUnits: ous.organizationalUnits,
      ...(retired.length ? { retiredOrganizationalUnits: retired } : {}),
      history: { ...shards.lock.history!, ouMoves: ous.history.ouMoves, forgottenOus: ous.history.forgottenOus },
    },
    changes: [...shards.changes, ...ous.changes, ...organizationChange(previousLock, config)],
    removedOrganizationalUnits: ous.removedWithoutRetiring,
  };
}

/** A lock written before version 3 learns which organization it belongs to. */
function organizationChange(previous: ShardLock, config: OrgConfig): string[] {
  const id = config.organization.managementAccountId;
  return previous.managementAccountId === id ? [] : [`organization: management account ${id}`];
}

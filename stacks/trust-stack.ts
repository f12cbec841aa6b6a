import type { Construct } from 'constructs';
import type { Account, OrgConfig } from '../config/model';
import { AccountIdSource } from '../constructs/account-ids';
import { TerraformStack } from '../constructs/cdktf';
import { addHistoryBlocks } from '../constructs/history-blocks';
import { MemberRoleTrust, memberRoleNames } from '../constructs/member-role-trust';
import { EMPTY_HISTORY, type LockHistory } from '../lock/history';
import { configureStateBackend } from '../constructs/state-backend';
import { identityMfa } from '../policies/mfa-condition';

/**
 * One shard of member accounts (at most trust.shardSize): per account a provider alias
 * assuming the cross-account role, and that role's trust policy rewritten to trust the
 * identity account beside the management account.
 */
export class TrustStack extends TerraformStack {
  /**
   * `history`: the lock's renames and forgotten accounts; those of this stack become moved and
   * removed blocks, so a stack whose accounts have all left still exists to forget their roles.
   */
  constructor(scope: Construct, name: string, config: OrgConfig, accounts: readonly Account[], history: LockHistory = EMPTY_HISTORY) {
    super(scope, name);
    configureStateBackend(this, config.backend);
    const ids = new AccountIdSource(this, config.backend);
    const identityAccountId = ids.idOf(config.identityAccount);
    for (const account of accounts) {
      new MemberRoleTrust(this, account.key, {
        account,
        accountId: ids.idOf(account),
        roleName: config.organization.crossAccountRoleName,
        region: config.organization.region,
        managementAccountId: config.organization.managementAccountId,
        identityAccountId,
        identityMfa: identityMfa(config.identity),
      });
    }
    addHistoryBlocks(this, memberRoleNames, {
      moves: history.accountMoves.filter((m) => m.stack === name),
      forgotten: history.forgottenAccounts.filter((f) => f.stack === name).map((f) => f.key),
    });
  }
}

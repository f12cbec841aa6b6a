import type { Construct } from 'constructs';
import type { Account, OrgConfig } from '../config/model';
import { AccountIdSource } from '../constructs/account-ids';
import { OrgStack } from '../constructs/org-stack';
import { addHistoryBlocks } from '../constructs/history-blocks';
import { MemberRoleTrust, memberRoleNames } from '../constructs/member-role-trust';
import { EMPTY_HISTORY, type LockHistory } from '../lock/history';
import { crossAccountProvider } from '../constructs/cross-account-provider';
import { requireAwsProvider } from '../constructs/provider-version';
import { configureStateBackend } from '../constructs/state-backend';
import { keyedConstructId } from '../constructs/construct-ids';
import { identityMfa } from '../policies/mfa-condition';

/**
 * One shard of member accounts (at most trust.shardSize): per account a provider alias
 * assuming the cross-account role, and that role's trust policy rewritten to trust the
 * identity account beside the management account.
 */
export class TrustStack extends OrgStack {
  /**
   * `history`: the lock's renames and forgotten accounts; those of this stack become moved and
   * removed blocks, so a stack whose accounts have all left still exists to forget their roles.
   */
  constructor(scope: Construct, name: string, config: OrgConfig, accounts: readonly Account[], history: LockHistory = EMPTY_HISTORY) {
    super(scope, name);
    configureStateBackend(this, config.backend);
    requireAwsProvider(this, config.terraform.awsProviderVersion);
    const ids = new AccountIdSource(this, config.backend);
    const identityAccountId = ids.idOf(config.identityAccount);
    for (const account of accounts) {
      new MemberRoleTrust(this, keyedConstructId('member', account.key), {
        account,
        accountId: ids.idOf(account),
        roleName: config.organization.crossAccountRoleName,
        region: config.organization.region,
        managementAccountId: config.organization.managementAccountId,
        identityAccountId,
        identityMfa: identityMfa(config.identity),
      });
    }
    const forgotten = history.forgottenAccounts.filter((f) => f.stack === name);
    // Terraform forgets a role through the provider its state names; once applied, nothing uses it and it is never configured.
    for (const f of forgotten.filter((x) => x.accountId)) {
      crossAccountProvider(this, keyedConstructId('forgotten-provider', f.key), {
        alias: memberRoleNames.logicalId(f.key),
        accountId: f.accountId!,
        roleName: config.organization.crossAccountRoleName,
        region: config.organization.region,
      });
    }
    addHistoryBlocks(this, memberRoleNames, {
      moves: history.accountMoves.filter((m) => m.stack === name),
      forgotten: forgotten.map((f) => f.key),
    });
  }
}

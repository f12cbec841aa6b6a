import type { Construct } from 'constructs';
import type { Account } from '../config/model';
import { addHistoryBlocks } from '../constructs/history-blocks';
import { MemberRoleTrust, memberRoleNames } from '../constructs/member-role-trust';
import type { AccountMove, ForgottenAccount } from '../lock/history';
import { crossAccountProvider } from '../constructs/cross-account-provider';
import { keyedConstructId } from '../constructs/construct-ids';
import type { MfaRule } from '../policies/mfa-condition';
import { declaredPrincipalsFor, SELF, type DeclaredPrincipal } from '../config/declared-principals';
import { ACCOUNT_ID } from '../config/iam-names';
import { OrgStack, type OrgStackProps } from './org-stack';

export interface TrustStackProps extends OrgStackProps {
  /** The management account, whose root every member role keeps trusting (I1). */
  readonly managementAccountId: string;
  /** What the trust policies ask of people coming from the identity account. */
  readonly identityMfaRule: MfaRule;
  /** The member accounts of this shard (at most trust.shardSize), retired ones included. */
  readonly accounts: readonly Account[];
  /** The lock's renames of accounts of this stack, written as moved blocks. */
  readonly moves: readonly AccountMove[];
  /**
   * The lock's forgotten accounts of this stack, written as removed blocks: a stack whose
   * accounts have all left still exists to forget their roles.
   */
  readonly forgotten: readonly ForgottenAccount[];
  /** trust.principals of the config: each member role trusts those whose scope holds its account. */
  readonly principals: readonly DeclaredPrincipal[];
  /** Every account of the config (identity and members) by name: declarations name accounts. */
  readonly accountsByName: ReadonlyMap<string, Account>;
  /** trust.guard: every member role keeps the runner's session name for the management account. */
  readonly runnerSessionGuard: boolean;
}

/**
 * One shard of member accounts (at most trust.shardSize): per account a provider alias
 * assuming the cross-account role, and that role's trust policy rewritten to trust the
 * identity account beside the management account.
 */
export class TrustStack extends OrgStack {
  constructor(scope: Construct, id: string, props: TrustStackProps) {
    super(scope, id, props);
    const ids = this.managementAccountIds(props.backend);
    const identityAccountId = ids.idOf(props.identityAccount);
    for (const account of props.accounts) {
      const accountId = ids.idOf(account);
      // Account references of declarations: "self" is this account, names go through the same id source.
      const accountIdOf = (ref: string) => (ref === SELF ? accountId : ACCOUNT_ID.test(ref) ? ref : ids.idOf(props.accountsByName.get(ref)!));
      new MemberRoleTrust(this, keyedConstructId('member', account.key), {
        account,
        accountId,
        declared: { principals: declaredPrincipalsFor(props.principals, account), context: { accountId, accountIdOf } },
        memberRoleName: props.memberRoleName,
        region: props.region,
        managementAccountId: props.managementAccountId,
        identityAccountId,
        identityMfaRule: props.identityMfaRule,
        runnerSessionGuard: props.runnerSessionGuard,
      });
    }
    // Terraform forgets a role through the provider its state names; once applied, nothing uses it and it is never configured.
    for (const f of props.forgotten.filter((x) => x.accountId)) {
      crossAccountProvider(this, keyedConstructId('forgotten-provider', f.key), {
        alias: memberRoleNames.logicalId(f.key),
        accountId: f.accountId!,
        assumeRoleName: props.memberRoleName,
        region: props.region,
      });
    }
    addHistoryBlocks(this, memberRoleNames, { moves: props.moves, forgotten: props.forgotten.map((f) => f.key) });
  }
}

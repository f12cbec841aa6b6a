import { Construct } from 'constructs';
import type { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { LeanOrganizationsAccount } from './lean-elements';
import type { Account } from '../config/model';
import { ImportBlock } from './import-block';
import { keyedNames } from './keyed-names';
import { RemovedBlock } from './removed-block';

export interface OrganizationAccountProps {
  /** The account as configured; created without an id, imported with one, forgotten when retired. */
  readonly account: Account;
  /** Name of the role Organizations creates in a new account. */
  readonly memberRoleName: string;
  /** Id of the OU or root that holds the account. */
  readonly parentId: string;
}

/** Addresses of accounts by key; moved blocks for renames come from the lock's history (history-blocks.ts). */
export const accountNames = keyedNames('aws_organizations_account', 'account');

/**
 * One account of the organization. Created when the config gives no id, imported when it
 * does; never closed by a Terraform destroy (prevent_destroy, close_on_deletion false
 * unless asked). A retired account is forgotten by Terraform, not closed.
 */
export class OrganizationAccount extends Construct {
  readonly resource?: OrganizationsAccount;

  constructor(scope: Construct, id: string, props: OrganizationAccountProps) {
    super(scope, id);
    const { account } = props;
    if (account.retired) {
      new RemovedBlock(this, 'forget', { from: accountNames.address(account.key) });
      return;
    }
    const hasTags = Object.keys(account.tags).length > 0;
    this.resource = new LeanOrganizationsAccount(this, 'account', {
      name: account.name,
      email: account.email,
      roleName: props.memberRoleName,
      iamUserAccessToBilling: account.iamUserAccessToBilling,
      parentId: props.parentId,
      closeOnDeletion: account.closeOnDeletion,
      tags: hasTags ? { ...account.tags } : undefined,
      lifecycle: {
        preventDestroy: true,
        // The Organizations API cannot read role_name and iam_user_access_to_billing back;
        // without this, every import plans a replacement. Tags are managed only where the
        // config gives some, so an imported account keeps the tags it has.
        ignoreChanges: ['role_name', 'iam_user_access_to_billing', ...(hasTags ? [] : ['tags'])],
      },
    });
    this.resource.overrideLogicalId(accountNames.logicalId(account.key));
    if (account.id) new ImportBlock(this, 'import', { to: this.resource, id: account.id });
  }
}

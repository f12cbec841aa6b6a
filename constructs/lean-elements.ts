import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/**
 * The provider bindings synthesize every argument a resource type has, set or not; cdktf
 * drops the unset ones from the JSON, but only after converting and resolving each of them.
 * These three are made once per member account (10,000 times at 10,000 members; the
 * provider has about 200 arguments), so they pass on only what is set. Same JSON
 * (__tests__/stacks/org-stack.test.ts compares whole synths; the snapshot and stack tests
 * the rest).
 */
const setOnly = (attributes: Record<string, unknown>) => Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined));

export class LeanAwsProvider extends AwsProvider {
  protected override synthesizeAttributes(): Record<string, unknown> {
    return setOnly(super.synthesizeAttributes());
  }
}

export class LeanIamRole extends IamRole {
  protected override synthesizeAttributes(): Record<string, unknown> {
    return setOnly(super.synthesizeAttributes());
  }
}

export class LeanOrganizationsAccount extends OrganizationsAccount {
  protected override synthesizeAttributes(): Record<string, unknown> {
    return setOnly(super.synthesizeAttributes());
  }
}

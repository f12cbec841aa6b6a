import { ConfigError } from '../../errors/user-errors';
import { checkLockChange } from '../helpers/lock-change';
import { synthYaml } from '../helpers/synth';
import { exampleInput, renameMember, toYaml, type OrgInput } from '../helpers/org-inputs';

describe('renaming a member account with renamedFrom', () => {
  const first = synthYaml(toYaml(exampleInput()));
  const lock = first.stacks.plan.lock;
  const renamed = synthYaml(toYaml(renameMember(exampleInput(), 'ACCOUNT02', 'Payments', true)), lock);

  it('keeps the account in its trust stack under the new name and records the rename', () => {
    const { plan } = renamed.stacks;
    expect(plan.removedWithoutRetiring).toEqual([]);
    expect(plan.lock.accounts.Payments).toEqual(lock.accounts.ACCOUNT02);
    expect(plan.lock.accounts.ACCOUNT02).toBeUndefined();
    expect(plan.changes).toEqual([`ACCOUNT02 in ${lock.accounts.ACCOUNT02.stack}: renamed to Payments`]);
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).not.toThrow();
  });

  it('moves the account state in management instead of creating a second account', () => {
    const management = renamed.json.management;
    expect(management.moved).toEqual([{ from: 'aws_organizations_account.account_account02', to: 'aws_organizations_account.account_payments' }]);
    expect(management.resource.aws_organizations_account.account_account02).toBeUndefined();
    expect(management.resource.aws_organizations_account.account_payments).toMatchObject({ name: 'Payments', email: 'aws-account02@example.com' });
    expect(management.removed).toBeUndefined();
  });

  it('moves the imported role in the same trust stack', () => {
    const stack = renamed.json[lock.accounts.ACCOUNT02.stack];
    expect(stack.moved).toEqual([{ from: 'aws_iam_role.member_account02', to: 'aws_iam_role.member_payments' }]);
    expect(stack.resource.aws_iam_role.member_payments.lifecycle.prevent_destroy).toBe(true);
    expect(stack.removed).toBeUndefined();
  });

  it('without renamedFrom is refused as a removal of the old name', () => {
    const plan = synthYaml(toYaml(renameMember(exampleInput(), 'ACCOUNT02', 'Payments', false)), lock).stacks.plan;
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).toThrow(/account "ACCOUNT02" was removed/);
  });
});

describe('renaming the identity account', () => {
  const lock = synthYaml(toYaml(exampleInput())).stacks.plan.lock;
  const renamedIdentity = (renamedFrom?: string): OrgInput => {
    const input = exampleInput();
    return { ...input, identityAccount: { ...input.identityAccount, name: 'Identity', ...(renamedFrom ? { renamedFrom } : {}) } };
  };

  it('is recorded in the lock', () => {
    expect(lock.identityAccount).toBe('IAM');
  });

  it('without renamedFrom is refused, naming the field and the fix', () => {
    const plan = synthYaml(toYaml(renamedIdentity()), lock).stacks.plan;
    expect(plan.identityRenamed).toEqual({ from: 'IAM', to: 'Identity' });
    let error: unknown;
    try {
      checkLockChange(plan, 'org.lock.json', { frozen: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/identityAccount\.name: the identity account was "IAM" and is now "Identity".*renamedFrom: "IAM"/);
  });

  it('with renamedFrom moves the account in management', () => {
    const result = synthYaml(toYaml(renamedIdentity('IAM')), lock);
    expect(result.stacks.plan.identityRenamed).toBeUndefined();
    expect(result.stacks.plan.lock.identityAccount).toBe('Identity');
    expect(result.json.management.moved).toEqual([{ from: 'aws_organizations_account.account_iam', to: 'aws_organizations_account.account_identity' }]);
  });
});

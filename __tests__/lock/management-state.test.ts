import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountsInManagementState } from '../../lock/management-state';

/** Which accounts the management stack's local state holds: preflight's evidence that an account without id was created by an apply. */
describe('accountsInManagementState', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'org-trust-state-'));
  const state = (resources: unknown[]) => JSON.stringify({ version: 4, resources });

  it('undefined where no local state file exists (remote backend, or nothing applied here)', () => {
    expect(accountsInManagementState([dir()], 'management')).toBeUndefined();
  });

  it('the keys of managed aws_organizations_account resources with an instance', () => {
    const d = dir();
    writeFileSync(
      join(d, 'terraform.management.tfstate'),
      state([
        { mode: 'managed', type: 'aws_organizations_account', name: 'account_prod', instances: [{}] },
        { mode: 'managed', type: 'aws_organizations_account', name: 'account_gone', instances: [] },
        { mode: 'data', type: 'aws_organizations_account', name: 'account_data', instances: [{}] },
        { mode: 'managed', type: 'aws_iam_role', name: 'account_role', instances: [{}] },
      ]),
    );
    expect([...accountsInManagementState([d], 'management')!]).toEqual(['prod']);
  });

  it('a file that is not state is present but holds nothing', () => {
    const d = dir();
    writeFileSync(join(d, 'terraform.management.tfstate'), 'not json');
    expect([...accountsInManagementState([d], 'management')!]).toEqual([]);
  });
});

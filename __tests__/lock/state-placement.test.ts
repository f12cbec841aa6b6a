import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/user-errors';
import { checkOrgLock, loadOrg } from '../../lock/load-org';
import { memberRolesInState } from '../../lock/state-placement';
import { EXAMPLE_PATH } from '../helpers/example';
import { refusal as refuse } from '../helpers/refusal';
import { tempDir } from '../helpers/run-main';

/** Terraform state (format 4) of a trust stack holding the roles of `keys`. */
const trustState = (keys: string[], emptyInstances = false) =>
  JSON.stringify({
    version: 4,
    resources: keys.map((k) => ({
      mode: 'managed',
      type: 'aws_iam_role',
      name: `member_${k}`,
      provider: `provider["registry.terraform.io/hashicorp/aws"].member_${k}`,
      instances: emptyInstances ? [] : [{ attributes: { name: 'OrganizationAccountAccessRole' } }],
    })),
  });

/**
 * The example org in a temp dir, with an older (version 2, unsealed) lock and local state files,
 * checked as the upgrade run does (ORG_LOCK_UPGRADE=1): the state still has its say.
 */
function project(accounts: Record<string, string>, state: Record<string, string>, env: NodeJS.ProcessEnv = { ORG_LOCK_UPGRADE: '1' }) {
  const dir = tempDir();
  copyFileSync(EXAMPLE_PATH, join(dir, 'org.yaml'));
  const entries = Object.fromEntries(Object.entries(accounts).map(([name, stack]) => [name, { stack }]));
  writeFileSync(join(dir, 'org.lock.json'), JSON.stringify({ version: 2, identityAccount: 'IAM', accounts: entries }));
  for (const [file, text] of Object.entries(state)) writeFileSync(join(dir, file), text);
  return () => checkOrgLock(loadOrg(join(dir, 'org.yaml')), { frozen: false, outdir: join(dir, 'cdktf.out'), env });
}

const ALL_IN_ONE = { ACCOUNT01: 'trust-1', ACCOUNT02: 'trust-1', ACCOUNT03: 'trust-1', Logging: 'trust-1' };

describe('local state against the lock', () => {
  it('reads the member roles of trust state files, skipping what is not state or holds no instance', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'terraform.trust-2.tfstate'), trustState(['account01']));
    writeFileSync(join(dir, 'terraform.trust-3.tfstate'), trustState(['gone'], true));
    writeFileSync(join(dir, 'terraform.trust-4.tfstate'), '{}');
    writeFileSync(join(dir, 'terraform.trust-5.tfstate'), 'not json');
    writeFileSync(join(dir, 'terraform.management.tfstate'), trustState(['account02']));
    expect([...memberRolesInState([dir])].map(([k, v]) => [k, v.stack])).toEqual([['account01', 'trust-2']]);
  });

  it('accepts an older lock that agrees with the state, once the upgrade is asked for', () => {
    expect(() => project(ALL_IN_ONE, { 'terraform.trust-1.tfstate': trustState(['account01', 'logging']) })()).not.toThrow();
    expect(refuse(project(ALL_IN_ONE, { 'terraform.trust-1.tfstate': trustState(['account01', 'logging']) }, {}), ConfigError)).toMatch(
      /org\.lock\.json: version: is 1 or 2 .* run synth once with ORG_LOCK_UPGRADE=1/,
    );
  });

  it('refuses an older (unsealed) lock edited to move an account away from the stack whose state holds its role', () => {
    const check = project({ ...ALL_IN_ONE, Logging: 'trust-2' }, { 'terraform.trust-1.tfstate': trustState(['account01', 'logging']) });
    expect(refuse(check, ConfigError)).toMatch(
      /org\.lock\.json: accounts\.Logging: would move account "Logging" to trust-2, but its role's state is in trust-1 \(.*terraform\.trust-1\.tfstate\): Terraform would delete the role/,
    );
  });

  it('refuses a placement afresh (ORG_LOCK_INIT=1 after an emptied lock) that differs from the state', () => {
    const dir = tempDir();
    copyFileSync(EXAMPLE_PATH, join(dir, 'org.yaml'));
    // Only the state says where ACCOUNT03 was: trust-2 (a smaller shardSize once).
    writeFileSync(join(dir, 'terraform.trust-2.tfstate'), trustState(['account03']));
    const check = () => checkOrgLock(loadOrg(join(dir, 'org.yaml')), { frozen: false, outdir: join(dir, 'cdktf.out'), env: { ORG_LOCK_INIT: '1' } });
    expect(refuse(check, ConfigError)).toMatch(/accounts\.ACCOUNT03: would move account "ACCOUNT03" to trust-1, but its role's state is in trust-2/);
  });
});

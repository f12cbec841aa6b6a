import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../config/load-config';
import { ConfigError } from '../../errors/user-errors';
import { writeLock } from '../../lock/lock-file';
import { checkOrgLock, loadOrg } from '../../lock/load-org';
import { planOrg } from '../../lock/org-plan';
import { exampleInput, toYaml, withoutAccount } from '../helpers/org-inputs';
import { tempDir } from '../helpers/run-main';

/** checkOrgLock as synth and validate run it, on `yaml` beside a lock planned from `lockYaml`. */
function checked(yaml: string, lockYaml: string) {
  const dir = tempDir();
  writeFileSync(join(dir, 'org.yaml'), yaml);
  writeLock(join(dir, 'org.lock.json'), planOrg(parseConfig(lockYaml)).lock);
  return () => checkOrgLock(loadOrg(join(dir, 'org.yaml')), { frozen: false, outdir: join(dir, 'cdktf.out'), env: {} });
}

describe('the lock checks', () => {
  const errorOf = (check: () => unknown): ConfigError => {
    try {
      check();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return e as ConfigError;
    }
    throw new Error('expected a refusal');
  };

  it('report every problem of a lock at once, as the config rules do', () => {
    // Two problems: two accounts dropped from the config without retiring.
    const { issues, message } = errorOf(checked(toYaml(withoutAccount(withoutAccount(exampleInput(), 'ACCOUNT02'), 'Logging')), toYaml(exampleInput())));
    expect(issues.map((i) => i.path)).toEqual([['accounts', 'ACCOUNT02'], ['accounts', 'Logging']]);
    expect(message).toMatch(/^Invalid config .*org\.lock\.json \(2 problems\):/);
    expect(message).toMatch(/accounts\.ACCOUNT02: account "ACCOUNT02" was removed from the config but is still managed/);
  });

  it("another organization's lock is the one problem reported: what it says of accounts is not this organization's", () => {
    const other = exampleInput();
    other.organization = { ...other.organization!, managementAccountId: '999999999999' };
    const { issues, message } = errorOf(checked(toYaml(withoutAccount(exampleInput(), 'ACCOUNT02')), toYaml(other)));
    expect(issues.map((i) => i.path)).toEqual([['managementAccountId']]);
    expect(message).toMatch(/\(1 problem\):/);
    expect(message).toMatch(/belongs to the organization of management account 999999999999.*delete .*org\.lock\.json/);
  });

  it('pass a lock that synth wrote for the same config', () => {
    expect(checked(toYaml(exampleInput()), toYaml(exampleInput()))()).toBe(false);
  });
});

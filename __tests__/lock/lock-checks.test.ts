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
  it('report every problem of a lock at once, as the config rules do', () => {
    const other = exampleInput();
    other.organization = { ...other.organization!, managementAccountId: '999999999999' };
    // Two problems: the lock is another organization's, and it holds an account the config dropped without retiring.
    const check = checked(toYaml(withoutAccount(exampleInput(), 'ACCOUNT02')), toYaml(other));
    let error: unknown;
    try {
      check();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues.map((i) => i.path)).toEqual([['managementAccountId'], ['accounts', 'ACCOUNT02']]);
    expect(message).toMatch(/^Invalid config .*org\.lock\.json \(2 problems\):/);
    expect(message).toMatch(/managementAccountId: belongs to the organization of management account 999999999999/);
    expect(message).toMatch(/accounts\.ACCOUNT02: account "ACCOUNT02" was removed from the config but is still managed/);
  });

  it('pass a lock that synth wrote for the same config', () => {
    expect(checked(toYaml(exampleInput()), toYaml(exampleInput()))()).toBe(false);
  });
});

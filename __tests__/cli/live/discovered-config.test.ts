import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../config/load-config';
import { discoveredConfigYaml, type DiscoveredOrg } from '../../../cli/discover/discovered-config';
import { writeDiscovered } from '../../../cli/discover/write-discovered';
import type { LiveAccount } from '../../../cli/live/live-organization';
import { readLock, writeLock } from '../../../lock/lock-file';
import { exampleYaml } from '../../helpers/example';
import { runBin } from '../temp-org';
import { planOrg } from '../../../lock/org-plan';
import { liveOrganization } from '../../helpers/live-org';

const account = (name: string, id: string, ou?: string, tags?: Record<string, string>, status = 'ACTIVE'): LiveAccount => ({
  id,
  name,
  email: `aws-${name.toLowerCase()}@example.com`,
  status,
  parentId: ou ? `ou-ab12-${ou.length.toString().padStart(8, '0')}` : 'r-ab12',
  ou,
  tags: tags ?? {},
});

const discovered = (over: Partial<DiscoveredOrg> = {}): DiscoveredOrg => ({
  org: liveOrganization('o-abcdef1234', 'r-ab12', [
    { id: 'ou-ab12-00000001', name: 'Workloads', path: 'Workloads', parentId: 'r-ab12' },
    { id: 'ou-ab12-00000002', name: 'Prod', path: 'Workloads/Prod', parentId: 'ou-ab12-00000001' },
  ]),
  region: 'eu-west-1',
  identity: account('IAM', '222222222222'),
  members: [account('Prod1', '333333333333', 'Workloads/Prod', { CostCenter: '42' }), account('Tools', '444444444444')],
  leftOut: [account('Old', '555555555555', undefined, {}, 'SUSPENDED')],
  role: { memberRoleName: 'OrganizationAccountAccessRole', without: [], checked: 3 },
  ...over,
});

describe('discover: the config it writes', () => {
  it('is a valid config that imports every OU and account', () => {
    const config = parseConfig(discoveredConfigYaml(discovered()));
    expect(config.organization).toMatchObject({ managementAccountId: '111111111111', id: 'o-abcdef1234', region: 'eu-west-1', memberRoleName: 'OrganizationAccountAccessRole' });
    expect(config.organization.organizationalUnits.map((o) => [o.path, o.id])).toEqual([
      ['Workloads', 'ou-ab12-00000001'],
      ['Workloads/Prod', 'ou-ab12-00000002'],
    ]);
    expect(config.identityAccount).toMatchObject({ name: 'IAM', id: '222222222222' });
    expect(config.accounts.map((a) => [a.name, a.id, a.ou, a.tags])).toEqual([
      ['Prod1', '333333333333', 'Workloads/Prod', { CostCenter: '42' }],
      ['Tools', '444444444444', undefined, {}],
    ]);
  });

  it('names the accounts it left out and those without the role in comments, and is deterministic', () => {
    const text = discoveredConfigYaml(discovered({ role: { memberRoleName: 'OrganizationAccountAccessRole', without: ['Tools'], checked: 3 } }));
    expect(text).toContain('# Left out, not ACTIVE: Old (555555555555, SUSPENDED).');
    expect(text).toContain('found in 2 of 3 accounts; not in Tools');
    expect(text).toBe(discoveredConfigYaml(discovered({ role: { memberRoleName: 'OrganizationAccountAccessRole', without: ['Tools'], checked: 3 } })));
  });

  it('writes the lock synth would write, and refuses to overwrite without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    const path = join(dir, 'org.yaml');
    const text = discoveredConfigYaml(discovered());
    const { lockPath } = writeDiscovered(path, text, false);
    expect(readLock(lockPath)).toEqual(planOrg(parseConfig(text), readLock(join(dir, 'absent.json'))).lock);
    expect(() => writeDiscovered(path, text, false)).toThrow(/already exist.*--force/);
    writeDiscovered(path, text, true);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('writes nothing when the organization cannot be expressed as a valid config (duplicate account names)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    const path = join(dir, 'org.yaml');
    const twins = discovered({ members: [account('Twin', '333333333333'), { ...account('Twin', '444444444444'), email: 'other@example.com' }] });
    expect(() => writeDiscovered(path, discoveredConfigYaml(twins), false)).toThrow(/cannot be written as a valid config[\s\S]*Twin/);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(dir, 'org.lock.json'))).toBe(false);
  });

  it('keeps the placements of an existing lock when overwriting with --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    const path = join(dir, 'org.yaml');
    writeFileSync(join(dir, 'org.lock.json'), JSON.stringify({ version: 2, accounts: { Tools: { stack: 'trust-2' } } }));
    writeFileSync(path, 'old');
    const { lockPath } = writeDiscovered(path, discoveredConfigYaml(discovered()), true);
    expect(readLock(lockPath).accounts).toEqual({ Prod1: { stack: 'trust-1', id: '333333333333' }, Tools: { stack: 'trust-2', id: '444444444444' } });
  });

  /** The lock of another organization (management account 999999999999), as synth wrote it. */
  const foreignLock = (path: string) => writeLock(path, planOrg(parseConfig(exampleYaml().replace('"111111111111"', '"999999999999"'))).lock);

  it("replaces another organization's lock (the bundled example's) with --force where no state of it exists", () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    const path = join(dir, 'org.yaml');
    foreignLock(join(dir, 'org.lock.json'));
    writeFileSync(path, 'the example');
    const { lockPath } = writeDiscovered(path, discoveredConfigYaml(discovered()), true);
    const lock = readLock(lockPath);
    expect(lock.managementAccountId).not.toBe('999999999999');
    expect(Object.keys(lock.accounts).sort()).toEqual(['Prod1', 'Tools']);
  });

  it("refuses another organization's lock where local state exists, in one message, writing nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    const path = join(dir, 'org.yaml');
    foreignLock(join(dir, 'org.lock.json'));
    writeFileSync(join(dir, 'terraform.management.tfstate'), '{}');
    writeFileSync(path, 'old');
    expect(() => writeDiscovered(path, discoveredConfigYaml(discovered()), true)).toThrow(/\(1 problem\)[\s\S]*belongs to the organization of management account 999999999999[\s\S]*restore this organization's own lock/);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('refuses to overwrite before any AWS call: no credentials or endpoint are needed to be told', () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    writeFileSync(join(dir, 'org.yaml'), 'mine');
    const r = runBin(['discover', '--identity-account', 'IAM', '--config', join(dir, 'org.yaml')], { env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'no-such-profile', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/org\.yaml already exists: pass --force/);
  });
});

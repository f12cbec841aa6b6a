import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import type { OrganizationalUnitInput } from '../../config/schema';
import { checkLockChange } from '../helpers/lock-change';
import { readLock, writeLock } from '../../lock/lock-file';
import { synthYaml, type StackJson } from '../helpers/synth';
import { exampleInput, toYaml, type OrgInput } from '../helpers/org-inputs';
import { editOus, renameUnit, unitsOf } from '../helpers/ou-inputs';
import { tempDir } from '../helpers/run-main';

const OU = 'aws_organizations_organizational_unit';
const ouId = (key: string) => `\${${OU}.ou_${key}.id}`;

/** The example org (Security, Workloads/{Prod,Dev}) plus Sandbox/Experiments holding a retired, imported account. */
function baseInput(): OrgInput {
  const input = exampleInput();
  return {
    ...input,
    organization: {
      ...input.organization,
      organizationalUnits: [...unitsOf(input), { name: 'Sandbox', children: [{ name: 'Experiments' }] }],
    },
    accounts: [...input.accounts, { name: 'Lab', email: 'aws-lab@example.com', id: '444444444444', ou: 'Sandbox/Experiments' }],
  };
}

/** Sandbox deleted from the tree; Lab, the account in it, moved to the root. */
function withoutSandbox(input: OrgInput): OrgInput {
  const edited = editOus(input, (units) => units.filter((u) => u.name !== 'Sandbox'));
  return { ...edited, accounts: edited.accounts.map(({ ou, ...a }) => (ou?.startsWith('Sandbox') ? a : { ...a, ou })) };
}

const resources = (stack: StackJson) => (stack.resource[OU] ?? {}) as Record<string, { name: string; parent_id: string; lifecycle: object }>;
const accountParents = (stack: StackJson) =>
  Object.fromEntries(Object.entries(stack.resource.aws_organizations_account as Record<string, { name: string; parent_id: string }>).map(([, a]) => [a.name, a.parent_id]));
const ouBlocks = (stack: StackJson, block: 'moved' | 'removed') =>
  ((stack[block] ?? []) as { from: string }[]).filter((b) => b.from.startsWith(`${OU}.`));
const refusal = (plan: Parameters<typeof checkLockChange>[0]) => {
  try {
    checkLockChange(plan, 'org.lock.json', { frozen: false });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('was accepted');
};

const first = synthYaml(toYaml(baseInput()));
const lock = first.stacks.plan.lock;

describe('the lock records OU paths', () => {
  it('lists every OU path, sorted', () => {
    expect(lock.organizationalUnits).toEqual(['Sandbox', 'Sandbox/Experiments', 'Security', 'Workloads', 'Workloads/Dev', 'Workloads/Prod']);
    expect(lock.retiredOrganizationalUnits).toBeUndefined();
  });

  it('a lock written before OUs were recorded takes the current ones, as a change that frozen mode refuses', () => {
    const { organizationalUnits: _dropped, ...old } = lock;
    const plan = synthYaml(toYaml(baseInput()), old).stacks.plan;
    expect(plan.changes).toEqual(['OUs recorded: Sandbox, Sandbox/Experiments, Security, Workloads, Workloads/Dev, Workloads/Prod']);
    expect(plan.lock).toEqual(lock);
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).not.toThrow();
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: true })).toThrow(/out of date.*OUs recorded/);
  });

  it('survives writing and reading org.lock.json; a lock file without OUs still reads', () => {
    const path = join(tempDir(), 'org.lock.json');
    writeLock(path, { ...lock, retiredOrganizationalUnits: ['Old'] });
    expect(readLock(path)).toEqual({ ...lock, retiredOrganizationalUnits: ['Old'] });
    writeFileSync(path, JSON.stringify({ version: 1, identityAccount: 'IAM', accounts: lock.accounts }));
    expect(readLock(path).organizationalUnits).toBeUndefined();
  });

  it('an unchanged config changes nothing', () => {
    expect(synthYaml(toYaml(baseInput()), lock).stacks.plan.changes).toEqual([]);
  });
});

describe('renaming a leaf OU with renamedFrom', () => {
  const input = editOus(baseInput(), (u) => renameUnit(u, ['Workloads', 'Prod'], 'Production'), (ou) => ou.replace('Workloads/Prod', 'Workloads/Production'));
  const renamed = synthYaml(toYaml(input), lock);
  const management = renamed.json.management;

  it('moves its state to the new address and renames it in place', () => {
    expect(ouBlocks(management, 'moved')).toEqual([{ from: `${OU}.ou_workloads_prod`, to: `${OU}.ou_workloads_production` }]);
    expect(resources(management).ou_workloads_prod).toBeUndefined();
    expect(resources(management).ou_workloads_production).toEqual({ name: 'Production', parent_id: ouId('workloads'), lifecycle: { prevent_destroy: true } });
    expect(ouBlocks(management, 'removed')).toEqual([]);
  });

  it("points its accounts' parent_id at the new address", () => {
    expect(accountParents(management)).toMatchObject({ ACCOUNT01: ouId('workloads_production'), ACCOUNT03: ouId('workloads_production') });
  });

  it('re-keys the lock', () => {
    const { plan } = renamed.stacks;
    expect(plan.lock.organizationalUnits).toEqual(['Sandbox', 'Sandbox/Experiments', 'Security', 'Workloads', 'Workloads/Dev', 'Workloads/Production']);
    expect(plan.changes).toEqual(['OU Workloads/Prod: renamed to Workloads/Production']);
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).not.toThrow();
  });
});

describe('renaming a parent OU with renamedFrom', () => {
  const input = editOus(baseInput(), (u) => renameUnit(u, ['Workloads'], 'Platform'), (ou) => ou.replace(/^Workloads/, 'Platform'));
  const renamed = synthYaml(toYaml(input), lock);
  const management = renamed.json.management;

  it('moves the parent and every OU below it, whose paths change too', () => {
    expect(ouBlocks(management, 'moved')).toEqual([
      { from: `${OU}.ou_workloads`, to: `${OU}.ou_platform` },
      { from: `${OU}.ou_workloads_dev`, to: `${OU}.ou_platform_dev` },
      { from: `${OU}.ou_workloads_prod`, to: `${OU}.ou_platform_prod` },
    ]);
    expect(resources(management).ou_platform_prod).toMatchObject({ name: 'Prod', parent_id: ouId('platform') });
  });

  it('loses no OU: every address of the first synth is still a resource or moved to one', () => {
    const moves = new Map(ouBlocks(management, 'moved').map((m) => [m.from, (m as unknown as { to: string }).to]));
    for (const name of Object.keys(resources(first.json.management))) {
      const address = moves.get(`${OU}.${name}`) ?? `${OU}.${name}`;
      expect(Object.keys(resources(management)).map((n) => `${OU}.${n}`)).toContain(address);
    }
    expect(ouBlocks(management, 'removed')).toEqual([]);
  });

  it("points accounts' parent_id at the new addresses and re-keys the lock", () => {
    expect(accountParents(management)).toMatchObject({ ACCOUNT01: ouId('platform_prod'), ACCOUNT02: ouId('platform_dev'), Logging: ouId('security') });
    const { plan } = renamed.stacks;
    expect(plan.lock.organizationalUnits).toEqual(['Platform', 'Platform/Dev', 'Platform/Prod', 'Sandbox', 'Sandbox/Experiments', 'Security']);
    expect(plan.changes).toEqual(['OU Workloads: renamed to Platform', 'OU Workloads/Dev: renamed to Platform/Dev', 'OU Workloads/Prod: renamed to Platform/Prod']);
    expect(plan.removedOrganizationalUnits).toEqual([]);
  });

  it('without renamedFrom is refused, naming each old path, renamedFrom and retired: true', () => {
    const bare = editOus(baseInput(), (u) => renameUnit(u, ['Workloads'], 'Platform', false), (ou) => ou.replace(/^Workloads/, 'Platform'));
    const plan = synthYaml(toYaml(bare), lock).stacks.plan;
    expect(plan.removedOrganizationalUnits).toEqual(['Workloads', 'Workloads/Dev', 'Workloads/Prod']);
    const message = refusal(plan);
    expect(message).toMatch(/OU "Workloads" was removed from the config but is still managed.*renamedFrom.*retired: true/);
    expect(message).toContain('OU "Workloads/Prod" was removed');
  });
});

describe('retiring an OU', () => {
  const retireSandbox = (input: OrgInput, retireAccount = true): OrgInput => ({
    ...editOus(input, (units) => units.map((u) => (u.name === 'Sandbox' ? { ...u, retired: true } : u))),
    accounts: input.accounts.map((a) => (a.name === 'Lab' && retireAccount ? { ...a, retired: true } : a)),
  });
  const retired = synthYaml(toYaml(retireSandbox(baseInput())), lock);
  const management = retired.json.management;

  it('forgets it and every OU below it: removed blocks with destroy = false, no resource', () => {
    expect(ouBlocks(management, 'removed')).toEqual([
      { from: `${OU}.ou_sandbox`, lifecycle: { destroy: false } },
      { from: `${OU}.ou_sandbox_experiments`, lifecycle: { destroy: false } },
    ]);
    expect(Object.keys(resources(management)).filter((n) => n.startsWith('ou_sandbox'))).toEqual([]);
  });

  it('marks them retired in the lock, a change that frozen mode refuses', () => {
    const { plan } = retired.stacks;
    expect(plan.lock.organizationalUnits).toEqual(['Security', 'Workloads', 'Workloads/Dev', 'Workloads/Prod']);
    expect(plan.lock.retiredOrganizationalUnits).toEqual(['Sandbox', 'Sandbox/Experiments']);
    expect(plan.changes).toContain('OU Sandbox/Experiments: retired');
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).not.toThrow();
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: true })).toThrow(/out of date.*OU Sandbox: retired/);
  });

  it('may then be deleted from the config: accepted, dropped from the lock, still forgotten (the history keeps the removed blocks)', () => {
    const gone = { ...withoutSandbox(baseInput()), accounts: baseInput().accounts.filter((a) => a.name !== 'Lab') };
    const deleted = synthYaml(toYaml(gone), retired.stacks.plan.lock);
    const { plan } = deleted.stacks;
    expect(plan.changes).toEqual(['Lab in trust-1: dropped (was retired)', 'OU Sandbox: dropped (was retired)', 'OU Sandbox/Experiments: dropped (was retired)']);
    expect(plan.lock.retiredOrganizationalUnits).toBeUndefined();
    expect(() => checkLockChange(plan, 'org.lock.json', { frozen: false })).not.toThrow();
    expect(plan.lock.history?.forgottenOus).toEqual(['sandbox', 'sandbox_experiments']);
    expect(ouBlocks(deleted.json.management, 'removed')).toEqual(ouBlocks(management, 'removed'));
  });

  it('is refused while a managed account is in it or below it, or the identity account is', () => {
    expect(() => parseConfig(toYaml(retireSandbox(baseInput(), false)))).toThrow(/accounts\[4\]\.ou: OU "Sandbox\/Experiments" is retired/);
    const identityThere = retireSandbox({ ...baseInput(), identityAccount: { ...baseInput().identityAccount, ou: 'Sandbox' } });
    expect(() => parseConfig(toYaml(identityThere))).toThrow(/identityAccount\.ou: OU "Sandbox" is retired/);
  });

  it('refuses retired: false under a retired OU, and renamedFrom together with retired', () => {
    const childFalse = editOus(retireSandbox(baseInput()), (units) =>
      units.map((u) => (u.name === 'Sandbox' ? { ...u, children: [{ name: 'Experiments', retired: false }] } : u)));
    expect(() => parseConfig(toYaml(childFalse))).toThrow(/children\[0\]\.retired: is false, but an OU above it is retired/);
    const both = editOus(retireSandbox(baseInput()), (units) => units.map((u) => (u.name === 'Sandbox' ? { ...u, name: 'Lab', renamedFrom: 'Sandbox' } : u)), (ou) => ou.replace('Sandbox', 'Lab'));
    expect(() => parseConfig(toYaml(both))).toThrow(/renamedFrom: cannot be combined with retired: true/);
  });
});

describe('removing an OU without retiring it', () => {
  it('is refused by the lock-change check, naming every path', () => {
    // Lab moves to the root, so that only the OUs leave the config.
    const plan = synthYaml(toYaml(withoutSandbox(baseInput())), lock).stacks.plan;
    expect(plan.removedOrganizationalUnits).toEqual(['Sandbox', 'Sandbox/Experiments']);
    expect(plan.removedWithoutRetiring).toEqual([]);
    const message = refusal(plan);
    expect(message).toContain('organization.organizationalUnits: OU "Sandbox" was removed from the config but is still managed');
    expect(message).toContain('OU "Sandbox/Experiments" was removed');
  });
});

describe('renamedFrom validation', () => {
  const withUnits = (units: OrganizationalUnitInput[]) => toYaml(editOus(baseInput(), () => units));
  const base = () => unitsOf(baseInput());

  it('refuses the current name and the name of an existing sibling', () => {
    expect(() => parseConfig(withUnits(base().map((u) => (u.name === 'Security' ? { ...u, renamedFrom: 'Security' } : u))))).toThrow(
      /organizationalUnits\[0\]\.renamedFrom: is the OU's current name/,
    );
    expect(() => parseConfig(withUnits(base().map((u) => (u.name === 'Security' ? { ...u, renamedFrom: 'Workloads' } : u))))).toThrow(
      /organizationalUnits\[0\]\.renamedFrom: "Workloads" is the name of another OU under the same parent/,
    );
  });

  it('accepts a change of case alone, without a moved block (the address stays)', () => {
    const input = editOus(baseInput(), (u) => renameUnit(u, ['Security'], 'SECURITY'), (ou) => ou.replace('Security', 'SECURITY'));
    const result = synthYaml(toYaml(input), lock);
    expect(ouBlocks(result.json.management, 'moved')).toEqual([]);
    expect(resources(result.json.management).ou_security.name).toBe('SECURITY');
    expect(result.stacks.plan.changes).toEqual(['OU Security: renamed to SECURITY']);
  });
});

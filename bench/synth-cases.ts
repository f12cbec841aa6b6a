/**
 * The configs that scripts/synth-diff.sh synthesizes, as steps: each step is one org.yaml
 * synthesized in turn in the same directory (so a step sees the lock the previous one wrote).
 * `node --import tsx bench/synth-cases.ts CASE STEP DIR` writes that step's org.yaml into DIR;
 * with no arguments it lists "CASE STEPS" lines.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { generateOrg } from '../fixtures/generate-org';
import type { OrgConfigInput } from '../config/schema';

const ROOT = resolve(__dirname, '..');
const org100 = () => generateOrg({ members: 100, identityId: '200000000000' });

/**
 * 100 members on an S3 backend without MFA for identity users; then an account and an OU
 * renamed and an account retired; then the retired account deleted from the config (moved and
 * removed blocks from the lock's history).
 */
function changedOrg(step: number): OrgConfigInput {
  const base = org100();
  const org: OrgConfigInput = {
    ...base,
    identity: { ...base.identity, requireMfa: false },
    backend: { type: 's3', bucket: 'org-trust-state', region: 'eu-west-1', keyPrefix: 'org' },
  };
  if (step === 1) return org;
  const accounts = (org.accounts ?? []).flatMap((a) => {
    const ou = a.ou === 'Workloads/Dev' ? 'Workloads/Development' : a.ou;
    if (a.name === 'acct-0002') return [{ ...a, ou, name: 'acct-0002-renamed', renamedFrom: 'acct-0002' }];
    if (a.name === 'acct-0003') return step === 2 ? [{ ...a, ou, retired: true }] : [];
    return [{ ...a, ou }];
  });
  const organizationalUnits = [{ name: 'Workloads', children: [{ name: 'Prod' }, { name: 'Development', renamedFrom: 'Dev' }] }];
  const groups = (org.identity?.groups ?? []).map((g) => ({ ...g, accounts: (g.accounts ?? []).filter((n) => n !== 'acct-0003') }));
  return { ...org, organization: { ...org.organization, organizationalUnits }, accounts, identity: { ...org.identity, groups } };
}

const CASES: Record<string, { steps: number; write: (step: number, dir: string) => void }> = {
  example: {
    steps: 1,
    write: (_step, dir) => {
      copyFileSync(join(ROOT, 'org.yaml'), join(dir, 'org.yaml'));
      copyFileSync(join(ROOT, 'org.lock.json'), join(dir, 'org.lock.json'));
    },
  },
  'org-100': { steps: 1, write: (_step, dir) => writeFileSync(join(dir, 'org.yaml'), stringify(org100())) },
  'org-100-history': { steps: 3, write: (step, dir) => writeFileSync(join(dir, 'org.yaml'), stringify(changedOrg(step))) },
};

const [name, step, dir] = process.argv.slice(2);
if (name === undefined) {
  for (const [n, c] of Object.entries(CASES)) process.stdout.write(`${n} ${c.steps}\n`);
} else {
  const c = CASES[name];
  if (!c || !step || !dir) throw new Error('usage: synth-cases.ts [CASE STEP DIR]');
  c.write(Number(step), dir);
}

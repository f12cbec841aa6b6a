/**
 * `npm run bench:tf-memory`: wall time and peak memory of `terraform plan` of one trust stack
 * holding 1, 5, 10 and 20 member accounts (one provider alias each), with the real
 * hashicorp/aws provider against the emulator (the e2e suite's moto), after the stack was
 * applied: the re-plan every CI run makes. Memory is that of the whole process tree
 * (terraform and its provider processes), sampled from /proc; Linux only.
 *
 * Options: --sizes 1,5,10,20
 */
import { performance } from 'node:perf_hooks';
import { MANAGEMENT_ACCOUNT_ID, OrgWorkspace, applyAll, createOrganization, sampleTreeMemory, startE2eEnvironment, type TreeMemory } from '../e2e/harness';

function sizes(): number[] {
  const i = process.argv.indexOf('--sizes');
  return (i > 0 ? process.argv[i + 1] : '1,5,10,20').split(',').map(Number);
}

interface Row extends TreeMemory {
  readonly members: number;
  readonly seconds: number;
}

async function measure(members: number): Promise<Row> {
  const e2e = await startE2eEnvironment();
  const ws = new OrgWorkspace(e2e.env, `mem-${members}`);
  try {
    await createOrganization(e2e);
    const names = Array.from({ length: members }, (_, i) => `member-${String(i + 1).padStart(2, '0')}`);
    ws.writeConfig({
      organization: { managementAccountId: MANAGEMENT_ACCOUNT_ID, region: 'us-east-1' },
      identityAccount: { name: 'IAM', email: 'aws-iam@example.com' },
      accounts: names.map((name) => ({ name, email: `aws-${name}@example.com` })),
      trust: { shardSize: members },
    });
    await ws.synth();
    await applyAll(ws, { only: (s) => s === 'management' || s === 'trust-1' });
    const tf = ws.terraform('trust-1');
    const sampler = sampleTreeMemory();
    const start = performance.now();
    const { outcome, result } = await tf.plan({ onSpawn: (pid) => sampler.watch(pid) });
    const seconds = (performance.now() - start) / 1000;
    const memory = sampler.stop();
    if (outcome !== 'no-changes') throw new Error(`plan of ${members} members: ${outcome}\n${result.stderr}`);
    return { members, seconds, ...memory };
  } finally {
    await e2e.stop();
    ws.remove();
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const n of sizes()) {
    rows.push(await measure(n));
    process.stderr.write(`measured ${n}\n`);
  }
  process.stdout.write('| members (aliases) | plan wall s | processes | peak RSS, summed MiB | peak PSS, summed MiB | PSS per alias MiB |\n|---|---|---|---|---|---|\n');
  for (const r of rows) {
    process.stdout.write(`| ${r.members} | ${r.seconds.toFixed(1)} | ${r.peakProcesses} | ${r.peakRssMiB.toLocaleString('en-US')} | ${r.peakPssMiB.toLocaleString('en-US')} | ${Math.round(r.peakPssMiB / r.members)} |\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/user-errors';
import { parseConfig } from '../../config/load-config';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { runMain, tempDir } from '../helpers/run-main';
import { exampleYaml } from '../helpers/example';
import { BIN, STACK_LINE, tempOrg } from './temp-org';

/** Where output goes and how much of the input an error repeats. */
describe('output edges', () => {
  it('`org-trust validate | head -1` prints the first line and exits 0, without an EPIPE trace', () => {
    // Far more than a pipe buffer (64 KiB), so the CLI is still writing when head exits.
    const org = tempOrg(generateOrgYaml({ members: 1500, importEvery: 1 }), { synth: false });
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" validate --config "${org.configPath}" | head -1; exit \${PIPESTATUS[0]}`], {
      encoding: 'utf8',
      env: { ...process.env, DEBUG: '' },
      timeout: 60_000,
    });
    expect(r.stdout).toBe(`${org.configPath}: valid\n`);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.status).toBe(0);
  });

  it('synth into a directory whose parents do not exist creates them', async () => {
    const dir = tempDir();
    const config = join(dir, 'org.yaml');
    writeFileSync(config, exampleYaml());
    const r = await runMain(config, join(dir, 'a', 'b', 'c'));
    expect(r.stderr).not.toMatch(/ENOENT/);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'a', 'b', 'c', 'stacks')).sort()).toEqual(['identity', 'management', 'trust-1']);
  }, 60_000);

  it('a refused synth creates none of those parents', async () => {
    const dir = tempDir();
    const config = join(dir, 'org.yaml');
    writeFileSync(config, exampleYaml().replace('managementAccountId: "111111111111"', 'managementAccountId: "1234"'));
    const r = await runMain(config, join(dir, 'x', 'y'));
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  }, 60_000);

  const errorOf = (yaml: string) => {
    try {
      parseConfig(yaml);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    throw new Error('accepted');
  };

  it.each([
    ['account name', (big: string) => exampleYaml().replace('name: ACCOUNT02', `name: "${big}"`)],
    ['group name', (big: string) => exampleYaml().replace('name: developers', `name: ${big}`)],
    ['OU path', (big: string) => exampleYaml().replace('ou: Workloads/Dev', `ou: ${big}`)],
    ['tag key (in the field path)', (big: string) => exampleYaml().replace('tags: { CostCenter: "42" }', `tags: { ${big}: "42" }`)],
    ['group account', (big: string) => exampleYaml().replace('accounts: [ACCOUNT01, ACCOUNT03, Logging]', `accounts: [${big}]`)],
    ['group OU path', (big: string) => exampleYaml().replace('ous: [Workloads/Dev]', `ous: [${big}]`)],
    ['email', (big: string) => exampleYaml().replace('email: aws-account02@example.com', `email: ${big}@example.com`)],
    ['S3 key prefix', (big: string) => `${exampleYaml()}\nbackend: { type: s3, bucket: state-bucket, region: us-east-1, keyPrefix: ${big} }\n`],
    ['Terraform Cloud workspace prefix', (big: string) => `${exampleYaml()}\nbackend: { type: cloud, organization: acme, workspacePrefix: ${big} }\n`],
  ])('a 5 MB %s is not echoed back whole', (_what, edit) => {
    const message = errorOf(edit('x'.repeat(5_000_000)));
    expect(message.length).toBeLessThan(3_000);
    expect(message).toMatch(/characters/);
  });
});

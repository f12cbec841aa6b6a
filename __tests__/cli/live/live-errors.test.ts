import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { exampleYaml } from '../../helpers/example';
import { tempOrg } from '../temp-org';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'org-trust.js');
/** No credentials anywhere: no variables, no files, no instance metadata. */
const NO_CREDENTIALS = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
};

const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = NO_CREDENTIALS) => spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });

describe('live commands: errors', () => {
  const org = tempOrg(exampleYaml());

  it.each([['discover', '--identity-account', 'IAM', '--config', 'new.yaml'], ['preflight'], ['verify']])(
    '%s without credentials names the API call (organizations:DescribeOrganization), exits 1, prints no stack trace',
    (...args) => {
      const r = cli(args, org.dir);
      expect(r.stderr).toMatch(/^organizations:DescribeOrganization: no AWS credentials found .*aws-vault exec/);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(r.status).toBe(1);
    },
  );

  it.each([
    [['--profile', 'billing-admin'], {}, '--profile billing-admin gave none: check that /dev/null or /dev/null has that profile'],
    [[], { AWS_PROFILE: 'billing-admin' }, 'AWS_PROFILE=billing-admin gave none: check that /dev/null or /dev/null has that profile'],
  ])('a profile that yields no credentials (%j %j) is named, and --profile is not suggested again', (args, env, expected) => {
    const r = cli(['preflight', ...args], org.dir, { ...NO_CREDENTIALS, ...env });
    expect(r.stderr).toMatch(/^organizations:DescribeOrganization: no AWS credentials found /);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toContain('AWS_PROFILE or --profile');
    expect(r.status).toBe(1);
  });

  it('bad options, a missing config and missing synthesized stacks are usage errors (exit 2)', () => {
    expect(cli(['preflight', '--region', 'moon'], org.dir).status).toBe(2);
    expect(cli(['verify', '--concurrency', '0'], org.dir).status).toBe(2);
    expect(cli(['discover'], org.dir).stderr).toContain('--identity-account');
    const missing = cli(['verify', '--config', 'nope.yaml'], org.dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.yaml');
    const noOut = cli(['preflight', '--out', 'elsewhere'], org.dir);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('no synthesized stacks');
  });
});

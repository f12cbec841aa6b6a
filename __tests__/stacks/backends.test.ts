import { exampleYaml } from '../helpers/example';
import { synthYaml, type StackJson } from '../helpers/synth';

const STACKS = ['management', 'identity', 'trust-1'];
const withBackend = (backend: string) => synthYaml(`${exampleYaml()}backend: ${backend}\n`).json;
const consumers = (json: Record<string, StackJson>) => STACKS.filter((s) => s !== 'management').map((s) => json[s]);

describe('state backends', () => {
  it('local (default): one state file per stack at the repository root, relative to cdktf.out/stacks/NAME', () => {
    const json = synthYaml(exampleYaml()).json;
    for (const stack of STACKS) {
      expect(json[stack].terraform.backend).toEqual({ local: { path: `../../../terraform.${stack}.tfstate` } });
      expect(json[stack].terraform.cloud).toBeUndefined();
    }
    expect(json.management.data?.terraform_remote_state).toBeUndefined();
    for (const stack of consumers(json)) {
      expect(stack.data.terraform_remote_state).toEqual({ management: { backend: 'local', config: { path: '../../../terraform.management.tfstate' } } });
    }
  });

  it('s3: one key per stack under keyPrefix, encrypted, native lockfile on by default', () => {
    const json = withBackend('{ type: s3, bucket: org-state, region: eu-central-1, keyPrefix: orgs/acme/ }');
    for (const stack of STACKS) {
      expect(json[stack].terraform.backend).toEqual({
        s3: { bucket: 'org-state', key: `orgs/acme/${stack}.tfstate`, region: 'eu-central-1', encrypt: true, use_lockfile: true },
      });
    }
    for (const stack of consumers(json)) {
      expect(stack.data.terraform_remote_state.management).toEqual({
        backend: 's3',
        config: { bucket: 'org-state', key: 'orgs/acme/management.tfstate', region: 'eu-central-1' },
      });
    }
  });

  it('s3: default keyPrefix, and no lockfile when useLockfile is false', () => {
    const json = withBackend('{ type: s3, bucket: org-state, region: eu-central-1, useLockfile: false }');
    for (const stack of STACKS) {
      const s3 = json[stack].terraform.backend.s3;
      expect(s3.key).toBe(`org-trust/${stack}.tfstate`);
      // Terraform's default for use_lockfile is false.
      expect(s3.use_lockfile ?? false).toBe(false);
    }
    expect(json.identity.data.terraform_remote_state.management.config.key).toBe('org-trust/management.tfstate');
  });

  it('cloud: one workspace per stack named from workspacePrefix, default hostname', () => {
    const json = withBackend('{ type: cloud, organization: acme, workspacePrefix: aws-org- }');
    for (const stack of STACKS) {
      expect(json[stack].terraform.backend).toBeUndefined();
      expect(json[stack].terraform.cloud).toEqual({ hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: `aws-org-${stack}` } });
    }
    for (const stack of consumers(json)) {
      expect(stack.data.terraform_remote_state.management).toEqual({
        backend: 'remote',
        config: { hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: 'aws-org-management' } },
      });
    }
  });

  it('cloud: a custom hostname reaches both the cloud block and the remote state', () => {
    const json = withBackend('{ type: cloud, organization: acme, hostname: tfe.example.com }');
    expect(json['trust-1'].terraform.cloud).toMatchObject({ hostname: 'tfe.example.com', workspaces: { name: 'org-trust-trust-1' } });
    expect(json.identity.data.terraform_remote_state.management.config).toMatchObject({ hostname: 'tfe.example.com', workspaces: { name: 'org-trust-management' } });
  });

  it('gives every stack its own state location, also with many trust stacks', () => {
    const json = synthYaml(`${exampleYaml().replace('shardSize: 10', 'shardSize: 1')}backend: { type: s3, bucket: b-state, region: us-east-1 }\n`).json;
    const keys = Object.values(json).map((s) => s.terraform.backend.s3.key);
    expect(Object.keys(json)).toHaveLength(6);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

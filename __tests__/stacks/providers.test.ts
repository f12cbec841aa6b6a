import { parseConfig } from '../../config/load-config';
import { generateOrgYaml, type GeneratedOrgOptions } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthConfig, type StackJson } from '../helpers/synth';
import { interpolations, stringsIn } from './stack-json';

/**
 * I3 (docs/invariants.md): a provider configuration never depends on a resource of its own stack.
 * Terraform would plan such a provider with an unknown role_arn and silently skip the
 * assume-role. Allowed: literals, and outputs of another stack read through
 * data.terraform_remote_state (known at plan time).
 */
const REMOTE_OUTPUT = /^data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.[A-Za-z0-9_]+\["[^"\\]+"\]$/;

function providerViolations(json: StackJson): string[] {
  const violations: string[] = [];
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    (configs as unknown[]).forEach((config, i) => {
      for (const { path, value } of stringsIn(config)) {
        for (const expr of interpolations(value)) {
          const match = REMOTE_OUTPUT.exec(expr);
          if (!match || !json.data?.terraform_remote_state?.[match[1]]) violations.push(`provider.${type}[${i}].${path}: \${${expr}}`);
        }
      }
    });
  }
  return violations;
}

const generated = (options: GeneratedOrgOptions) => generateOrgYaml(options);
const ORGS: Record<string, string> = {
  example: exampleYaml(),
  '30 members, every id given': generated({ members: 30, importEvery: 1, identityId: '100000099999', organizationId: 'o-a1b2c3d4e5' }),
  '30 members, every account id given': generated({ members: 30, importEvery: 1, identityId: '100000099999' }),
  '30 members, no ids': generated({ members: 30, importEvery: 0 }),
};
const BACKENDS: Record<string, string> = {
  local: '',
  s3: 'backend: { type: s3, bucket: org-state, region: us-east-1 }\n',
  cloud: 'backend: { type: cloud, organization: acme }\n',
};

describe('provider configurations (I3)', () => {
  it('the check catches a provider that reads a resource of its own stack', () => {
    const bad: StackJson = {
      provider: { aws: [{ alias: 'x', assume_role: [{ role_arn: 'arn:aws:iam::${aws_organizations_account.account_x.id}:role/R' }] }] },
      data: { terraform_remote_state: { management: {} } },
    };
    expect(providerViolations(bad)).toEqual(['provider.aws[0].assume_role[0].role_arn: ${aws_organizations_account.account_x.id}']);
    const unknownState: StackJson = { provider: { aws: [{ region: '${data.terraform_remote_state.other.outputs.ids["x"]}' }] } };
    expect(providerViolations(unknownState)).toHaveLength(1);
    const ok: StackJson = { ...bad, provider: { aws: [{ region: '${data.terraform_remote_state.management.outputs.account_ids["x"]}' }] } };
    expect(providerViolations(ok)).toEqual([]);
  });

  for (const [org, yaml] of Object.entries(ORGS)) {
    for (const [backend, block] of Object.entries(BACKENDS)) {
      it(`${org}, ${backend} backend: every provider of every stack uses literals or another stack's outputs`, () => {
        const { json } = synthConfig(parseConfig(`${yaml}${block}`));
        const names = Object.keys(json);
        expect(names.length).toBeGreaterThanOrEqual(3);
        let providers = 0;
        for (const name of names) {
          expect({ stack: name, violations: providerViolations(json[name]) }).toEqual({ stack: name, violations: [] });
          providers += (json[name].provider?.aws ?? []).length;
        }
        expect(providers).toBe(2 + (org === 'example' ? 4 : 30));
        if (org.includes('every')) {
          // Every account id is known from the config: no provider needs any expression, no trust stack reads another's state.
          for (const name of names) {
            expect(stringsIn(json[name].provider).flatMap(({ value }) => interpolations(value))).toEqual([]);
            if (name !== 'identity') expect(json[name].data?.terraform_remote_state).toBeUndefined();
          }
          // The identity stack reads the management stack for its group policies alone: OU paths, and the organization id unless configured.
          const read = new Set(stringsIn(json.identity.resource).flatMap(({ value }) => interpolations(value)).flatMap((e) => /outputs\.([a-z_]+)/.exec(e)?.[1] ?? []));
          expect([...read].sort()).toEqual(org === '30 members, every id given' ? ['ou_org_paths'] : ['organization_id', 'ou_org_paths']);
        }
      });
    }
  }
});

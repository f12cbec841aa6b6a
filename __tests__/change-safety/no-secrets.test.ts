import { generateOrgYaml } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { blocksOf, keysDeep } from './stack-walk';

/** Resources whose state would hold a secret (keys, passwords, seeds, private keys). */
const SECRET_TYPES = [
  'aws_iam_access_key',
  'aws_iam_user_login_profile',
  'aws_iam_service_specific_credential',
  'aws_iam_signing_certificate',
  'aws_iam_virtual_mfa_device',
  'aws_iam_user_ssh_key',
  'aws_secretsmanager_secret_version',
  'random_password',
  'tls_private_key',
];

/**
 * Every type the product may use, each holding no secret in state. A new type fails here on
 * purpose: someone must check its state before adding it to this list.
 */
const REVIEWED_TYPES = [
  'data.aws_organizations_organization',
  'data.terraform_remote_state',
  'resource.aws_iam_account_password_policy',
  'resource.aws_iam_group',
  'resource.aws_iam_group_policy_attachment',
  'resource.aws_iam_policy',
  'resource.aws_iam_role',
  'resource.aws_iam_role_policy',
  'resource.aws_iam_user',
  'resource.aws_iam_user_group_membership',
  'resource.aws_organizations_account',
  'resource.aws_organizations_organizational_unit',
];

describe.each([
  ['the example', exampleYaml],
  ['a generated 100-member org', () => generateOrgYaml({ members: 100 })],
])('no secrets in the state of %s', (_, yaml) => {
  const stacks = Object.entries(synthYaml(yaml()).json);
  const typesIn = (kind: 'resource' | 'data') => stacks.flatMap(([, s]) => blocksOf(s, kind).map(([address]) => `${kind}.${address.split('.')[0]}`));

  it('uses no resource that stores a secret, and only reviewed types', () => {
    const types = new Set([...typesIn('resource'), ...typesIn('data')]);
    for (const secret of SECRET_TYPES) expect(types).not.toContain(`resource.${secret}`);
    expect([...types].filter((t) => !REVIEWED_TYPES.includes(t))).toEqual([]);
    expect(types).toContain('resource.aws_iam_user');
  });

  it('has no password attribute anywhere', () => {
    for (const [name, stack] of stacks) expect([name, keysDeep(stack).filter((k) => k.key === 'password')]).toEqual([name, []]);
  });

  it('has no sensitive output and no output that reads a secret attribute', () => {
    for (const [name, stack] of stacks) {
      for (const [id, output] of Object.entries((stack.output ?? {}) as Record<string, { sensitive?: boolean }>)) {
        expect([name, id, output.sensitive ?? false]).toEqual([name, id, false]);
        expect(JSON.stringify(output)).not.toMatch(/\.(secret|password|encrypted_\w+|private_key\w*|ses_smtp_password\w*)\b/);
      }
    }
  });
});

import { parse, stringify } from 'yaml';
import type { OrgConfigInput } from '../../config/schema';
import { exampleYaml } from '../helpers/example';
import { IamEvaluator } from '../helpers/iam-evaluator';
import { synthYaml } from '../helpers/synth';

/**
 * I9 (docs/invariants.md), judged by the policy evaluator over the synthesized self-service policies of
 * both accounts with people (identity users, management users), for both requireMfa values.
 * mfa: 'absent' is a long-term access key (the key is not in the request at all), false a
 * console sign-in without MFA (temporary credentials: the key is present, false), true an
 * MFA session.
 */
function evaluator(requireMfa: boolean): IamEvaluator {
  const input = parse(exampleYaml()) as OrgConfigInput;
  input.identity!.requireMfa = requireMfa;
  if (!requireMfa) delete input.identity!.mfaMaxAgeSeconds;
  return new IamEvaluator(synthYaml(stringify(input)));
}

const PEOPLE = [
  { account: 'identity', userName: 'alice', other: 'bob' },
  { account: 'management', userName: 'user1', other: 'someone-else' },
] as const;

/** Device and credential management: never without MFA, whatever requireMfa says. */
const CREDENTIAL_ACTIONS = [
  'iam:DeactivateMFADevice',
  'iam:ResyncMFADevice',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey',
  'iam:ChangePassword',
  'iam:UpdateLoginProfile',
  'iam:CreateLoginProfile',
  'iam:DeleteLoginProfile',
  'iam:UploadSSHPublicKey',
  'iam:UploadSigningCertificate',
  'iam:CreateServiceSpecificCredential',
];
/** Actions a user with MFA manages its own credentials with. */
const WITH_MFA_ACTIONS = ['iam:DeactivateMFADevice', 'iam:ResyncMFADevice', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey', 'iam:ChangePassword'];

describe.each([true, false])('MFA self-service (requireMfa: %s)', (requireMfa) => {
  let ev: IamEvaluator;
  beforeAll(() => {
    ev = evaluator(requireMfa);
  });

  describe.each(PEOPLE)('$account user $userName', ({ account, userName, other }) => {
    const principal = { account, userName };
    const id = () => ev.accountIdOf(account);
    const self = () => `arn:aws:iam::${id()}:user/${userName}`;
    const device = (name: string) => `arn:aws:iam::${id()}:mfa/${name}`;
    const can = (action: string, resource: string, mfa: boolean | 'absent') => ev.canCall({ principal, action, resource, mfa });

    it('with a leaked long-term access key (no MFA), cannot enrol a device of its own', async () => {
      expect(await can('iam:CreateVirtualMFADevice', device('attacker'), 'absent')).toBe(false);
      expect(await can('iam:EnableMFADevice', self(), 'absent')).toBe(false);
    });

    it('signed in to the console without MFA, can enrol its first device, for itself only', async () => {
      expect(await can('iam:CreateVirtualMFADevice', device(userName), false)).toBe(true);
      expect(await can('iam:EnableMFADevice', self(), false)).toBe(true);
      expect(await can('iam:EnableMFADevice', `arn:aws:iam::${id()}:user/${other}`, false)).toBe(false);
    });

    it.each(['iphone', 'Alice-phone', other, `${userName}2`, `${userName}/x`])('creates no virtual device named %j: only its own name, which its profiles use and it can delete again', async (name) => {
      expect(await can('iam:CreateVirtualMFADevice', device(name), false)).toBe(false);
      expect(await can('iam:CreateVirtualMFADevice', device(name), true)).toBe(false);
    });

    it('deletes its own virtual device with MFA only, and no other', async () => {
      expect(await can('iam:DeleteVirtualMFADevice', device(userName), true)).toBe(true);
      expect(await can('iam:DeleteVirtualMFADevice', device(userName), false)).toBe(false);
      expect(await can('iam:DeleteVirtualMFADevice', device(other), true)).toBe(false);
    });

    it.each(CREDENTIAL_ACTIONS)('%s is denied without MFA, by console session and by access key', async (action) => {
      expect(await can(action, self(), false)).toBe(false);
      expect(await can(action, self(), 'absent')).toBe(false);
    });

    it('with MFA, manages its own devices and credentials, and nobody else\'s', async () => {
      for (const action of WITH_MFA_ACTIONS) {
        expect({ action, allowed: await can(action, self(), true) }).toEqual({ action, allowed: true });
        expect({ action, other: await can(action, `arn:aws:iam::${id()}:user/${other}`, true) }).toEqual({ action, other: false });
      }
    });

    it('deleting a virtual device needs MFA too', async () => {
      expect(await can('iam:DeleteVirtualMFADevice', device(userName), false)).toBe(false);
      expect(await can('iam:DeleteVirtualMFADevice', device(userName), 'absent')).toBe(false);
    });
  });
});

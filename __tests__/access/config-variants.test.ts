import { parse, stringify } from 'yaml';
import type { OrgConfigInput } from '../../config/schema';
import { exampleYaml } from '../helpers/example';
import { IamEvaluator } from '../helpers/iam-evaluator';
import { synthYaml } from '../helpers/synth';

/** The example org with its identity block changed by `edit`. */
function exampleWith(edit: (identity: NonNullable<OrgConfigInput['identity']>) => void): IamEvaluator {
  const input = parse(exampleYaml()) as OrgConfigInput;
  edit(input.identity!);
  return new IamEvaluator(synthYaml(stringify(input)));
}

const identityUser = (userName: string) => ({ account: 'identity', userName });

describe('access follows the config, judged over the synthesized JSON', () => {
  it('a user in a group without accounts (in no access group) can assume nothing, even with MFA', async () => {
    const ev = exampleWith((identity) => {
      identity.groups!.push({ name: 'readers', users: ['erin'], accounts: [] });
    });
    expect(ev.userNames('identity')).toContain('erin');
    expect(await ev.assumableMembers(identityUser('erin'), true)).toEqual([]);
    // Control: the other users keep their access in the same synth.
    expect(await ev.assumableMembers(identityUser('carol'), true)).toEqual(['ACCOUNT02']);
  });

  it('a user in two groups gets the union of their accounts; a user in one gets only that', async () => {
    const ev = exampleWith((identity) => {
      identity.groups = [
        { name: 'prod', users: ['frank', 'gina'], accounts: ['ACCOUNT01'] },
        { name: 'ops', users: ['frank', 'hank'], accounts: ['ACCOUNT02', 'Logging'] },
      ];
    });
    expect(await ev.assumableMembers(identityUser('frank'), true)).toEqual(['ACCOUNT01', 'ACCOUNT02', 'Logging']);
    expect(await ev.assumableMembers(identityUser('gina'), true)).toEqual(['ACCOUNT01']);
    expect(await ev.assumableMembers(identityUser('hank'), true)).toEqual(['ACCOUNT02', 'Logging']);
    expect(await ev.assumableMembers(identityUser('frank'), false)).toEqual([]);
  });

  describe('requireMfa: false', () => {
    let ev: IamEvaluator;
    beforeAll(() => {
      ev = exampleWith((identity) => {
        identity.requireMfa = false;
        delete identity.mfaMaxAgeSeconds;
      });
    });

    it.each([false, 'absent', true] as const)('group users reach exactly their accounts (mfa %s)', async (mfa) => {
      expect(await ev.assumableMembers(identityUser('carol'), mfa)).toEqual(['ACCOUNT02']);
      expect(await ev.assumableMembers(identityUser('dave'), mfa)).toEqual(['ACCOUNT01', 'ACCOUNT03', 'Logging']);
      expect(await ev.assumableMembers(identityUser('alice'), mfa)).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging']);
    });

    it('still denies users without a group policy and principals outside the org', async () => {
      expect(await ev.assumableMembers({ ...identityUser('alice'), groups: [] }, false)).toEqual([]);
      expect(await ev.assumableMembers({ account: '444455556666' }, false)).toEqual([]);
    });

    it('keeps the management root trusted in every member account (no lockout)', async () => {
      expect(await ev.assumableMembers({ account: 'management' }, 'absent')).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging']);
    });

    it('does not relax the management side: creating accounts still needs MFA', async () => {
      const query = { principal: { account: 'management', userName: 'user1' }, targetAccountId: '111111111111', roleName: 'assumerole_create_account' };
      expect(await ev.canAssume({ ...query, mfa: false })).toBe(false);
      expect(await ev.canAssume({ ...query, mfa: true })).toBe(true);
    });
  });
});

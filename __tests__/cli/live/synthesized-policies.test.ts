import { SynthesizedPolicies } from '../../../cli/live/synthesized-policies';
import { exampleYaml } from '../../helpers/example';
import { synthYaml } from '../../helpers/synth';

/** What preflight and verify compare against: the synthesized JSON, with references resolved to live ids. */
describe('synthesized policies, resolved against the live organization', () => {
  const synth = synthYaml(exampleYaml());
  const ids = new Map([
    ['IAM', '222222222222'],
    ['ACCOUNT01', '444444444444'],
    ['ACCOUNT02', '555555555555'],
    ['ACCOUNT03', '333333333333'],
    ['Logging', '666666666666'],
  ]);
  const account = (name: string) => synth.config.accounts.find((a) => a.name === name)!;

  it("resolves the identity account's id from the management stack's output in a member's trust policy", () => {
    const trust = new SynthesizedPolicies(synth.json, ids).memberTrust(account('ACCOUNT01')) as { Statement: { Principal: { AWS: string } }[] };
    expect(trust.Statement.map((s) => s.Principal.AWS)).toEqual([`arn:aws:iam::${synth.config.organization.managementAccountId}:root`, 'arn:aws:iam::222222222222:root']);
    expect(JSON.stringify(trust)).not.toContain('${');
  });

  it('refuses, naming the account, when an id is neither configured nor found live', () => {
    const withoutIdentity = new Map([...ids].filter(([name]) => name !== 'IAM'));
    expect(() => new SynthesizedPolicies(synth.json, withoutIdentity).memberTrust(account('ACCOUNT01'))).toThrow(/account "IAM" has no id in the config and none was found/);
  });

  it('reads every identity group with its members and policies, IAM variables unescaped', () => {
    const groups = new SynthesizedPolicies(synth.json, ids).identityGroups();
    const admins = groups.find((g) => g.name === 'admins')!;
    expect(admins.users).toEqual(['alice', 'bob']);
    expect(admins.policies.map((p) => p.name)).toEqual(['admins-assume-OrganizationAccountAccessRole-1']);
    expect(JSON.stringify(admins.policies[0].document)).toContain('444444444444');
    const selfService = groups.find((g) => g.name === 'mfa-self-service')!;
    expect(JSON.stringify(selfService.policies[0].document)).toContain('${aws:username}');
    expect(JSON.stringify(selfService.policies[0].document)).not.toContain('$${');
  });
});

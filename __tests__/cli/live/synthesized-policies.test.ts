import { SynthesizedPolicies, liveOrganizationPaths } from '../../../cli/live/synthesized-policies';
import { exampleYaml } from '../../helpers/example';
import { liveOrganization } from '../../helpers/live-org';
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
  const live = liveOrganization('o-live123456', 'r-live', [
    { id: 'ou-live-security', name: 'Security', path: 'Security', parentId: 'r-live' },
    { id: 'ou-live-workload', name: 'Workloads', path: 'Workloads', parentId: 'r-live' },
    { id: 'ou-live-dev00001', name: 'Dev', path: 'Workloads/Dev', parentId: 'ou-live-workload' },
  ]);
  const organization = liveOrganizationPaths(live, synth.config.organization.organizationalUnits);

  it("resolves the identity account's id from the management stack's output in a member's trust policy", () => {
    const trust = new SynthesizedPolicies(synth.json, ids).memberTrust(account('ACCOUNT01'))?.document as { Statement: { Principal: { AWS: string } }[] };
    expect(trust.Statement.map((s) => s.Principal.AWS)).toEqual([`arn:aws:iam::${synth.config.organization.managementAccountId}:root`, 'arn:aws:iam::222222222222:root']);
    expect(JSON.stringify(trust)).not.toContain('${');
  });

  it('refuses, naming the account, when an id is neither configured nor found live', () => {
    const withoutIdentity = new Map([...ids].filter(([name]) => name !== 'IAM'));
    expect(() => new SynthesizedPolicies(synth.json, withoutIdentity).memberTrust(account('ACCOUNT01'))).toThrow(/account "IAM" has no id in the config and none was found/);
  });

  it('reads every identity group with its members and policies, IAM variables unescaped', () => {
    const groups = new SynthesizedPolicies(synth.json, ids, organization).identityGroups();
    const admins = groups.find((g) => g.name === 'admins')!;
    expect(admins.users).toEqual(['alice', 'bob']);
    expect(admins.policies.map((p) => p.name)).toEqual(['admins-assume-OrganizationAccountAccessRole-1']);
    // The "*" group names the live organization and leaves out the identity and management accounts.
    const condition = (admins.policies[0].document as { Statement: { Condition: Record<string, Record<string, unknown>> }[] }).Statement[0].Condition;
    expect(condition.StringEquals).toEqual({ 'aws:ResourceOrgID': 'o-live123456' });
    expect(condition.StringNotEquals).toEqual({ 'aws:ResourceAccount': ['222222222222', '111111111111'] });
    const auditors = groups.find((g) => g.name === 'auditors')!;
    expect(JSON.stringify(auditors.policies[0].document)).toContain('444444444444');
    const selfService = groups.find((g) => g.name === 'mfa-self-service')!;
    expect(JSON.stringify(selfService.policies[0].document)).toContain('${aws:username}');
    expect(JSON.stringify(selfService.policies[0].document)).not.toContain('$${');
  });

  it("resolves a group by OU to the live OU's entity path", () => {
    const developers = new SynthesizedPolicies(synth.json, ids, organization).identityGroups().find((g) => g.name === 'developers')!;
    expect(JSON.stringify(developers.policies[0].document)).toContain('"aws:ResourceOrgPaths":["o-live123456/r-live/ou-live-workload/ou-live-dev00001/*"]');
  });

  it('refuses, naming the OU, when an OU the groups use is not in the organization yet', () => {
    const before = liveOrganizationPaths({ ...live, ous: live.ous.slice(0, 2) }, synth.config.organization.organizationalUnits);
    expect(() => new SynthesizedPolicies(synth.json, ids, before).identityGroups()).toThrow(/OU "workloads_dev" is not in the organization; has the management stack been applied\?/);
  });
});

import { exampleYaml } from '../helpers/example';
import { IamEvaluator, type PolicyDocument } from '../helpers/iam-evaluator';
import { synthYaml, type StackJson, type SynthResult } from '../helpers/synth';

/**
 * The access proofs can fail: each case breaks the synthesized JSON the way a bug would and
 * checks that the evaluator sees the consequence. Policies are edited as parsed documents.
 */
describe('the evaluator detects broken access in the JSON', () => {
  let synth: SynthResult;
  beforeAll(() => {
    synth = synthYaml(exampleYaml());
  });

  interface Edit {
    readonly stack: string;
    readonly type: string;
    readonly key: string;
    readonly attribute: string;
    readonly edit: (doc: PolicyDocument) => void;
  }

  /** An evaluator over a deep copy of the synth with each policy edit applied. */
  function mutated(...edits: Edit[]): IamEvaluator {
    const json = structuredClone(synth.json) as Record<string, StackJson>;
    for (const { stack, type, key, attribute, edit } of edits) {
      const resource = json[stack].resource[type][key];
      // Terraform expressions are not JSON-safe until resolved, so mask them while editing.
      const exprs: string[] = [];
      const masked = String(resource[attribute]).replace(/(?<!\$)\$\{[^}]*\}/g, (e) => `@@${exprs.push(e) - 1}@@`);
      const doc = JSON.parse(masked) as PolicyDocument;
      edit(doc);
      resource[attribute] = JSON.stringify(doc).replace(/@@(\d+)@@/g, (_, i: string) => exprs[Number(i)]);
    }
    return new IamEvaluator({ config: synth.config, json });
  }

  const statements = (doc: PolicyDocument) => doc.Statement as PolicyDocument[];
  const root = { account: 'management' };
  const role = (key: string) => ({ stack: 'trust-1', type: 'aws_iam_role', key, attribute: 'assume_role_policy' });
  const carol = { account: 'identity', userName: 'carol' };

  it('control: the unmodified JSON passes the checks below', async () => {
    const ev = new IamEvaluator(synth);
    expect(await ev.assumableMembers(root, 'absent')).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging']);
    expect(await ev.assumableMembers(carol, false)).toEqual([]);
    expect(await ev.assumableMembers(carol, true)).toEqual(['ACCOUNT02']);
  });

  it('a trust policy without the management statement locks the management root out of that account', async () => {
    const ev = mutated({
      ...role('member_logging'),
      edit: (doc) => {
        doc.Statement = statements(doc).filter((s) => s.Sid !== 'ManagementAccount');
      },
    });
    expect(await ev.assumableMembers(root, 'absent')).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03']);
  });

  it('MFA is enforced twice: only without the MFA conditions in both group policy and trust does carol get in without MFA', async () => {
    const noMfa = (doc: PolicyDocument) =>
      statements(doc).forEach((s) => {
        delete s.Condition?.Bool;
        delete s.Condition?.NumericLessThanEquals;
        if (s.Condition && Object.keys(s.Condition).length === 0) delete s.Condition;
      });
    const groupPolicy: Edit = { stack: 'identity', type: 'aws_iam_policy', key: 'group_developers_assume_1', attribute: 'policy', edit: noMfa };
    const trust: Edit = { ...role('member_account02'), edit: noMfa };
    // Without the mfa-self-service group, whose deny would also stop her.
    const developer = { ...carol, groups: ['developers'] };
    expect(await mutated(groupPolicy).assumableMembers(developer, 'absent')).toEqual([]);
    expect(await mutated(trust).assumableMembers(developer, 'absent')).toEqual([]);
    expect(await mutated(groupPolicy, trust).assumableMembers(developer, 'absent')).toEqual(['ACCOUNT02']);
  });

  it('a trust policy naming an outside account lets that account in', async () => {
    const ev = mutated({
      ...role('member_account01'),
      edit: (doc) => {
        statements(doc).push({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' });
      },
    });
    expect(await ev.assumableMembers({ account: '444455556666' }, true)).toEqual(['ACCOUNT01']);
  });

  it('a group policy listing an extra account widens the group exactly by it', async () => {
    const dave = { account: 'identity', userName: 'dave' };
    expect(await new IamEvaluator(synth).assumableMembers(dave, true)).toEqual(['ACCOUNT01', 'ACCOUNT03', 'Logging']);
    const ev = mutated({
      stack: 'identity',
      type: 'aws_iam_policy',
      key: 'group_auditors_assume_1',
      attribute: 'policy',
      edit: (doc) => {
        const cond = statements(doc)[0].Condition.StringEquals;
        cond['aws:ResourceAccount'] = [cond['aws:ResourceAccount']].flat().concat(new IamEvaluator(synth).accountIds.get('ACCOUNT02'));
      },
    });
    expect(await ev.assumableMembers(dave, true)).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03', 'Logging']);
  });

  const groupPolicy = (key: string, edit: (doc: PolicyDocument) => void): Edit => ({ stack: 'identity', type: 'aws_iam_policy', key, attribute: 'policy', edit });

  it('an OU group on the parent OU widens it to every account below the parent', async () => {
    const ev = mutated(
      groupPolicy('group_developers_assume_1', (doc) => {
        const cond = statements(doc)[0].Condition['ForAnyValue:StringLike'];
        cond['aws:ResourceOrgPaths'] = ['${data.terraform_remote_state.management.outputs.ou_org_paths["workloads"]}*'];
      }),
    );
    expect(await ev.assumableMembers(carol, true)).toEqual(['ACCOUNT01', 'ACCOUNT02', 'ACCOUNT03']);
  });

  it('an OU pattern without its trailing "*" matches only the accounts directly in that OU, none below', async () => {
    const onParent = (pattern: string) =>
      mutated(groupPolicy('group_developers_assume_1', (doc) => (statements(doc)[0].Condition['ForAnyValue:StringLike']['aws:ResourceOrgPaths'] = [pattern])));
    // Workloads holds no account itself; Workloads/Dev holds ACCOUNT02.
    expect(await onParent('${data.terraform_remote_state.management.outputs.ou_org_paths["workloads"]}').assumableMembers(carol, true)).toEqual([]);
    expect(await onParent('${data.terraform_remote_state.management.outputs.ou_org_paths["workloads_dev"]}').assumableMembers(carol, true)).toEqual(['ACCOUNT02']);
  });

  it('without its exclusions the "*" group reaches the management account wherever a role there trusts the identity account', async () => {
    const alice = { account: 'identity', userName: 'alice' };
    const ev0 = new IamEvaluator(synth);
    const trust: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ev0.identityAccountId}:root` }, Action: 'sts:AssumeRole' }] };
    const query = { principal: alice, targetAccountId: ev0.managementAccountId, mfa: true, trustPolicy: trust } as const;
    expect(await ev0.canAssume(query)).toBe(false);
    const ev = mutated(groupPolicy('group_admins_assume_1', (doc) => delete statements(doc)[0].Condition.StringNotEquals));
    expect(await ev.canAssume(query)).toBe(true);
  });

  it('a "*" group naming another organization reaches nothing', async () => {
    const ev = mutated(groupPolicy('group_admins_assume_1', (doc) => (statements(doc)[0].Condition.StringEquals['aws:ResourceOrgID'] = 'o-another12345')));
    expect(await ev.assumableMembers({ account: 'identity', userName: 'alice' }, true)).toEqual([]);
  });
});

import { diffPolicies, droppedPrincipals, normalizePolicy, parsePolicyText, policiesEqual } from '../../../cli/live/policy-normalize';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('semantic policy comparison', () => {
  it('treats a string and a one-element array, element order, Sid and action case as the same', () => {
    const a = doc({ Sid: 'A', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] }, Action: 'sts:AssumeRole' });
    const b = { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root', '111111111111'] }, Action: ['STS:AssumeRole'] } };
    expect(policiesEqual(a, b)).toBe(true);
  });

  it('compares condition value lists as sets and condition keys without case, but not operators', () => {
    const a = doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:ResourceAccount': ['1', '2'] }, Bool: { 'aws:MultiFactorAuthPresent': true } } });
    const b = doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:multifactorauthpresent': 'true' }, StringEquals: { 'aws:ResourceAccount': ['2', '1'] } } });
    expect(policiesEqual(a, b)).toBe(true);
    const c = doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:ResourceAccount': ['1', '2'] }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    expect(policiesEqual(a, c)).toBe(false);
  });

  it('finds a changed principal, effect or resource as a difference on both sides', () => {
    const base = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' };
    for (const changed of [{ ...base, Effect: 'Deny' }, { ...base, Principal: { AWS: 'arn:aws:iam::333333333333:root' } }, { ...base, Action: 'sts:*' }]) {
      const d = diffPolicies(doc(changed), doc(base));
      expect(d.onlyLive).toHaveLength(1);
      expect(d.onlyExpected).toHaveLength(1);
    }
  });

  it('reads URL-encoded documents, as IAM returns them, and plain JSON', () => {
    const text = JSON.stringify(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    expect(parsePolicyText(encodeURIComponent(text))).toEqual(parsePolicyText(text));
  });

  it('lists exactly the principals an apply would drop', () => {
    const live = doc(
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::999999999999:role/ci'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    );
    const expected = doc({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'sts:AssumeRole' });
    expect(droppedPrincipals(live, expected)).toEqual(['AWS arn:aws:iam::999999999999:role/ci', 'Service ec2.amazonaws.com']);
    expect(droppedPrincipals(expected, expected)).toEqual([]);
  });

  it('does not list a declared principal as dropped: a role named by hand is kept by its root and aws:PrincipalArn', () => {
    const live = doc(
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::999999999999:role/ci', 'arn:aws:iam::999999999999:role/other'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
    );
    const expected = doc(
      { Sid: 'Ci', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/ci' } } },
      { Sid: 'Gh', Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
    );
    expect(droppedPrincipals(live, expected)).toEqual(['AWS arn:aws:iam::999999999999:role/other']);
  });

  it('keeps each statement once, in an order independent of the document', () => {
    const s1 = { Effect: 'Allow', Action: 'a:b', Resource: '*' };
    const s2 = { Effect: 'Deny', Action: 'c:d', Resource: '*' };
    expect(normalizePolicy(doc(s1, s2, s1))).toEqual(normalizePolicy(doc(s2, s1)));
  });
});

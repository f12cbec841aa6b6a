import { IAM_LIMITS, accountRoot, policyDocument, policyJson, roleArn } from '../../policies/document';

describe('policy documents', () => {
  it('wrap statements in the 2012-10-17 language version, in the order given', () => {
    const a = { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } as const;
    const b = { Sid: 'B', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' } as const;
    expect(policyDocument(a, b)).toEqual({ Version: '2012-10-17', Statement: [a, b] });
  });

  it('serialize compactly, as IAM counts characters against its quotas', () => {
    const json = policyJson(policyDocument({ Effect: 'Allow', Action: ['a:B', 'c:D'], Resource: '*' }));
    expect(json).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a:B","c:D"],"Resource":"*"}]}');
    expect(json).not.toMatch(/\s/);
  });

  it('name account roots and roles in the aws partition', () => {
    expect(accountRoot('111111111111')).toBe('arn:aws:iam::111111111111:root');
    expect(roleArn('222222222222', 'OrganizationAccountAccessRole')).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
    expect(roleArn('*', 'x')).toBe('arn:aws:iam::*:role/x');
  });

  it("carry IAM's quotas (IAM and AWS STS quotas, IAM User Guide)", () => {
    expect(IAM_LIMITS).toEqual({ managedPolicyChars: 6144, trustPolicyChars: 2048, managedPoliciesPerGroup: 10 });
  });
});

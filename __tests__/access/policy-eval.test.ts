import { decideAssumeRole, resourceMatches, type Statement } from '../../access/policy-eval';

const ROLE = 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole';
const OTHER = 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole';

/** The Resource index (built once per list for speed) answers as the list says, whatever happened to the statement. */
describe('resourceMatches', () => {
  it.each<[string, Statement, boolean, boolean]>([
    ['an exact ARN', { Effect: 'Allow', Resource: [ROLE] }, true, false],
    ['a single string', { Effect: 'Allow', Resource: ROLE }, true, false],
    ['"*" among ARNs', { Effect: 'Allow', Resource: [OTHER, '*'] }, true, true],
    ['a wildcard account', { Effect: 'Allow', Resource: ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] }, true, true],
    ['a wildcard within the account part', { Effect: 'Allow', Resource: ['arn:aws:iam::1111*:role/OrganizationAccountAccessRole'] }, true, false],
    ['NotResource of the other role', { Effect: 'Allow', NotResource: [OTHER] }, true, false],
    ['upper case differs', { Effect: 'Allow', Resource: [ROLE.toUpperCase()] }, false, false],
  ])('%s', (_what, s, role, other) => {
    expect([resourceMatches(s, ROLE), resourceMatches(s, OTHER)]).toEqual([role, other]);
  });

  it('a statement given another list, or a list that grew, is judged by what it holds now', () => {
    const s: { Effect: 'Allow'; Resource?: string[]; NotResource?: string[] } = { Effect: 'Allow', Resource: [OTHER] };
    expect(resourceMatches(s, ROLE)).toBe(false);
    s.Resource!.push(ROLE);
    expect(resourceMatches(s, ROLE)).toBe(true);
    delete s.Resource;
    s.NotResource = [OTHER];
    expect(resourceMatches(s, ROLE)).toBe(true);
    expect(resourceMatches(s, OTHER)).toBe(false);
  });

  it.each([[[['x']]], [[ROLE, null]], [['*', 1]]])('an entry that is not a string (%j) throws instead of reading as "no match"', (list) => {
    expect(() => resourceMatches({ Effect: 'Deny', NotResource: list } as unknown as Statement, ROLE)).toThrow('is not a string');
    expect(() => resourceMatches({ Effect: 'Allow', Resource: list } as unknown as Statement, ROLE)).toThrow('is not a string');
  });
});

describe('decideAssumeRole', () => {
  const req = { principalArn: 'arn:aws:iam::333333333333:user/alice', principalAccount: '333333333333', resource: ROLE, resourceAccount: '111111111111', context: {} };
  const trust: Statement[] = [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }];
  const allow: Statement = { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE };

  it('needs both sides to allow, and any Deny wins', () => {
    expect(decideAssumeRole([allow], trust, req)).toEqual({ allowed: true, explicitDeny: false });
    expect(decideAssumeRole([], trust, req)).toEqual({ allowed: false, explicitDeny: false });
    expect(decideAssumeRole([allow], [], req)).toEqual({ allowed: false, explicitDeny: false });
    expect(decideAssumeRole([allow, { ...allow, Effect: 'Deny' }], trust, req)).toEqual({ allowed: false, explicitDeny: true });
    expect(decideAssumeRole([allow], [...trust, { ...trust[0], Effect: 'Deny' }], req)).toEqual({ allowed: false, explicitDeny: true });
  });

  it('in the role\'s own account, a trust naming the user itself needs no identity policy; naming the account does', () => {
    const own = { ...req, principalArn: 'arn:aws:iam::111111111111:user/alice', principalAccount: '111111111111' };
    expect(decideAssumeRole([], [{ Effect: 'Allow', Principal: { AWS: own.principalArn }, Action: 'sts:AssumeRole' }], own).allowed).toBe(true);
    expect(decideAssumeRole([], [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }], own).allowed).toBe(false);
  });
});

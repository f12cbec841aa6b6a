import { assumableRoles } from '../../../cli/live/live-grants';

/** What a live identity policy may let its holder assume, judged by Action and Resource (verify's drift as access). */
const ROLES = new Map([
  ['prod', 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole'],
  ['dev', 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole'],
]);
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

describe('assumableRoles', () => {
  it.each([
    ['AdministratorAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), ['prod', 'dev']],
    ['sts:* on every role', doc({ Effect: 'Allow', Action: 'sts:*', Resource: 'arn:aws:iam::*:role/*' }), ['prod', 'dev']],
    ['lower-case action', doc({ Effect: 'Allow', Action: 'STS:assumerole', Resource: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole' }), ['prod']],
    ['NotAction that leaves AssumeRole', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), ['prod', 'dev']],
    ['NotResource that leaves prod', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', NotResource: 'arn:aws:iam::444444444444:role/*' }), ['prod']],
    ['a single statement object', { Statement: { Effect: 'Allow', Action: ['s3:GetObject', 'sts:AssumeRole'], Resource: '*' } }, ['prod', 'dev']],
  ])('%s reaches %j', (_what, document, expected) => {
    expect(assumableRoles(document, ROLES)).toEqual(expected);
  });

  it.each([
    ['read-only', doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })],
    ['Deny only', doc({ Effect: 'Deny', Action: '*', Resource: '*' })],
    ['another role', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/Other' })],
    ['NotAction covering sts', doc({ Effect: 'Allow', NotAction: 'sts:*', Resource: '*' })],
    ['empty', {}],
  ])('%s reaches nothing', (_what, document) => {
    expect(assumableRoles(document, ROLES)).toEqual([]);
  });
});

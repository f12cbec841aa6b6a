import { parseConfig } from '../../config/load-config';

/** The smallest config the schema allows: everything optional left out. */
const MINIMAL = `
organization:
  managementAccountId: "111111111111"
  region: eu-west-1
identityAccount:
  name: IAM
  email: iam@example.com
accounts:
  - name: Prod
    email: prod@example.com
  - name: Old
    email: old@example.com
    id: "444444444444"
    retired: true
  - name: Dev
    email: dev@example.com
identity:
  groups:
    - name: admins
      users: [alice]
      accounts: ["*"]
`;

describe('defaults of a valid config', () => {
  const config = parseConfig(MINIMAL);

  it('uses OrganizationAccountAccessRole as the cross-account role', () => {
    expect(config.organization.memberRoleName).toBe('OrganizationAccountAccessRole');
    expect(config.organization.organizationalUnits).toEqual([]);
  });

  it('gives accounts billing access ALLOW, close_on_deletion false, no tags, the root as parent', () => {
    for (const account of [config.identityAccount, ...config.accounts]) {
      expect(account.iamUserAccessToBilling).toBe('ALLOW');
      expect(account.closeOnDeletion).toBe(false);
      expect(account.tags).toEqual({});
      expect(account.ou).toBeUndefined();
      expect(account.renamedFrom).toBeUndefined();
    }
    // Only the retired account, which must carry its id, has one.
    expect([config.identityAccount, ...config.accounts].map((a) => a.id)).toEqual([undefined, undefined, '444444444444', undefined]);
    expect(config.accounts.map((a) => a.retired)).toEqual([false, true, false]);
  });

  it('names the management group, role and users as the runbook does', () => {
    expect(config.management).toEqual({ groupName: 'crossaccount-admins', createAccountRoleName: 'assumerole_create_account', users: [], passwordPolicy: config.identity.passwordPolicy });
    expect(config.management.passwordPolicy).toMatchObject({ minimumLength: 14, reusePrevention: 24 });
  });

  it('requires MFA, without an age limit, and shards 10 accounts per trust stack on local state', () => {
    expect(config.identity.denyWithoutMfa).toBe(true);
    expect(config.identity.mfaMaxAgeSeconds).toBeUndefined();
    expect(config.trust.shardSize).toBe(10);
    expect(config.backend).toEqual({ type: 'local' });
  });

  it('applies a strong password policy (CIS AWS Foundations)', () => {
    expect(config.identity.passwordPolicy).toEqual({
      minimumLength: 14,
      requireUppercase: true,
      requireLowercase: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
      maxAgeDays: 0,
      reusePrevention: 24,
      hardExpiry: false,
    });
  });

  it('fills unset password policy fields with defaults when some are given', () => {
    const custom = parseConfig(MINIMAL.replace('identity:\n', 'identity:\n  passwordPolicy: { minimumLength: 20, maxAgeDays: 0 }\n'));
    expect(custom.identity.passwordPolicy).toMatchObject({ minimumLength: 20, maxAgeDays: 0, reusePrevention: 24, requireSymbols: true });
  });

  it('expands "*" to every member account that is not retired, in config order', () => {
    const [admins] = config.identity.groups;
    expect(admins.allAccounts).toBe(true);
    expect(admins.accounts).toEqual(['Prod', 'Dev']);
  });

  it('fills s3 and cloud backend defaults', () => {
    const s3 = parseConfig(`${MINIMAL}backend: { type: s3, bucket: tf-state, region: eu-west-1 }\n`);
    expect(s3.backend).toEqual({ type: 's3', bucket: 'tf-state', region: 'eu-west-1', keyPrefix: 'org-trust', useLockfile: true });
    const cloud = parseConfig(`${MINIMAL}backend: { type: cloud, organization: acme }\n`);
    expect(cloud.backend).toEqual({ type: 'cloud', organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: 'org-trust-' });
  });

  it('keeps explicit values over defaults', () => {
    const explicit = parseConfig(
      MINIMAL.replace('    email: prod@example.com\n', '    email: prod@example.com\n    closeOnDeletion: true\n    iamUserAccessToBilling: DENY\n').replace(
        'identity:\n',
        'trust: { shardSize: 3 }\nidentity:\n  requireMfa: false\n',
      ),
    );
    expect(explicit.accounts[0]).toMatchObject({ closeOnDeletion: true, iamUserAccessToBilling: 'DENY' });
    expect(explicit.trust.shardSize).toBe(3);
    expect(explicit.identity.denyWithoutMfa).toBe(false);
  });
});

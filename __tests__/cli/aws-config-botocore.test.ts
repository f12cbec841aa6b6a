import { buildProfiles, type AwsProfile } from '../../cli/aws-profiles';
import { CREDENTIAL_FORMATS, renderCredentialConfig, type CredentialFormat } from '../../cli/credential-formats';
import { renderExtensionConfig } from '../../cli/extension-config';
import { resolveAccountIds } from '../../cli/resolve-account-ids';
import { userAccess } from '../../access/user-access';
import { parseConfig } from '../../config/load-config';
import { IAM_NAME_CHARS } from '../../config/iam-names';
import { runPythonJson } from './python-botocore';

/**
 * Every format aws-config writes, for user and role names using every character the config
 * accepts for them (IAM's [A-Za-z0-9+=,.@_-]) at the start, middle and end, read back by
 * Python's configparser and botocore's own config loader (account names with every punctuation
 * character the schema allows reach the profile names), (the AWS CLI's): every profile's
 * role_arn, mfa_serial and source_profile must come back exactly as IAM knows them.
 */
const MANAGEMENT = '111111111111';
const IDENTITY = '222222222222';
const MEMBER = '333333333333';
const SPECIALS = [...'+=,.@_-'];

/** Names with each special character leading, inside, trailing and alone; plus letters and digits. */
const NAMES = [...SPECIALS.flatMap((c) => [`${c}a`, `a${c}b`, `b${c}`, `${c}${c}${c}`]), 'Aa0Zz9', 'a+b=c,d.e@f_g-h'];

/** Account names: printable ASCII but " \\ $ { } (the schema's rule); they reach profile names through a slug. */
const ACCOUNT_PUNCTUATION = [...' !#%&\'()*+,-./:;<=>?@[]^_`|~'];
const accountName = (i: number) => `Team${ACCOUNT_PUNCTUATION.slice((i * 4) % ACCOUNT_PUNCTUATION.length, ((i * 4) % ACCOUNT_PUNCTUATION.length) + 4).join('')}x${i}`;

interface Case {
  readonly user: string;
  readonly role: string;
  readonly createRole: string;
  readonly account: string;
}
const CASES: Case[] = NAMES.map((user, i) => ({ user, role: NAMES[(i + 7) % NAMES.length], createRole: NAMES[(i + 13) % NAMES.length], account: accountName(i) }));

const yamlFor = (c: Case) => `
organization:
  managementAccountId: "${MANAGEMENT}"
  region: eu-west-1
  crossAccountRoleName: ${JSON.stringify(c.role)}
identityAccount: { name: IAM, email: iam@example.com, id: "${IDENTITY}" }
accounts:
  - { name: Work, email: work@example.com, id: "${MEMBER}" }
  - { name: ${JSON.stringify(c.account)}, email: team@example.com, id: "444444444444" }
management:
  createAccountRoleName: ${JSON.stringify(c.createRole)}
  users: [${JSON.stringify(c.user)}]
identity:
  groups:
    - name: admins
      users: [${JSON.stringify(c.user)}]
      accounts: ["*"]
`;

type Sections = Record<string, Record<string, string>>;
interface Read {
  readonly configparser?: Sections;
  readonly botocore?: Sections;
  readonly error?: string;
}

const FORMATS = [...CREDENTIAL_FORMATS, 'extension'] as const;
type Format = CredentialFormat | 'extension';

function build(c: Case): { profiles: AwsProfile[]; texts: Record<Format, string> } {
  const config = parseConfig(yamlFor(c));
  const profiles = buildProfiles(config, userAccess(config, c.user), resolveAccountIds(config));
  const texts = Object.fromEntries(
    FORMATS.map((f) => [f, f === 'extension' ? renderExtensionConfig(profiles) : renderCredentialConfig(f, profiles, c.user, 'org.yaml')]),
  ) as Record<Format, string>;
  return { profiles, texts };
}

/** What IAM calls these, from the case alone (not from the profile builder). */
const expected = (c: Case, p: AwsProfile) => {
  const sourceAccount = p.name === c.user || p.name.startsWith(`${c.user}-`) && !p.name.startsWith(`${c.user}-billing`) ? IDENTITY : MANAGEMENT;
  const roleName = p.name.endsWith('-assumerole-create_account') ? c.createRole : c.role;
  return {
    sourceAccount,
    mfaSerial: `arn:aws:iam::${sourceAccount}:mfa/${c.user}`,
    roleArn: `arn:aws:iam::${p.accountId}:role/${roleName}`,
    roleName,
    sourceProfile: sourceAccount === IDENTITY ? c.user : `${c.user}-billing`,
    userArn: `arn:aws:iam::${sourceAccount}:user/${c.user}`,
  };
};

describe('aws-config: every name the config accepts round-trips through configparser and botocore', () => {
  const built = CASES.map((c) => ({ c, ...build(c) }));
  const files = Object.fromEntries(built.flatMap(({ texts }, i) => FORMATS.map((f) => [`${i}/${f}`, texts[f]])));
  const read = runPythonJson<Record<string, Read>>('ini-roundtrip.py', { files });

  it('the table covers every special character IAM allows, and each case is a valid config', () => {
    expect(NAMES.every((n) => IAM_NAME_CHARS.test(n))).toBe(true);
    for (const c of SPECIALS) expect(CASES.some((k) => k.user.includes(c)) && CASES.some((k) => k.role.includes(c))).toBe(true);
    for (const c of ACCOUNT_PUNCTUATION) expect(CASES.some((k) => k.account.includes(c))).toBe(true);
    expect(Object.keys(read)).toHaveLength(CASES.length * FORMATS.length);
  });

  it.each(built.map((b, i) => [b.c.user, b.c.role, i] as const))('user %j, role %j: aws-vault and granted profiles read back exactly', (_u, _r, i) => {
    const { c, profiles } = built[i];
    for (const format of ['aws-vault', 'granted'] as const) {
      const r = read[`${i}/${format}`];
      expect(r.error).toBeUndefined();
      expect(Object.keys(r.botocore!).sort()).toEqual(profiles.map((p) => p.name).sort());
      for (const p of profiles) {
        const e = expected(c, p);
        const got = r.botocore![p.name];
        expect(r.configparser![`profile ${p.name}`]).toEqual(got);
        expect(got.mfa_serial).toBe(e.mfaSerial);
        if (p.kind === 'role') expect([got.role_arn, got.source_profile]).toEqual([e.roleArn, e.sourceProfile]);
        else expect(got.role_arn).toBeUndefined();
        if (format === 'granted' && p.kind === 'source') expect(got.credential_process).toBe(`granted credential-process --profile ${p.name}`);
      }
    }
  });

  it.each(built.map((b, i) => [b.c.user, b.c.role, i] as const))('user %j, role %j: aws login profiles read back exactly', (_u, _r, i) => {
    const { c, profiles } = built[i];
    const got = read[`${i}/aws-login`].botocore!;
    const roles = profiles.filter((p) => p.kind === 'role');
    expect(Object.keys(got)).toHaveLength(profiles.length);
    for (const p of roles) {
      const e = expected(c, p);
      expect([got[p.name].role_arn, got[p.name].mfa_serial]).toEqual([e.roleArn, e.mfaSerial]);
      expect(got[got[p.name].source_profile].login_session).toBe(e.userArn);
    }
  });

  it.each(built.map((b, i) => [b.c.user, b.c.role, i] as const))('user %j, role %j: the extension config reads back exactly', (_u, _r, i) => {
    const { c, profiles } = built[i];
    const got = read[`${i}/extension`].configparser!;
    for (const p of profiles) {
      const e = expected(c, p);
      if (p.kind === 'source') expect(got[p.name]).toEqual({ aws_account_id: e.sourceAccount });
      else expect(got[`profile ${p.name}`]).toEqual({ source_profile: e.sourceProfile, aws_account_id: p.accountId, role_name: e.roleName, region: 'eu-west-1' });
    }
  });
});

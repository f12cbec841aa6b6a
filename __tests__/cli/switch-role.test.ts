import { parse } from 'ini';
import { parseConfig } from '../../config/load-config';
import { resolveAccountIds } from '../../cli/resolve-account-ids';
import { buildProfiles, type RoleProfile } from '../../cli/aws-profiles';
import { renderExtensionConfig } from '../../cli/extension-config';
import { renderLinks, switchRoleUrl } from '../../cli/switch-role';
import { userAccess } from '../../access/user-access';
import { exampleYaml } from '../helpers/example';

const IDS = { IAM: '222222222222', ACCOUNT01: '444444444444', ACCOUNT02: '555555555555', Logging: '666666666666' };
const config = parseConfig(exampleYaml());
const profiles = (user: string) => buildProfiles(config, userAccess(config, user), resolveAccountIds(config, IDS));

/** The runbook's format: https://signin.aws.amazon.com/switchrole?roleName=ROLE&account=ID (here with a displayName). */
const RUNBOOK_URL = /^https:\/\/signin\.aws\.amazon\.com\/switchrole\?roleName=([^&]+)&account=(\d{12})&displayName=([^&]+)$/;

describe('console switch-role URLs', () => {
  it('follow the runbook format, parameters URL-encoded', () => {
    const url = switchRoleUrl({ roleName: 'Role+Name=x', accountId: '123456789012', displayName: 'a b&c/é' });
    expect(url).toMatch(RUNBOOK_URL);
    const params = new URL(url).searchParams;
    expect(params.get('roleName')).toBe('Role+Name=x');
    expect(params.get('account')).toBe('123456789012');
    expect(params.get('displayName')).toBe('a b&c/é');
    expect(url).toContain('roleName=Role%2BName%3Dx');
  });

  it('one line per role profile of the user, with that profile\'s account and role', () => {
    const roles = profiles('user1').filter((p): p is RoleProfile => p.kind === 'role');
    const lines = renderLinks(roles).trimEnd().split('\n');
    expect(lines).toHaveLength(roles.length);
    lines.forEach((line, i) => {
      const [name, url] = line.split(/\s+/);
      expect(name).toBe(roles[i].name);
      const m = RUNBOOK_URL.exec(url)!;
      expect(m).not.toBeNull();
      expect(decodeURIComponent(m[1])).toBe(roles[i].roleName);
      expect(m[2]).toBe(roles[i].accountId);
      expect(decodeURIComponent(m[3])).toBe(roles[i].name);
    });
    expect(lines[0]).toContain('roleName=assumerole_create_account&account=111111111111');
    expect(lines.slice(1).every((l) => l.includes('roleName=OrganizationAccountAccessRole'))).toBe(true);
  });
});

describe('AWS Extend Switch Roles configuration', () => {
  it('a base section per sign-in account and a profile per role with source_profile, aws_account_id, role_name', () => {
    const ini = parse(renderExtensionConfig(profiles('carol'))) as Record<string, Record<string, string>>;
    expect(ini).toEqual({
      carol: { aws_account_id: '222222222222' },
      'profile carol-account02': { source_profile: 'carol', aws_account_id: '555555555555', role_name: 'OrganizationAccountAccessRole', region: 'us-east-1' },
    });
  });

  it('every role profile names an existing base section', () => {
    const ini = parse(renderExtensionConfig(profiles('user1'))) as Record<string, Record<string, string>>;
    const roles = Object.entries(ini).filter(([s]) => s.startsWith('profile '));
    expect(roles.length).toBe(6);
    for (const [, f] of roles) {
      expect(ini[f.source_profile]).toEqual({ aws_account_id: '111111111111' });
      expect(f.aws_account_id).toMatch(/^\d{12}$/);
      expect(f.role_name).toMatch(/^(OrganizationAccountAccessRole|assumerole_create_account)$/);
    }
  });
});

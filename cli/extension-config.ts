import type { AwsProfile } from './aws-profiles';
import { iniSection } from './ini-render';

/**
 * Configuration for the "AWS Extend Switch Roles" browser extension (INI, as its README
 * documents): a base section per account the user signs in to, holding `aws_account_id`,
 * and a `[profile NAME]` per target role with `source_profile` naming that base section
 * (the extension then lists a role only while signed in to its source account),
 * `aws_account_id`, `role_name` and `region`.
 */
export function renderExtensionConfig(profiles: readonly AwsProfile[]): string {
  const sections: string[] = [];
  for (const p of profiles) {
    if (p.kind === 'source') sections.push(iniSection(p.name, { aws_account_id: p.accountId }));
    else sections.push(iniSection(`profile ${p.name}`, { source_profile: p.sourceProfile, aws_account_id: p.accountId, role_name: p.roleName, region: p.region }));
  }
  return sections.join('\n');
}

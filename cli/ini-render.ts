import { stringify } from 'ini';
import type { AwsProfile } from './aws-profiles';

/**
 * One INI section. The header is written here because `ini` escapes dots in section names
 * ("[profile alice\.smith]"), which the AWS CLI and aws-vault would not read back; the
 * keys and values go through `ini`, which quotes what needs quoting.
 */
export function iniSection(header: string, fields: Readonly<Record<string, string>>): string {
  return `[${header}]\n${stringify(fields, { whitespace: true })}`;
}

/** `~/.aws/config` text for aws-vault, with the keys it documents. */
export function renderAwsConfig(profiles: readonly AwsProfile[], comment?: string): string {
  const sections = profiles.map((p) =>
    p.kind === 'source'
      ? iniSection(`profile ${p.name}`, { mfa_serial: p.mfaSerial, region: p.region })
      : iniSection(`profile ${p.name}`, { source_profile: p.sourceProfile, role_arn: p.roleArn, mfa_serial: p.mfaSerial, region: p.region }),
  );
  return `${comment ? `${comment.split('\n').map((l) => `; ${l}`).join('\n')}\n\n` : ''}${sections.join('\n')}`;
}

import { CliError } from '../errors/user-errors';
import type { AwsProfile } from './aws-profiles';

/**
 * ~/.aws/config as its readers read it. botocore (the AWS CLI, the SDKs) reads it with Python's
 * configparser.RawConfigParser: a value is the rest of the line after the first `=` or `:`,
 * stripped of white space, quotes kept; a section is whatever lies between the first `[` and
 * the last `]`, and `[profile NAME]` is split with shlex (quotes and backslashes are syntax).
 * aws-vault and Granted use go-ini, which also drops an inline `#`/`;` comment and unquotes
 * `"..."`. So values are written raw, never quoted or escaped, and whatever one of these
 * readers would read differently is refused rather than written.
 */

/** Characters no reader keeps as written: line breaks and other controls, and Unicode line and paragraph separators. */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
/** go-ini ends a value at an inline comment and unquotes a value that starts with a quote or backtick. */
const VALUE_UNSAFE = /[#;]|^["'`]/;
/** shlex (quotes, backslash, white space split the name), section brackets, comments. */
const PROFILE_NAME_UNSAFE = /[\s"'\\[\]#;]/;

/** Where each value written comes from, for the error that refuses it. */
const SOURCE: Readonly<Record<string, string>> = {
  role_arn: 'organization.crossAccountRoleName (or management.createAccountRoleName)',
  role_name: 'organization.crossAccountRoleName',
  mfa_serial: 'the user name (identity.groups[].users or management.users)',
  login_session: 'the user name (identity.groups[].users or management.users)',
  source_profile: 'the user name (identity.groups[].users or management.users)',
  credential_process: 'the user name (identity.groups[].users or management.users)',
  region: 'organization.region',
  aws_account_id: 'the account ids (identityAccount.id, accounts[].id or --outputs)',
};

const shown = (text: string) => JSON.stringify(text);

/** Why `value` cannot be an INI value that botocore and go-ini both read back as written, or undefined. */
export function iniValueProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'holds a control character or line break';
  if (value !== value.trim()) return 'starts or ends with white space, which the readers strip';
  if (value === '') return 'is empty';
  if (VALUE_UNSAFE.test(value)) return 'holds "#" or ";" (an inline comment to aws-vault) or starts with a quote';
  return undefined;
}

/** Why `name` cannot be a profile name in `[profile NAME]` (or a bare section name), or undefined. */
export function profileNameProblem(name: string): string | undefined {
  if (CONTROL.test(name)) return 'holds a control character or line break';
  if (name === '') return 'is empty';
  if (PROFILE_NAME_UNSAFE.test(name)) return 'holds white space, a quote, a backslash, "[", "]", "#" or ";", which the readers split or cut at';
  return undefined;
}

/** One INI section: `[header]` and a `key = value` line per field, raw. Throws a CliError naming the config field for what cannot be written. */
export function iniSection(header: string, fields: Readonly<Record<string, string>>): string {
  const name = header.startsWith('profile ') ? header.slice('profile '.length) : header;
  const nameProblem = profileNameProblem(name);
  if (nameProblem) throw new CliError(`aws-config: cannot write the profile name ${shown(name)} (from the user and account names): it ${nameProblem}`);
  const lines = Object.entries(fields).map(([key, value]) => {
    const problem = iniValueProblem(value);
    if (problem) throw new CliError(`aws-config: cannot write ${key} = ${shown(value)} in profile ${name} (from ${SOURCE[key] ?? key}): it ${problem}`);
    return `${key} = ${value}`;
  });
  return `[${header}]\n${lines.join('\n')}\n`;
}

/**
 * Comment lines: `; ` before each line. A line break in the text (CR and Unicode separators
 * included) would end the comment, so text with control characters (a --config path) is refused.
 */
export function iniComment(text: string): string {
  const lines = text.split('\n');
  const bad = lines.find((l) => CONTROL.test(l));
  if (bad !== undefined) throw new Error(`a comment line holds a control character: ${shown(bad)}`);
  return lines.map((l) => `; ${l}`).join('\n');
}

/** Refuses text for a comment line (the --config path) that holds a line break or other control character. */
export function refuseControlsInComment(text: string, origin: string): void {
  if (CONTROL.test(text)) throw new CliError(`aws-config: ${origin} ${shown(text)} holds a control character or line break, which would end the header comment`);
}

/** `~/.aws/config` text for aws-vault, with the keys it documents. */
export function renderAwsConfig(profiles: readonly AwsProfile[], comment?: string): string {
  const sections = profiles.map((p) =>
    p.kind === 'source'
      ? iniSection(`profile ${p.name}`, { mfa_serial: p.mfaSerial, region: p.region })
      : iniSection(`profile ${p.name}`, { source_profile: p.sourceProfile, role_arn: p.roleArn, mfa_serial: p.mfaSerial, region: p.region }),
  );
  return `${comment ? `${iniComment(comment)}\n\n` : ''}${sections.join('\n')}`;
}

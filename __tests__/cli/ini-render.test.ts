import { CREDENTIAL_FORMATS, renderCredentialConfig } from '../../cli/credential-formats';
import { iniSection, iniValueProblem, profileNameProblem } from '../../cli/ini-render';
import { CliError } from '../../errors/user-errors';
import { runPythonJson } from './python-botocore';

/** Values the readers (botocore's RawConfigParser, aws-vault's go-ini) would not read back as written. */
const CONTROLS = ['\n', '\r', '\t', '\0', '\x1b', '\x7f', '\x85', '\u2028', '\u2029'];
const HOSTILE_VALUES = [
  ...CONTROLS.map((c) => `arn:aws:iam::1:role/a${c}b`),
  ...CONTROLS.map((c) => `a${c}role_arn = arn:aws:iam::9:role/evil`),
  ' leading', 'trailing ', '\tx', 'a#b', 'a;b', '"quoted"', "'q'", '`q`', '',
];
const HOSTILE_NAMES = [...CONTROLS.map((c) => `alice${c}`), 'a b', 'a"b', "a'b", 'a\\b', 'a[b', 'a]b', 'a#b', 'a;b', ''];

describe('ini-render: values are written raw, what cannot be is refused', () => {
  it.each(HOSTILE_VALUES.map((v) => [v]))('refuses the value %j, naming the config field', (value) => {
    expect(iniValueProblem(value)).toBeDefined();
    expect(() => iniSection('profile alice', { role_arn: value })).toThrow(CliError);
    expect(() => iniSection('profile alice', { role_arn: value })).toThrow(/role_arn [\s\S]* in profile alice \(from organization\.crossAccountRoleName/);
  });

  it.each(HOSTILE_NAMES.map((n) => [n]))('refuses the profile name %j', (name) => {
    expect(profileNameProblem(name)).toBeDefined();
    expect(() => iniSection(`profile ${name}`, { region: 'us-east-1' })).toThrow(/cannot write the profile name/);
  });

  it.each(CONTROLS.map((c) => [c]))('a --config path holding %j cannot end the header comment', (c) => {
    for (const format of CREDENTIAL_FORMATS) {
      expect(() => renderCredentialConfig(format, [], 'alice', `org${c}[profile evil]`)).toThrow(CliError);
      expect(() => renderCredentialConfig(format, [], 'alice', `org${c}[profile evil]`)).toThrow(/the --config path [\s\S]* holds a control character/);
    }
  });

  it('what it refuses, botocore would indeed misread; what it writes, botocore reads exactly', () => {
    const safe = ['arn:aws:iam::1:role/a=b,c@d+e', 'a:b=c', '=x', 'x=', 'a.b_c-d'];
    const texts = Object.fromEntries([
      ...safe.map((v, i) => [`safe${i}`, iniSection('profile p', { role_arn: v })]),
      // Written the naive way, without the guard: each comes back different, or not at all. (Quotes and
      // inline comments botocore keeps; aws-vault's go-ini strips them, so they are refused for its sake.)
      ...[' x', 'x ', 'a\nb', 'a\rb', 'a\u2028\nb'].map((v, i) => [`naive${i}`, `[profile p]\nrole_arn = ${v}\n`]),
    ]);
    const read = runPythonJson<Record<string, { botocore?: Record<string, Record<string, string>> }>>('ini-roundtrip.py', { files: texts });
    safe.forEach((v, i) => expect(read[`safe${i}`].botocore!.p.role_arn).toBe(v));
    [' x', 'x ', 'a\nb', 'a\rb', 'a\u2028\nb'].forEach((v, i) => expect(read[`naive${i}`].botocore?.p?.role_arn).not.toBe(v));
  });
});

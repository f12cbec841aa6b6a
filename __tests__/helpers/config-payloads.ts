import { stringify } from 'yaml';
import { formatPath } from '../../config/config-error';
import { describePattern, type Step } from './schema-strings';

/** A config holding every optional string field, so that every pattern lands on a value. */
const FULL = {
  organization: {
    managementAccountId: '111111111111',
    id: 'o-abcdefghij',
    region: 'us-east-1',
    crossAccountRoleName: 'OrganizationAccountAccessRole',
    organizationalUnits: [
      { name: 'Spare', id: 'ou-abcd-efghijkl', renamedFrom: 'OldSpare', children: [{ name: 'Inner', id: 'ou-abcd-mnopqrst', renamedFrom: 'OldInner' }] },
      { name: 'Workloads', children: [{ name: 'Prod' }] },
    ],
  },
  identityAccount: { name: 'IAM', email: 'aws-iam@example.com', id: '222222222222', ou: 'Workloads', renamedFrom: 'OldIAM', tags: { Team: 'identity' } },
  accounts: [
    { name: 'ACCOUNT01', email: 'aws-account01@example.com', id: '333333333333', ou: 'Workloads/Prod', renamedFrom: 'OLD01', tags: { CostCenter: '42' } },
    { name: 'ACCOUNT02', email: 'aws-account02@example.com' },
  ],
  management: { groupName: 'crossaccount-admins', createAccountRoleName: 'assumerole_create_account', users: ['user1'] },
  identity: { groups: [{ name: 'admins', users: ['alice'], accounts: ['ACCOUNT01'], ous: ['Workloads/Prod'] }] },
  terraform: { awsProviderVersion: '>= 5.100.0, < 7.0.0' },
};
const BACKENDS: Record<string, object> = {
  local: { type: 'local' },
  s3: { type: 's3', bucket: 'acme-terraform-state', region: 'us-east-1', keyPrefix: 'org-trust' },
  cloud: { type: 'cloud', organization: 'acme', hostname: 'app.terraform.io', workspacePrefix: 'org-trust-' },
};

export interface Case {
  readonly pattern: string;
  /** The concrete field path the payload went into. */
  readonly path: (string | number)[];
  readonly yaml: string;
}

/** Configs with `payload` put at `steps` into FULL, whole and inside the value that was there. */
export function casesFor(steps: readonly Step[], payload: string): Case[] {
  const variant = steps.find((s): s is { variant: string } => typeof s === 'object' && 'variant' in s)?.variant ?? 'local';
  const forms = (v: string) => [payload, `${v.slice(0, 1)}${payload}${v.slice(1)}`];
  const build = (form: (old: string) => string): Case => {
    const config = structuredClone({ ...FULL, backend: BACKENDS[variant] }) as Record<string, unknown>;
    let node: unknown = config;
    const path: (string | number)[] = [];
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      const record = node as Record<string | number, unknown>;
      if (typeof step === 'object' && 'variant' in step) return;
      if (typeof step === 'object' && 'mapPart' in step) {
        const key = Object.keys(record)[0] ?? fail(steps, 'an empty map');
        if (step.mapPart === 'key') {
          const renamed = form(key);
          record[renamed] = record[key];
          delete record[key];
          path.push(renamed);
        } else {
          record[key] = form(String(record[key]));
          path.push(key);
        }
        return;
      }
      const at = typeof step === 'string' ? step : 0;
      if (record[at] === undefined) fail(steps, `nothing at ${formatPath([...path, at])}`);
      path.push(at);
      if (last) record[at] = form(String(record[at]));
      else node = record[at];
    });
    return { pattern: describePattern(steps), path, yaml: stringify(config) };
  };
  return forms('x').map((_, i) => build((old) => forms(old)[i]));
}

function fail(steps: readonly Step[], what: string): never {
  throw new Error(`FULL has ${what} for ${describePattern(steps)}: add a value there so the field is tested`);
}


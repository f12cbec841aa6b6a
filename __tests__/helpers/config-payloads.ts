import { stringify } from 'yaml';
import { formatPath } from '../../errors/user-errors';
import { describePattern, type Step } from './schema-strings';

/** A config holding every optional string field, so that every pattern lands on a value. */
const FULL = {
  organization: {
    managementAccountId: '111111111111',
    id: 'o-abcdefghij',
    region: 'us-east-1',
    crossAccountRoleName: 'OrganizationAccountAccessRole',
    centralRootAccess: true,
    organizationalUnits: [
      { name: 'Spare', id: 'ou-abcd-efghijkl', renamedFrom: 'OldSpare', children: [{ name: 'Inner', id: 'ou-abcd-mnopqrst', renamedFrom: 'OldInner' }] },
      { name: 'Workloads', children: [{ name: 'Prod' }] },
      { name: 'Sandbox' },
    ],
  },
  identityAccount: { name: 'IAM', email: 'aws-iam@example.com', id: '222222222222', ou: 'Workloads', renamedFrom: 'OldIAM', tags: { Team: 'identity' } },
  accounts: [
    { name: 'ACCOUNT01', email: 'aws-account01@example.com', id: '333333333333', ou: 'Workloads/Prod', renamedFrom: 'OLD01', tags: { CostCenter: '42' } },
    { name: 'ACCOUNT02', email: 'aws-account02@example.com' },
  ],
  management: { groupName: 'crossaccount-admins', createAccountRoleName: 'assumerole_create_account', users: ['user1'], breakGlass: { groupName: 'root-break-glass', users: ['user1'] } },
  identity: { groups: [{ name: 'admins', users: ['alice'], accounts: ['ACCOUNT01'], ous: ['Workloads/Prod'] }] },
  trust: {
    principals: [
      // Each kind twice: once scoped by accounts, once by OUs (Sandbox holds no account, so no trust policy overflows).
      ...[{ accounts: ['ACCOUNT01'] }, { ous: ['Sandbox'] }].flatMap((scope, i) => [
        { name: `BreakGlass${i}`, kind: 'aws', arn: 'arn:aws:iam::444455556666:role/ops/break-glass', scope },
        { name: `Github${i}`, kind: 'oidc', provider: 'token.actions.githubusercontent.com', audiences: ['sts.amazonaws.com'], subjects: ['repo:acme/infra:*'], scope },
        { name: `Okta${i}`, kind: 'saml', provider: 'okta', audiences: ['https://signin.aws.amazon.com/saml'], scope },
        {
          name: `Backup${i}`,
          kind: 'service',
          service: 'backup.amazonaws.com',
          sourceAccounts: ['self'],
          sourceArns: ['arn:aws:backup:us-east-1:333333333333:backup-vault:*'],
          scope,
        },
        { name: `Sso${i}`, kind: 'identityCenter', permissionSet: 'Admin', account: 'IAM', scope },
      ]),
    ],
  },
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
  const isVariant = (s: Step | undefined): s is { variant: string; discriminator?: string } => typeof s === 'object' && 'variant' in s;
  // The backend's variant picks the backend block; a list element's variant picks the element of that kind.
  const variant = steps.find((s, i) => isVariant(s) && steps[0] === 'backend' && i === 1);
  const backend = isVariant(variant) ? variant.variant : 'local';
  const forms = (v: string) => [payload, `${v.slice(0, 1)}${payload}${v.slice(1)}`];
  const build = (form: (old: string) => string): Case => {
    const config = structuredClone({ ...FULL, backend: BACKENDS[backend] }) as Record<string, unknown>;
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
      // In a list, the first element (of the step's variant, if one follows) that holds the rest of the path.
      const at = typeof step === 'string' ? step : Array.isArray(record) ? record.findIndex((e) => holds(e, steps.slice(i + 1))) : 0;
      if (at === -1) fail(steps, `no element holding ${describePattern(steps.slice(i + 1))} in the list at ${formatPath(path)}`);
      if (record[at] === undefined) fail(steps, `nothing at ${formatPath([...path, at])}`);
      path.push(at);
      if (last) record[at] = form(String(record[at]));
      else node = record[at];
    });
    return { pattern: describePattern(steps), path, yaml: stringify(config) };
  };
  return forms('x').map((_, i) => build((old) => forms(old)[i]));
}

/** Whether `node` has a value along `steps` (the first list element each time, a variant's tag matching). */
function holds(node: unknown, steps: readonly Step[]): boolean {
  let at: unknown = node;
  for (const [i, step] of steps.entries()) {
    if (at === undefined || at === null) return false;
    if (typeof step === 'object' && 'variant' in step) {
      if (step.discriminator && (at as Record<string, unknown>)[step.discriminator] !== step.variant) return false;
      continue;
    }
    if (typeof step === 'object' && 'mapPart' in step) return Object.keys(at as object).length > 0;
    if (typeof step === 'string') at = (at as Record<string, unknown>)[step];
    else return Array.isArray(at) && at.some((e) => holds(e, steps.slice(i + 1)));
  }
  return at !== undefined && at !== null;
}

function fail(steps: readonly Step[], what: string): never {
  throw new Error(`FULL has ${what} for ${describePattern(steps)}: add a value there so the field is tested`);
}


import { ORGANIZATION_ID_OUTPUT, OU_PATHS_OUTPUT } from '../stacks/stack-names';
import type { StackJson } from './synth-output';

/**
 * The token an account becomes in evaluated policies: "{acct-" and the name's UTF-8 bytes as
 * letters a-p, "}". An account name may hold any printable character but braces, quotes and
 * backslashes, so the name itself never goes into an ARN or a pattern: a ":" would split the
 * ARN, a "*" or "?" would be a wildcard, a digit run could read as an account id, and
 * "organization" or "ou:x" would read as other tokens.
 */
export function accountToken(name: string): string {
  // Cached: the evaluator asks for every principal and role of every decision (10,000 accounts).
  let token = TOKENS.get(name);
  if (token === undefined) {
    token = `{acct-${[...Buffer.from(name, 'utf8')].map((b) => NIBBLES[b >> 4] + NIBBLES[b & 15]).join('')}}`;
    TOKENS.set(name, token);
  }
  return token;
}
const TOKENS = new Map<string, string>();
const NIBBLES = 'abcdefghijklmnop';
const ACCOUNT_TOKEN = /\{acct-((?:[a-p]{2})+)\}/g;
const decodeName = (letters: string) =>
  Buffer.from(letters.match(/../g)!.map((pair) => NIBBLES.indexOf(pair[0]) * 16 + NIBBLES.indexOf(pair[1]))).toString('utf8');
/**
 * The management account in the model. Braces are the one thing no account name may hold, so
 * a member account named "management" stays a member account (a plain "management" here made
 * it share the management account's token: "*" groups lost it and its id replaced the root's).
 */
export const MANAGEMENT = '{management}';
/** An account of the model as people read it: the management account in words, others by name. */
export const accountLabel = (account: string) => (account === MANAGEMENT ? 'management account' : account);
export const ORG_TOKEN = '{organization}';
/** The organization root's id, known once the management stack is applied. */
export const ROOT_TOKEN = '{organization-root}';
/** The id of the OU resource aws_organizations_organizational_unit.KEY. */
export const ouToken = (resourceKey: string) => `{ou:${resourceKey}}`;
/** The entity path of the organization root, as aws:ResourceOrgPaths gives it for an account there. */
export const ROOT_PATH = `${ORG_TOKEN}/${ROOT_TOKEN}/`;

const REMOTE_OU_PATH = new RegExp(`^data\\.terraform_remote_state\\.[^.]+\\.outputs\\.${OU_PATHS_OUTPUT}\\["([^"]+)"\\]$`);

/**
 * Replaces every way the synthesized JSON refers to an account (literal id, remote-state
 * output, resource id) with one token per account, so that policies written in different
 * stacks compare equal. Terraform's escaped "$${" becomes the "${" that IAM sees.
 */
export class AccountRefs {
  private readonly nameByKey = new Map<string, string>();
  private readonly nameById = new Map<string, string>();
  readonly idByName = new Map<string, string>();

  /** The management stack's ou_org_paths output: OU key to its entity path, as written there. */
  private readonly ouPaths: Readonly<Record<string, string>>;

  constructor(management: StackJson, managementAccountId: string, organizationId?: string) {
    this.organizationId = organizationId;
    this.ouPaths = (management.output?.[OU_PATHS_OUTPUT]?.value ?? {}) as Record<string, string>;
    this.nameById.set(managementAccountId, MANAGEMENT);
    this.idByName.set(MANAGEMENT, managementAccountId);
    const accounts: Record<string, { name?: string }> = management.resource?.aws_organizations_account ?? {};
    for (const [key, account] of Object.entries(accounts)) if (account.name) this.nameByKey.set(key, account.name);
    for (const block of (management.import ?? []) as { id?: string; to?: string }[]) {
      const key = /^aws_organizations_account\.(.+)$/.exec(block.to ?? '')?.[1];
      const name = key && this.nameByKey.get(key);
      if (name && block.id) this.learnId(name, block.id);
    }
  }

  private readonly organizationId?: string;

  learnId(name: string, id: string): void {
    this.nameById.set(id, name);
    this.idByName.set(name, id);
  }

  /** The account name behind a reference (without "${...}"), or undefined. */
  private refName(raw: string): string | undefined {
    const ref = raw.replace(/\\"/g, '"');
    const output = /^data\.terraform_remote_state\.[^.]+\.outputs\.account_ids\["([^"]+)"\]$/.exec(ref);
    if (output) return output[1];
    const resource = /^aws_organizations_account\.([^.]+)\.id$/.exec(ref);
    if (resource) return this.nameByKey.get(resource[1]);
    return undefined;
  }

  /** Canonical form of any string from the synthesized JSON. */
  canon(text: string): string {
    const replaced = text.replace(/(\$?)\$\{([^}]*)\}/g, (whole, escape: string, ref: string) => {
      if (escape) return whole.slice(1);
      if (/^data\.aws_organizations_organization\.[^.]+\.id$/.test(ref) || ref.endsWith(`.outputs.${ORGANIZATION_ID_OUTPUT}`)) return ORG_TOKEN;
      if (/^data\.aws_organizations_organization\.[^.]+\.roots\[0\]\.id$/.test(ref)) return ROOT_TOKEN;
      const ou = /^aws_organizations_organizational_unit\.([^.]+)\.id$/.exec(ref);
      if (ou) return ouToken(ou[1]);
      const ouPath = REMOTE_OU_PATH.exec(ref.replace(/\\"/g, '"'));
      if (ouPath && this.ouPaths[ouPath[1]] !== undefined) return this.canon(this.ouPaths[ouPath[1]]);
      const name = this.refName(ref);
      return name ? accountToken(name) : whole;
    });
    const withIds = replaced.replace(/(?<![\d{])\d{12}(?!\d)/g, (id) => {
      const name = this.nameById.get(id);
      return name ? accountToken(name) : id;
    });
    return this.organizationId ? withIds.split(this.organizationId).join(ORG_TOKEN) : withIds;
  }

  /** The account name of a canonical token (accountToken), or undefined for anything else. */
  static nameOf(token: string): string | undefined {
    const letters = /^\{acct-((?:[a-p]{2})+)\}$/.exec(token)?.[1];
    return letters === undefined ? undefined : decodeName(letters);
  }

  /** The account a role ARN of canonical text names: its token's name, or undefined. */
  static accountOfRoleArn(arn: string): string | undefined {
    const token = /^arn:aws:iam::(\{acct-[a-p]+\}):role\//.exec(arn)?.[1];
    return token === undefined ? undefined : AccountRefs.nameOf(token);
  }

  /** Display form: each account token as the account's id where known, else as "{NAME}". */
  display(text: string): string {
    return text.replace(ACCOUNT_TOKEN, (_whole, letters: string) => {
      const name = decodeName(letters);
      return this.idByName.get(name) ?? `{${name}}`;
    });
  }
}

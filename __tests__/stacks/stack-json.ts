import type { StackJson } from '../helpers/synth';
import type { PolicyDocument, PolicyStatement } from '../../policies/document';

/** Resources of one type in a synthesized stack, by Terraform name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resourcesOf(json: StackJson, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The management stack output an account id comes from when the config has no id. */
export const remoteIdExpression = (name: string) => `\${data.terraform_remote_state.management.outputs.account_ids["${name}"]}`;
/** How policyOf shows such an id, so that the policy text parses as JSON. */
export const remoteId = (name: string) => `<id of ${name}>`;
/** How policyOf shows the management stack's organization id and OU entity paths. */
export const REMOTE_ORG_ID = '<organization id>';
export const remoteOuPath = (ouKey: string) => `<path of OU ${ouKey}>`;

/**
 * A policy attribute read back as IAM will see it: Terraform turns "$${" into a literal
 * "${" (IAM policy variables), and remote-state ids become remoteId(name).
 */
export function policyOf(attribute: string): PolicyDocument {
  const text = attribute
    .replace(/(?<!\$)\$\{data\.terraform_remote_state\.management\.outputs\.account_ids\["([^"\\]+)"\]\}/g, (_, name: string) => remoteId(name))
    .replace(/(?<!\$)\$\{data\.terraform_remote_state\.management\.outputs\.ou_org_paths\["([^"\\]+)"\]\}/g, (_, key: string) => remoteOuPath(key))
    .replace(/(?<!\$)\$\{data\.terraform_remote_state\.management\.outputs\.organization_id\}/g, REMOTE_ORG_ID)
    .replace(/\$\$\{/g, '${');
  return JSON.parse(text) as PolicyDocument;
}

export const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function actionsOf(doc: PolicyDocument): string[] {
  return doc.Statement.flatMap((s: PolicyStatement) => asList(s.Action as string | string[] | undefined));
}

/** Every string anywhere inside a JSON value, with its path. */
export function stringsIn(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** Terraform template interpolations `${...}` in a string, leaving out escaped `$${...}`. */
export function interpolations(text: string): string[] {
  return [...text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((m) => m[1]);
}

/** The MFA condition every human path to a role must carry. */
export const MFA_PRESENT = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

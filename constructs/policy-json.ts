import { policyJson, type PolicyDocument } from '../policies/document';

/**
 * Escapes IAM policy variables such as ${aws:username} so Terraform does not interpolate them;
 * one already escaped (a config string made literal, terraform-literal.ts) is left as it is.
 */
function escapePolicyVariables(json: string): string {
  // A function replacement: in a replacement string "$$" would collapse to a single "$".
  return json.replace(/(?<!\$)\$\{aws:/g, () => '$${aws:');
}

/**
 * A policy document as a Terraform string. IAM variables are escaped; and inside each
 * Terraform expression the quotes that JSON.stringify escaped (account_ids[\"NAME\"]) are
 * restored, since HCL rejects a backslash inside ${...} ("Invalid character").
 */
export function terraformPolicyJson(doc: PolicyDocument): string {
  return escapePolicyVariables(policyJson(doc)).replace(/(?<!\$)\$\{[^}]*\}/g, (expr) => expr.replace(/\\"/g, '"'));
}

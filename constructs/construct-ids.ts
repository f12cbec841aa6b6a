/**
 * The construct id of a child named after something in the config (an account, OU, group or
 * user key): `<kind>:<key>`. Fixed ids in this project never contain ":", and Terraform keys
 * never do, so a name can neither meet a fixed id ("backend", "account-ids"), nor another
 * kind's id ("user_a" + "_groups" against user "a_groups"), nor a property that the
 * constructs library's child table inherits from Object ("constructor"). Only construct
 * paths change with it: every resource sets its Terraform logical id itself.
 */
export function keyedConstructId(kind: string, key: string): string {
  return `${kind}:${key}`;
}

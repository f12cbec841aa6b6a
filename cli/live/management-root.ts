/**
 * A Deny that cannot touch the management account: one of its conditions is StringNotEquals
 * aws:PrincipalAccount with the management id among its values (the guard's runner-session
 * statement), which is false for every management principal, so the statement never applies to them.
 */
function exemptsManagement(s: Record<string, unknown>, managementAccountId: string): boolean {
  const notEquals = (s.Condition as Record<string, Record<string, unknown>> | undefined)?.StringNotEquals ?? {};
  return Object.entries(notEquals).some(([key, values]) => key.toLowerCase() === 'aws:principalaccount' && [values].flat().includes(managementAccountId));
}

/** Whether a trust policy lets the management account root assume the role with no condition at all. */
export function trustKeepsManagementRoot(policy: unknown, managementAccountId: string): boolean {
  const root = new Set([`arn:aws:iam::${managementAccountId}:root`, managementAccountId]);
  const statements = [(policy as { Statement?: unknown })?.Statement ?? []].flat() as Record<string, unknown>[];
  const denies = statements.some((s) => s.Effect === 'Deny' && !exemptsManagement(s, managementAccountId));
  return (
    !denies &&
    statements.some((s) => {
      if (s.Effect !== 'Allow' || s.Condition !== undefined || s.NotPrincipal !== undefined || s.NotAction !== undefined) return false;
      const actions = [s.Action ?? []].flat().map((a) => String(a).toLowerCase());
      const principals = [(s.Principal as { AWS?: unknown } | undefined)?.AWS ?? []].flat().map(String);
      return actions.some((a) => a === 'sts:assumerole' || a === 'sts:*' || a === '*') && principals.some((p) => root.has(p));
    })
  );
}

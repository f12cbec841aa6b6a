/** Whether a trust policy lets the management account root assume the role with no condition at all. */
export function trustKeepsManagementRoot(policy: unknown, managementAccountId: string): boolean {
  const root = new Set([`arn:aws:iam::${managementAccountId}:root`, managementAccountId]);
  const statements = [(policy as { Statement?: unknown })?.Statement ?? []].flat() as Record<string, unknown>[];
  const denies = statements.some((s) => s.Effect === 'Deny');
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

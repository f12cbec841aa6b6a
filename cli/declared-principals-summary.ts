import { declaredPrincipalsFor, describeScope, type DeclaredPrincipal } from '../config/declared-principals';
import { activeAccounts, type OrgConfig } from '../config/model';

/** What one declaration admits, in words: the principal and the conditions it is held to. */
export function describeDeclared(p: DeclaredPrincipal): string {
  switch (p.kind) {
    case 'aws':
      return `${p.arn} (${p.human ? 'MFA required' : 'machine role: no MFA condition'})`;
    case 'oidc':
      return `OIDC provider ${p.provider} of each account; sub ${p.subjects.join(' | ')}; aud ${p.audiences.join(' | ')}`;
    case 'saml':
      return `SAML provider ${p.provider} of each account; SAML:aud ${p.audiences.join(' | ')}`;
    case 'service':
      return `service ${p.service}; ${[p.sourceAccounts.length ? `aws:SourceAccount ${p.sourceAccounts.join(' | ')}` : '', p.sourceArns.length ? `aws:SourceArn ${p.sourceArns.join(' | ')}` : ''].filter(Boolean).join('; ')}`;
    case 'identityCenter':
      return `IAM Identity Center permission set ${p.permissionSet} in ${p.account === 'self' ? 'each account itself' : `account ${p.account}`} (MFA at Identity Center sign-in)`;
  }
}

/** The member accounts a declaration reaches. */
export function accountsReached(config: OrgConfig, p: DeclaredPrincipal): string[] {
  return activeAccounts(config)
    .filter((a) => declaredPrincipalsFor([p], a).length > 0)
    .map((a) => a.name);
}

/** The validate summary's lines for trust.principals; none when nothing is declared. */
export function declaredPrincipalsSummary(config: OrgConfig): string[] {
  const declared = config.trust.principals;
  if (!declared.length) return [];
  const lines = [`Declared principals (trust.principals): ${declared.length}, trusted beside the management root and identity users`];
  for (const p of declared) {
    const reached = accountsReached(config, p);
    lines.push(`  ${p.name} (${p.kind}): ${describeDeclared(p)}; ${describeScope(p.scope)}: ${reached.length} member account${reached.length === 1 ? '' : 's'}`);
  }
  return lines;
}

/** Declarations that are valid but will not do what they say, or need something in place before the apply. */
export function declaredPrincipalWarnings(config: OrgConfig): string[] {
  const warnings: string[] = [];
  for (const p of config.trust.principals) {
    if (!accountsReached(config, p).length) warnings.push(`declared principal "${p.name}" reaches no active member account (${describeScope(p.scope)})`);
    if (p.kind === 'oidc' || p.kind === 'saml') {
      warnings.push(
        `declared principal "${p.name}": the ${p.kind === 'oidc' ? 'OIDC' : 'SAML'} provider ${p.provider} must exist in every account of its scope before the trust stacks are applied ` +
          '(IAM refuses a trust policy that names a missing provider; `org-trust preflight` checks it)',
      );
    }
  }
  return warnings;
}

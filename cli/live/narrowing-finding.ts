import { warning, type Finding } from './findings';
import type { NarrowedPrincipal } from './narrowed-principals';

const MFA_TERM = /aws:multifactorauthpresent/;

/** How to keep a narrowed principal as it is, by what the apply adds. */
function keepAsItIs(n: NarrowedPrincipal, identityRoot: string): string {
  const mfa = n.added.some((t) => MFA_TERM.test(t));
  if (n.principal === `AWS ${identityRoot}`) {
    return mfa
      ? 'identity users without MFA must enrol a device before the apply (identity.requireMfa: false would keep them as they are, and is not recommended)'
      : 'only IAM users of the identity account are trusted after the apply; declare a role there in trust.principals to keep it';
  }
  if (mfa && /:role\//.test(n.principal)) return 'to keep it as it is, declare it with human: false if a machine uses it; people using it need an MFA session after the apply';
  return 'to keep it as it is, change its declaration in trust.principals (docs/declared-principals.md)';
}

/** The preflight warning of a principal the apply keeps but holds to new conditions. */
export function narrowingFinding(n: NarrowedPrincipal, identityRoot: string, account: string): Finding {
  return warning('trust', `the apply keeps ${n.principal} but adds ${n.added.join(' and ')}: a session without ${n.added.length > 1 ? 'them' : 'it'} is refused after the apply; ${keepAsItIs(n, identityRoot)}`, account);
}

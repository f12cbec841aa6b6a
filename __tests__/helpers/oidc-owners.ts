/**
 * Real-looking OIDC `sub` claims of many owners, per documented provider, and the patterns an
 * attacker or a careless user might write for them. Shared by the subject rule's class tests
 * and the evaluator proof.
 */

export interface ProviderCase {
  readonly provider: string;
  /** The owner every pattern below means to pin. */
  readonly owner: string;
  /** A token of an owner, as the provider issues it. */
  readonly token: (owner: string) => string;
  /** The literal start that pins `owner`, delimiter included. */
  readonly pinned: (owner: string) => string;
  /** Owners that must never be admitted by a pattern pinning `owner`. */
  readonly others: readonly string[];
}

const UUID_OWN = '6f2d8c1e-7b55-4b8e-9a41-0b3c7a265d9f';
const UUID_OTHERS = ['6f2d8c1e-7b55-4b8e-9a41-0b3c7a265d9e', '00000000-0000-0000-0000-000000000000', '6F2D8C1E-7B55-4B8E-9A41-0B3C7A265D9F'];
/** Names that share a prefix, a suffix or a shape with "acme", and look-alikes (Cyrillic а, fullwidth a). */
const NAME_OTHERS = ['acme-evil', 'acmex', 'acm', 'evil', 'a', 'acme-', 'xacme', 'ACME', 'Acme', '\u0430cme', '\uff41cme', 'acme.evil', 'acme_evil'];

/** The documented shapes, by the fixed start of their sub. */
const SHAPES: Record<string, Omit<ProviderCase, 'provider'>> = {
  repo: { owner: 'acme', token: (o) => `repo:${o}/infra:ref:refs/heads/main`, pinned: (o) => `repo:${o}/`, others: NAME_OTHERS },
  organization: {
    owner: 'acme',
    token: (o) => `organization:${o}:project:Default Project:workspace:org-trust:run_phase:apply`,
    pinned: (o) => `organization:${o}:`,
    others: NAME_OTHERS,
  },
  project_path: { owner: 'acme', token: (o) => `project_path:${o}/infra:ref_type:branch:ref:main`, pinned: (o) => `project_path:${o}/`, others: NAME_OTHERS },
};

export const PROVIDERS: readonly ProviderCase[] = [
  {
    provider: 'token.actions.githubusercontent.com',
    owner: 'acme',
    token: (o) => `repo:${o}/infra:ref:refs/heads/main`,
    pinned: (o) => `repo:${o}/`,
    others: NAME_OTHERS,
  },
  {
    provider: 'gitlab.com',
    owner: 'acme',
    token: (o) => `project_path:${o}/infra:ref_type:branch:ref:main`,
    pinned: (o) => `project_path:${o}/`,
    others: NAME_OTHERS,
  },
  {
    provider: 'app.terraform.io',
    owner: 'acme',
    token: (o) => `organization:${o}:project:Default Project:workspace:org-trust:run_phase:apply`,
    pinned: (o) => `organization:${o}:`,
    others: NAME_OTHERS,
  },
  {
    provider: 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
    owner: `{${UUID_OWN}}`,
    token: (o) => `${o}:{1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5}`,
    pinned: (o) => `${o}:`,
    others: UUID_OTHERS.map((u) => `{${u}}`),
  },
  {
    provider: `oidc.circleci.com/org/${UUID_OWN}`,
    owner: UUID_OWN,
    token: (o) => `org/${o}/project/1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5/user/0b3c7a26-5d9f-4b8e-9a41-6f2d8c1e7b55`,
    pinned: (o) => `org/${o}/`,
    others: UUID_OTHERS,
  },
  {
    provider: 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
    owner: 'deploy',
    token: (o) => `system:serviceaccount:${o}:org-trust`,
    pinned: (o) => `system:serviceaccount:${o}:`,
    others: ['deploy-evil', 'deplo', 'default', 'kube-system', 'deployx', 'Deploy', '\u0501eploy'],
  },
  // The same shapes from other hosts: GitHub Enterprise with data residency, HCP Terraform
  // Europe, self-managed GitLab. The shape of the subject decides, not the host.
  ...[
    ['token.actions.acme.ghe.com', 'repo'],
    ['app.eu.terraform.io', 'organization'],
    ['gitlab.example.com', 'project_path'],
    ['token.actions.githubusercontent.com:443', 'repo'],
  ].map(([provider, shape]): ProviderCase => ({ ...SHAPES[shape], provider })),
  {
    // An issuer org-trust knows nothing of: only the first segment can be required literal.
    provider: 'idp.example.com/tenant',
    owner: 'acme',
    token: (o) => `${o}:ci/infra`,
    pinned: (o) => `${o}:`,
    others: NAME_OTHERS.filter((n) => /^[\x21-\x7e]+$/.test(n) && !/[/:]/.test(n)),
  },
];

/**
 * Every pattern someone might write for `c`'s owner: each proper prefix of the pinned start
 * followed by `*`, each of its characters replaced by `?`, character classes (IAM has none:
 * they are literal), case variants, look-alikes, and the well-pinned ones with wildcards after.
 */
export function candidatePatterns(c: ProviderCase): string[] {
  const token = c.token(c.owner);
  const pinned = c.pinned(c.owner);
  const out = new Set<string>(['*', '?', '?*', '**']);
  for (let i = 0; i <= pinned.length; i++) {
    out.add(`${token.slice(0, i)}*`);
    out.add(`${token.slice(0, i)}?${token.slice(i + 1)}`);
    out.add(`${token.slice(0, i)}?*`);
  }
  for (let i = 0; i < pinned.length; i++) out.add(`${pinned.slice(0, i)}*${pinned.slice(i)}*`);
  out.add(`${pinned.slice(0, -1)}*`); // owner without its delimiter: "repo:acme*" admits "repo:acme-evil/..."
  out.add(`${pinned.slice(0, -1)}?*`);
  out.add(token.replace(c.owner, `[${c.owner[0]}]${c.owner.slice(1)}`));
  out.add(token.replace(c.owner, `[a-z]*`));
  out.add(token.toUpperCase());
  out.add(token.replace(/^[a-z]/, (ch) => ch.toUpperCase()));
  out.add(token.replace(c.owner, c.owner.toUpperCase()));
  out.add(token.replace('a', '\u0430'));
  out.add(token.replace(c.owner, `${c.owner}\u200b`));
  out.add(`${pinned}*`);
  out.add(`${pinned}?*`);
  out.add(token);
  out.add(`${token.slice(0, pinned.length + 2)}*`);
  out.add(`${pinned}*:ref:refs/heads/main`);
  return [...out];
}

/** IAM's StringLike: `*` any run, `?` one character, everything else literal and case-sensitive. */
export function stringLike(pattern: string, value: string): boolean {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'su').test(value);
}

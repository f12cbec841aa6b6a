import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateOrg } from '../../fixtures/generate-org';
import { exampleYaml } from './example';

/**
 * The configs whose JSON must be the same under cdktf and cdktn, as Terraform reads it. The
 * reference is written by one CDK (write-cdk-reference.ts, run by scripts/test-cdktn.sh from the
 * cdktf checkout) and compared by the other (__tests__/stacks/cdk-parity.test.ts in the cdktn copy).
 */
export function parityConfigs(): Record<string, string> {
  const generated = generateOrg({ members: 23, shardSize: 5, importEvery: 3, identityId: '200000000002' });
  return {
    example: exampleYaml(),
    'declared-principals': readFileSync(join(__dirname, '..', '..', 'examples', 'declared-principals.yaml'), 'utf8'),
    'generated-s3': stringify({ ...generated, backend: { type: 's3', bucket: 'org-state', region: 'eu-west-1', keyPrefix: 'org/' } }),
    'generated-cloud': stringify({ ...generated, identity: { ...generated.identity, requireMfa: false }, backend: { type: 'cloud', organization: 'acme', workspacePrefix: 'org-' } }),
  };
}

/**
 * The CDK this checkout builds with: the package the seam (constructs/cdktf.ts) imports. Read,
 * not spelled: scripts/cdktn-swap.cjs rewrites every quoted package name in the copy.
 */
export function cdkPackage(): string {
  const seam = readFileSync(join(__dirname, '..', '..', 'constructs', 'cdktf.ts'), 'utf8');
  const name = /^export \{ App\b.* from '([^']+)';$/m.exec(seam)?.[1];
  if (!name) throw new Error('constructs/cdktf.ts exports App from no package');
  return name;
}

/** The registry address Terraform resolves a provider source to ("aws" and "hashicorp/aws" are one). */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A stack's JSON as Terraform reads it: "//" keys are comments to Terraform (cdktf's metadata,
 * which names the CDK's version) and provider sources are compared by the address they resolve to.
 * Everything else, array order included, must match.
 */
export function terraformView(json: Json): Json {
  if (Array.isArray(json)) return json.map(terraformView);
  if (json === null || typeof json !== 'object') return json;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === '//') continue;
    out[key] = terraformView(value);
  }
  const providers = (out.terraform as { required_providers?: Record<string, { source?: string }> } | undefined)?.required_providers;
  if (providers) {
    for (const [name, p] of Object.entries(providers)) {
      if (typeof p?.source === 'string') providers[name] = { ...p, source: providerAddress(p.source) };
    }
  }
  return out;
}

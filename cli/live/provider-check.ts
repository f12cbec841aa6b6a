import { GetOpenIDConnectProviderCommand, GetSAMLProviderCommand } from '@aws-sdk/client-iam';
import { declaredPrincipalsFor } from '../../config/declared-principals';
import { AwsCallError, awsCall } from './aws-error';
import { blocks, ok, type Finding } from './findings';
import type { LiveContext, MatchedAccount } from './live-context';

/**
 * The IAM OIDC and SAML providers that the declarations in a member's scope name: each must
 * exist in that account before the trust apply, since IAM refuses a trust policy whose
 * Federated principal does not exist (MalformedPolicyDocument, "Invalid principal in policy").
 */
export async function providerFindings(ctx: LiveContext, m: MatchedAccount, session: string): Promise<Finding[]> {
  const federated = declaredPrincipalsFor(ctx.config.trust.principals, m.account).filter((p) => p.kind === 'oidc' || p.kind === 'saml');
  if (!federated.length || !m.id) return [];
  const iam = await ctx.clients.iamIn(m.id, ctx.config.organization.memberRoleName, session);
  const out: Finding[] = [];
  for (const p of federated) {
    const type = p.kind === 'oidc' ? 'oidc-provider' : 'saml-provider';
    const arn = `arn:aws:iam::${m.id}:${type}/${p.provider}`;
    try {
      if (p.kind === 'oidc') await awsCall('iam:GetOpenIDConnectProvider', () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), arn);
      else await awsCall('iam:GetSAMLProvider', () => iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn })), arn);
      out.push(ok('provider', `${p.name}: ${arn} exists`, m.account.name));
    } catch (e) {
      if (!(e instanceof AwsCallError)) throw e;
      const missing = e.code === 'NoSuchEntity' || e.code === 'NoSuchEntityException';
      out.push(
        blocks(
          'provider',
          missing
            ? `${p.name}: ${arn} does not exist; IAM refuses a trust policy naming it, so the apply of this account's trust would fail: create the provider first`
            : `${p.name}: cannot read ${arn}: ${e.message}`,
          m.account.name,
        ),
      );
    }
  }
  return out;
}

import { Construct } from 'constructs';
import { IamOrganizationsFeatures } from '@cdktf/provider-aws/lib/iam-organizations-features';

/**
 * organization.centralRootAccess: centralized root access for member accounts. New accounts
 * are then created without root credentials, and the management account can remove those of
 * existing ones; a privileged task in a member account is an sts:AssumeRoot session
 * (management.breakGlass, docs/runbook.md). Needs IAM trusted access in Organizations
 * (`aws organizations enable-aws-service-access --service-principal iam.amazonaws.com`),
 * which this product does not manage.
 */
export class CentralRootAccess extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const features = new IamOrganizationsFeatures(this, 'features', { enabledFeatures: ['RootCredentialsManagement', 'RootSessions'] });
    features.overrideLogicalId('central_root_access');
  }
}

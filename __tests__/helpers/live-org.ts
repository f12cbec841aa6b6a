import type { LiveOrganization, LiveOu } from '../../cli/live/live-organization';

/** A live organization as readOrganization returns it: an id, a root, the OUs given, no accounts unless given. */
export function liveOrganization(id: string, rootId: string, ous: readonly LiveOu[], accounts: LiveOrganization['accounts'] = []): LiveOrganization {
  return { id, managementAccountId: '111111111111', featureSet: 'ALL', rootId, rootPolicyTypes: ['SERVICE_CONTROL_POLICY'], ous, accounts };
}

import { loadOrg } from '../../lock/load-org';
import { configFingerprint } from '../../lock/synth-stamp';
import { EXAMPLE_PATH } from '../helpers/example';

/**
 * Outputs synthesized by earlier versions carry this stamp; `report` compares it with the
 * config. A rename of a model field must not change it (see stampedConfig). A new config field
 * does: management.passwordPolicy (with its defaults) changed it from sha256:8a74ae2a…, so an
 * output synthesized before it is refused as stale, which it is (it lacks that password policy).
 */
const EXAMPLE_STAMP = 'sha256:bf2c34376f36b9fcce2c3efd3eba01b9df17d2b91091b6fd755e45f3bcab0286';

describe('the synth stamp', () => {
  const org = loadOrg(EXAMPLE_PATH);

  it('of the example is the one earlier versions wrote', () => {
    expect(configFingerprint(org.config, org.plan.lock)).toBe(EXAMPLE_STAMP);
  });

  it('changes when the trust guard or centralized root access is turned on (both change the stacks), not while they are off', () => {
    expect(configFingerprint({ ...org.config, trust: { ...org.config.trust, guard: true } }, org.plan.lock)).not.toBe(EXAMPLE_STAMP);
    expect(configFingerprint({ ...org.config, organization: { ...org.config.organization, centralRootAccess: true } }, org.plan.lock)).not.toBe(EXAMPLE_STAMP);
  });

  it('follows the MFA rule, under its config name', () => {
    const withoutMfa = { ...org.config, identity: { ...org.config.identity, denyWithoutMfa: false } };
    expect(configFingerprint(withoutMfa, org.plan.lock)).not.toBe(EXAMPLE_STAMP);
  });
});

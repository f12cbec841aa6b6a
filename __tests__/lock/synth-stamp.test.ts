import { loadOrg } from '../../lock/load-org';
import { configFingerprint } from '../../lock/synth-stamp';
import { EXAMPLE_PATH } from '../helpers/example';

/**
 * Outputs synthesized by earlier versions carry this stamp; `report` compares it with the
 * config. A rename of a model field must not change it (see stampedConfig).
 */
const EXAMPLE_STAMP = 'sha256:8a74ae2abad96d22734505425290026617e0bf141d5ebdc1447a1ea09a838422';

describe('the synth stamp', () => {
  const org = loadOrg(EXAMPLE_PATH);

  it('of the example is the one earlier versions wrote', () => {
    expect(configFingerprint(org.config, org.plan.lock)).toBe(EXAMPLE_STAMP);
  });

  it('follows the MFA rule, under its config name', () => {
    const withoutMfa = { ...org.config, identity: { ...org.config.identity, denyWithoutMfa: false } };
    expect(configFingerprint(withoutMfa, org.plan.lock)).not.toBe(EXAMPLE_STAMP);
  });
});

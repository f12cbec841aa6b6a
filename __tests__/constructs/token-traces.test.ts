import { Testing } from '../../constructs/cdktf';
import { withoutTokenTraces } from '../../constructs/token-traces';
import { parseConfig } from '../../config/load-config';
import { generateOrgYaml } from '../../fixtures/generate-org';
import { planOrg } from '../../lock/org-plan';
import { addOrgStacks } from '../../stacks/org-app';

/** Every stack of a generated org, synthesized after building it with `build`. */
function synthWith(build: <T>(f: () => T) => T): Record<string, string> {
  const config = parseConfig(generateOrgYaml({ members: 30 }));
  const stacks = build(() => addOrgStacks(Testing.app(), config, planOrg(config)));
  return Object.fromEntries([stacks.management, stacks.identity, ...stacks.trust.values()].map((s) => [s.node.id, Testing.synth(s)]));
}

describe('building the constructs without token creation traces', () => {
  it('synthesizes the same JSON', () => {
    expect(synthWith(withoutTokenTraces)).toEqual(synthWith((f) => f()));
  });

  it('gives plain objects an empty trace, as cdktf captures them, and errors their frames', () => {
    const traced = withoutTokenTraces(() => {
      const object = { stack: '' };
      Error.captureStackTrace(object);
      return { object: object.stack, error: new Error('boom').stack ?? '' };
    });
    expect(traced.object).toBe('');
    expect(traced.error).toMatch(/^Error: boom\n {4}at .+token-traces\.test\.ts/);
  });

  it('restores the previous formatter, also when the build throws', () => {
    const before = Error.prepareStackTrace;
    expect(() =>
      withoutTokenTraces(() => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(Error.prepareStackTrace).toBe(before);
    const object = { stack: '' };
    Error.captureStackTrace(object);
    expect(object.stack).not.toBe('');
  });
});

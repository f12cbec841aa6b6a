import { exampleYaml } from './helpers/example';
import { synthYaml } from './helpers/synth';

describe('example org', () => {
  it('synthesizes management, identity and one trust stack', () => {
    const result = synthYaml(exampleYaml());
    expect(Object.keys(result.json).sort()).toEqual(['identity', 'management', 'trust-1']);
  });
});

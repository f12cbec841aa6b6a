import { generateOrg } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthYaml } from '../helpers/synth';
import { asInput, retire, toYaml } from '../helpers/org-inputs';

/** A config with more moving parts than the example: retired accounts, several stacks, tags. */
function mixedYaml(): string {
  let input = asInput(generateOrg({ members: 23, shardSize: 4, importEvery: 3 }));
  input.accounts[5] = { ...input.accounts[5], tags: { Team: 'x', CostCenter: '7' } };
  input = retire(input, 'acct-0007');
  return toYaml(input);
}

describe.each([
  ['the example', exampleYaml],
  ['a generated org with retired accounts', mixedYaml],
])('synth of %s', (_, yaml) => {
  it('is byte-identical twice in a row, without and with a lock', () => {
    const a = synthYaml(yaml());
    const b = synthYaml(yaml());
    expect(Object.keys(b.text)).toEqual(Object.keys(a.text));
    for (const name of Object.keys(a.text)) expect(b.text[name]).toBe(a.text[name]);

    const c = synthYaml(yaml(), a.stacks.plan.lock);
    const d = synthYaml(yaml(), a.stacks.plan.lock);
    for (const name of Object.keys(c.text)) expect(d.text[name]).toBe(c.text[name]);
    expect(c.stacks.plan.changes).toEqual([]);
  });
});

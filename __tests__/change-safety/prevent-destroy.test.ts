import { generateOrg } from '../../fixtures/generate-org';
import { exampleYaml } from '../helpers/example';
import { synthYaml, type StackJson } from '../helpers/synth';
import { asInput, toYaml } from '../helpers/org-inputs';
import { isTrustStackName } from '../../stacks/stack-names';
import { blocksOf } from './stack-walk';

/** Accounts with closeOnDeletion: true, the identity account among them. */
const CLOSING = ['identity', 'acct-0002', 'acct-0005'];

function closingYaml(): string {
  const input = asInput(generateOrg({ members: 12, shardSize: 5 }));
  input.identityAccount = { ...input.identityAccount, closeOnDeletion: true };
  input.accounts = input.accounts.map((a) => (CLOSING.includes(a.name) ? { ...a, closeOnDeletion: true } : a));
  return toYaml(input);
}

describe.each([
  ['the example', exampleYaml, [] as string[]],
  ['a generated org asking to close three accounts', closingYaml, CLOSING],
])('destroy protection in %s', (_, yaml, closing) => {
  const stacks = Object.entries(synthYaml(yaml()).json);
  const all = stacks.flatMap(([name, s]) => blocksOf(s, 'resource').map(([address, block]): [string, string, StackJson] => [name, address, block]));
  const ofType = (type: string) => all.filter(([, address]) => address.startsWith(`${type}.`));

  it('every account and every OU has prevent_destroy', () => {
    const accounts = ofType('aws_organizations_account');
    const units = ofType('aws_organizations_organizational_unit');
    expect(accounts.length).toBeGreaterThan(4);
    expect(units.length).toBeGreaterThan(2);
    for (const [, address, block] of [...accounts, ...units]) expect([address, block.lifecycle?.prevent_destroy]).toEqual([address, true]);
  });

  it('every imported resource, every member role among them, has prevent_destroy', () => {
    const imports = stacks.flatMap(([name, s]) => ((s.import ?? []) as { to: string }[]).map((i) => [name, i.to] as const));
    const roles = imports.filter(([, to]) => to.startsWith('aws_iam_role.'));
    expect(roles.length).toBe(ofType('aws_iam_role').filter(([stack]) => isTrustStackName(stack)).length);
    for (const [stack, to] of imports) {
      const target = all.find(([s, address]) => s === stack && address === to);
      expect([to, target?.[2].lifecycle?.prevent_destroy]).toEqual([to, true]);
    }
  });

  it('close_on_deletion is true exactly where the config says so', () => {
    const closingAccounts = ofType('aws_organizations_account')
      .filter(([, , block]) => block.close_on_deletion !== false)
      .map(([, , block]) => [block.name, block.close_on_deletion])
      .sort();
    expect(closingAccounts).toEqual([...closing].sort().map((name) => [name, true]));
  });
});

import { terraformKey } from '../../config/iam-names';
import { parseConfig } from '../../config/load-config';
import { EMPTY_HISTORY } from '../../lock/history';
import type { ShardLock } from '../../lock/lock-format';
import { planOrg } from '../../lock/org-plan';
import { roleContinuityIssues } from '../../lock/role-continuity';
import { synthConfig, synthYaml, type StackJson } from '../helpers/synth';
import { exampleInput, renameMember, retire, toYaml, withAccounts, withoutAccount, type OrgInput } from '../helpers/org-inputs';

/** What the synthesized stack itself says about a role address: declared, moved away, or forgotten. */
function continues(stack: StackJson | undefined, key: string): boolean {
  const address = `aws_iam_role.member_${key}`;
  const blocks = (kind: string) => ((stack?.[kind] ?? []) as { from: string }[]).map((b) => b.from);
  return Boolean(stack?.resource?.aws_iam_role?.[`member_${key}`]) || blocks('moved').includes(address) || blocks('removed').includes(address);
}

const withShardSize = (input: OrgInput, shardSize: number): OrgInput => ({ ...input, trust: { ...input.trust, shardSize } });
const newcomer = (name: string) => ({ name, email: `${name.toLowerCase()}@example.com` });

describe('a member role never leaves the trust stack its lock names without a moved or removed block (I4)', () => {
  // Every kind of change the config can ask for, each synthesized with the lock of the one before.
  const steps: [string, (input: OrgInput) => OrgInput][] = [
    ['accounts added', (i) => withAccounts(i, [...i.accounts, newcomer('Zeta'), newcomer('Alpha')])],
    ['a smaller shardSize', (i) => withShardSize(i, 2)],
    ['a rename', (i) => renameMember(i, 'ACCOUNT02', 'Payments', true)],
    ['a change of case', (i) => renameMember(i, 'Logging', 'LOGGING', true)],
    ['a retirement', (i) => retire(i, 'ACCOUNT03')],
    ['the retired entry deleted', (i) => withoutAccount(i, 'ACCOUNT03')],
    // Declared again, the key leaves the history: the newcomer goes to the stack that held it (trust-1, over shardSize 2).
    ['a newcomer under the forgotten name', (i) => withAccounts(i, [...i.accounts, newcomer('ACCOUNT03')])],
    // renamedFrom may leave after one synth (the history keeps the move); then the old name is free again.
    ['a newcomer under a rename\'s old name', (i) => withAccounts(i, [...i.accounts.map(({ renamedFrom: _r, ...a }) => a), newcomer('ACCOUNT02')])],
  ];

  it.each(steps.map((s, n) => [n, s[0]] as const))('step %i, %s: the planner keeps every role, and the JSON agrees', (n) => {
    let input = exampleInput();
    let lock: ShardLock | undefined;
    for (const [, edit] of steps.slice(0, n)) {
      input = edit(input);
      lock = synthYaml(toYaml(input), lock).stacks.plan.lock;
    }
    const previous = lock ?? planOrg(parseConfig(toYaml(input))).lock;
    const next = synthYaml(toYaml(steps[n][1](input)), previous);
    expect(roleContinuityIssues(previous, next.stacks.plan, 'org.lock.json')).toEqual([]);
    const history = previous.history ?? EMPTY_HISTORY;
    const held = [
      ...Object.entries(previous.accounts).map(([name, { stack }]) => [terraformKey(name), stack]),
      ...history.accountMoves.flatMap((m) => (m.stack ? [[m.from, m.stack]] : [])),
      ...history.forgottenAccounts.map((f) => [f.key, f.stack]),
    ];
    for (const [key, stack] of held) expect([key, stack, continues(next.json[stack], key)]).toEqual([key, stack, true]);
  });

  it('refuses a plan that puts a locked role into another stack (what a hand-edited older lock produced), naming both stacks', () => {
    const config = parseConfig(toYaml(exampleInput()));
    const committed = planOrg(config).lock;
    const edited: ShardLock = { ...committed, accounts: { ...committed.accounts, Logging: { stack: 'trust-2' } } };
    const plan = planOrg(config, edited);
    const head = synthConfig(config, edited).json;
    // The JSON the check protects against: trust-1 neither holds nor forgets the role, so its apply destroys it.
    expect(continues(head['trust-1'], 'logging')).toBe(false);
    expect(roleContinuityIssues(committed, plan, 'org.lock.json')).toEqual([
      {
        path: ['accounts', 'Logging'],
        message: expect.stringMatching(/^the role of account "Logging" is in trust-1, but this synth would leave aws_iam_role\.member_logging out of trust-1 \(and put it into trust-2\) without a moved or removed block/),
      },
    ]);
  });

  it('refuses a plan that drops a locked role from every stack; an account removed from the config is left to its own refusal', () => {
    const config = parseConfig(toYaml(exampleInput()));
    const committed = planOrg(config).lock;
    const plan = planOrg(config, committed);
    const withoutLogging = { ...plan, stacks: new Map([...plan.stacks].map(([s, accounts]) => [s, accounts.filter((a) => a.name !== 'Logging')])) };
    expect(roleContinuityIssues(committed, withoutLogging, 'org.lock.json').map((i) => i.message)).toEqual([expect.stringMatching(/out of trust-1 without a moved or removed block/)]);
    const removed = planOrg(parseConfig(toYaml(withoutAccount(exampleInput(), 'Logging'))), committed);
    expect(removed.removedWithoutRetiring).toEqual(['Logging']);
    expect(roleContinuityIssues(committed, removed, 'org.lock.json')).toEqual([]);
  });
});

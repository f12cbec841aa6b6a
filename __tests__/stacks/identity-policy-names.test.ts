import { stringify } from 'yaml';
import { generateOrg } from '../../fixtures/generate-org';
import { synthYaml } from '../helpers/synth';
import { resourcesOf } from './stack-json';

describe('identity group policy names', () => {
  it('stay unique and within 128 characters when a long-named group needs several policies', () => {
    const input = generateOrg({ members: 900, shardSize: 100 });
    const longName = 'G'.repeat(120);
    // 900 named accounts: three policies of about 380 ids.
    input.identity!.groups![0] = { name: longName, users: ['alice'], accounts: input.accounts!.map((a) => a.name) };
    const policies = Object.values(resourcesOf(synthYaml(stringify(input)).json.identity, 'aws_iam_policy')) as { name: string }[];
    const names = policies.map((p) => p.name).filter((n) => n.startsWith('GGG'));
    expect(names.length).toBeGreaterThan(1);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(128);
    expect(names.map((n) => n.slice(-2)).sort()).toEqual(names.map((_, i) => `-${i + 1}`).sort());
  });
});

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * The pull-request change the report benchmark reviews: one user joins the group on named
 * accounts (up to 300), and one account moves from its OU to the other. Written beside a copy
 * of the base's lock, so that both synths place every role in the same stack.
 */
export function writeChangedOrg(baseConfig: string, baseLock: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const config = parse(readFileSync(baseConfig, 'utf8')) as { accounts: { ou?: string }[]; identity: { groups: { name: string; users: string[] }[] } };
  config.identity.groups.find((g) => g.name === 'some')?.users.push('erin');
  const moved = config.accounts[0];
  if (moved) moved.ou = moved.ou === 'Workloads/Prod' ? 'Workloads/Dev' : 'Workloads/Prod';
  const path = join(dir, 'org.yaml');
  writeFileSync(path, stringify(config));
  copyFileSync(baseLock, join(dir, 'org.lock.json'));
  return path;
}

import { readFileSync, writeFileSync } from 'node:fs';

/** The lock file's JSON, loosely typed for hand edits. */
export type LockJson = Record<string, unknown> & { accounts: Record<string, { stack: string }> };

/**
 * Rewrites a sealed lock file as version 2, as a hand edit that escapes the seal would: no
 * seal, no organization; `more` edits it further.
 */
export function downgradeLock(path: string, more: (json: LockJson) => void = () => undefined): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as LockJson;
  json.version = 2;
  delete json.seal;
  delete json.managementAccountId;
  more(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { MANAGEMENT_ACCOUNT_ID } from './aws-env';
import type { E2eEnvironment } from './environment';
import { createMemberAccount } from './organization';
import { REPO_ROOT } from './paths';

/**
 * The repository's example org.yaml, made to fit the emulator: the management account is
 * moto's default one, and the account the example adopts by id (ACCOUNT03) is created in
 * the emulator first and its real id written in. Comments and everything else stay as shipped.
 */
export async function exampleOrgForEmulator(e2e: E2eEnvironment): Promise<{ yaml: string; adoptedId: string }> {
  const doc = parseDocument(readFileSync(join(REPO_ROOT, 'org.yaml'), 'utf8'));
  doc.setIn(['organization', 'managementAccountId'], MANAGEMENT_ACCOUNT_ID);
  const accounts = doc.getIn(['accounts']) as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  const adopted = accounts.items.find((a) => a.get('id') !== undefined);
  if (!adopted) throw new Error('the example org adopts no account by id');
  const adoptedId = await createMemberAccount(e2e, { name: String(adopted.get('name')), email: String(adopted.get('email')) });
  adopted.set('id', adoptedId);
  return { yaml: doc.toString(), adoptedId };
}

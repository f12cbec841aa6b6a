import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../errors/user-errors';
import { checkOrgLock, loadOrg } from '../../lock/load-org';
import { EXAMPLE_PATH } from '../helpers/example';
import { refusal } from '../helpers/refusal';
import { tempDir } from '../helpers/run-main';

/**
 * Each file in __tests__/invalid-locks is an org.lock.json with one defect, beside the bundled
 * org.yaml and a local state file. Its "//" header says which message must appear
 * (`expect: field.path: message`): the header is not part of the seal, so it may say so.
 */
const DIR = join(__dirname, '..', 'invalid-locks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

/** The message of the refusal of `lockFile`, checked as synth and validate check it. */
function refusalOf(lockFile: string): string {
  const dir = tempDir();
  copyFileSync(EXAMPLE_PATH, join(dir, 'org.yaml'));
  copyFileSync(lockFile, join(dir, 'org.lock.json'));
  writeFileSync(join(dir, 'terraform.trust-1.tfstate'), '{}');
  return refusal(() => checkOrgLock(loadOrg(join(dir, 'org.yaml')), { frozen: false, outdir: join(dir, 'cdktf.out'), env: {} }), ConfigError);
}

describe('invalid lock corpus', () => {
  it('holds a case for each class of lock defect', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s is refused with its message', (name) => {
    const file = join(DIR, name);
    const expected = /^expect: (.+)$/.exec((JSON.parse(readFileSync(file, 'utf8')) as { '//': string })['//'])?.[1];
    expect(expected).toBeDefined();
    const message = refusalOf(file);
    expect(message).toContain(`org.lock.json: ${expected}`);
    expect(message).not.toMatch(/^\s+at /m);
  });
});

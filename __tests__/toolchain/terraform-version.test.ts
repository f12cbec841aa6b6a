import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformRequirement, terraformVersionWarning } from '../../toolchain/terraform-version';

/** A stand-in `terraform` that reports the given version, as `terraform version -json` does. */
function fakeTerraform(version: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fake-tf-')), 'terraform');
  writeFileSync(path, `#!/bin/sh\necho '{"terraform_version":"${version}","platform":"linux_amd64"}'\n`);
  chmodSync(path, 0o755);
  return path;
}

const local = terraformRequirement({ type: 'local' });
const s3Locking = terraformRequirement({ type: 's3', bucket: 'b', region: 'us-east-1', keyPrefix: 'p', useLockfile: true });
const s3NoLocking = terraformRequirement({ type: 's3', bucket: 'b', region: 'us-east-1', keyPrefix: 'p', useLockfile: false });

describe('the Terraform version check', () => {
  it('needs 1.7 for import and removed blocks, 1.10 for the S3 lockfile', () => {
    expect(local.version).toEqual([1, 7]);
    expect(s3NoLocking.version).toEqual([1, 7]);
    expect(s3Locking.version).toEqual([1, 10]);
  });

  it('accepts a new enough Terraform and warns about an old one, naming what needs the newer one', () => {
    const tf18 = fakeTerraform('1.8.5');
    expect(terraformVersionWarning(local, tf18)).toBeUndefined();
    expect(terraformVersionWarning(s3Locking, tf18)).toBe(`${tf18} 1.8.5 is too old for the S3 backend's use_lockfile: plan and apply need >= 1.10`);
    expect(terraformVersionWarning(local, fakeTerraform('1.6.2'))).toMatch(/1\.6\.2 is too old for import and removed blocks: plan and apply need >= 1\.7$/);
    expect(terraformVersionWarning(s3Locking, fakeTerraform('1.10.0'))).toBeUndefined();
    expect(terraformVersionWarning(local, fakeTerraform('2.0.0'))).toBeUndefined();
  });

  it('only warns when there is no Terraform: synth does not need one', () => {
    expect(terraformVersionWarning(local, '/nonexistent/terraform')).toMatch(/was not found: the JSON is written, but plan and apply need Terraform >= 1\.7 or OpenTofu/);
  });
});

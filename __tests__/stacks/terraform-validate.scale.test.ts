import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleYaml } from '../helpers/example';
import { synthYaml, type StackJson } from '../helpers/synth';

/**
 * I8 (docs/invariants.md) against real Terraform: `terraform validate` evaluates functions whose
 * arguments are constants, so an unescaped `${file("...")}` of a missing file fails it.
 * The synthesized stacks of a config full of such payloads validate; the same JSON with one
 * payload unescaped does not (the control that shows the check can fail). Runs where
 * Terraform and a provider mirror (see e2e/README.md) are present.
 */
function findMirror(): string | undefined {
  if (process.env.TF_PROVIDER_MIRROR) return process.env.TF_PROVIDER_MIRROR;
  const out = spawnSync('find', ['/', '-maxdepth', '6', '-type', 'd', '-path', '*registry.terraform.io/hashicorp/aws'], { encoding: 'utf8' }).stdout ?? '';
  const dir = out.split('\n').find(Boolean);
  return dir ? join(dir, '..', '..', '..') : undefined;
}
const mirror = findMirror();
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
const suite = mirror && terraform ? describe : describe.skip;

const PAYLOAD_YAML = exampleYaml()
  // Tags cannot carry ${ or %{ (AWS Organizations tag characters exclude $, { and }): OU names can.
  .replace('    - name: Security\n', `    - name: 'W\${file("no-such-file")}%{if true}k%{endif}'\n    - name: Security\n`)
  .replace('email: aws-logging@example.com', `email: 'a\${file("/no/such/mail")}b@example.com'`);

suite('terraform validate of payload-laden stacks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-validate-'));
  const rc = join(dir, 'tf.rc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror { path = "${mirror}" }\n}\n`);
  const version = mirror ? readdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'))[0] : '';
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

  /** Validates one stack's JSON, pinned to the mirror's provider version and without its backend. */
  const validate = (name: string, json: StackJson) => {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    const copy = structuredClone(json);
    copy.terraform.required_providers.aws.version = version;
    delete copy.terraform.backend;
    writeFileSync(join(folder, 'cdk.tf.json'), JSON.stringify(copy));
    if (!existsSync(join(folder, '.terraform'))) execFileSync('terraform', ['init', '-backend=false', '-no-color'], { cwd: folder, env, stdio: 'ignore' });
    return spawnSync('terraform', ['validate', '-no-color'], { cwd: folder, env, encoding: 'utf8' });
  };

  const { json } = synthYaml(PAYLOAD_YAML);

  // The management stack holds the free-text fields (OU names, emails); the other
  // stacks carry IAM names and account names, which the schema already limits.
  it('management validates: no payload is evaluated', () => {
    expect(JSON.stringify(json.management)).toContain('$${file(\\"no-such-file\\")}');
    const r = validate('management', json.management);
    expect(r.stdout + r.stderr).toContain('The configuration is valid');
  }, 60_000);

  it('control: the management stack with one payload unescaped fails validate', () => {
    const text = JSON.stringify(json.management).replace('$${file(\\"no-such-file\\")}', '${file(\\"no-such-file\\")}');
    expect(text).toContain('${file(\\"no-such-file\\")}');
    const r = validate('management', JSON.parse(text));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Invalid function argument|no file exists/);
  }, 60_000);
});

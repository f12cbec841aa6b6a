import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformKey } from '../config/iam-names';
import type { OrgConfigInput } from '../config/schema';
import { ADOPTED, edit, generatedOrg } from './generated/generated-org';
import { mapPool } from '../cli/live/pool';
import { DEFAULT_STACK_CONCURRENCY, OrgWorkspace, StackValidator, findProviderMirror, terraformEnv, withoutAwsSettings, writeTerraformCliConfig } from './harness';

const CLOUD: OrgConfigInput['backend'] = { type: 'cloud', organization: 'acme', workspacePrefix: 'org-trust-' };
const VALID = 'Success! The configuration is valid.';

/**
 * `terraform validate`, with the real provider's schema, of the stacks no other flow applies:
 * the Terraform Cloud backend (`cloud` block, `remote` remote state), for the generated org
 * after a rename, a retirement and a forgotten account in one synth (moved and removed blocks,
 * the provider kept for a forgotten role). No emulator. The local backend is applied by
 * example-org and generated-org, the s3 backend by s3-backend; each validate loads the
 * provider's schema (about 4 s of CPU), so this file validates only what they do not apply.
 */
describe('terraform validate: Terraform Cloud backend, with rename, retirement and forgotten-account history', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'org-trust-e2e-validate-rc-'));
  const env = { ...withoutAwsSettings(), ...terraformEnv(writeTerraformCliConfig(scratch, findProviderMirror())) };
  const validator = new StackValidator(env);
  const ws = new OrgWorkspace(env, 'validate');
  // Two at a time: each validate loads the provider's schema, a few seconds of one core.
  const validateAll = async () =>
    Object.fromEntries(
      await mapPool(ws.stackNames(), DEFAULT_STACK_CONCURRENCY, async (s) => [s, (await validator.validate(ws.terraform(s).dir)).stdout.trim()] as const),
    );

  afterAll(() => {
    ws.remove();
    validator.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  describe('the generated org after a rename, a retirement and a forgotten account in one synth', () => {
    let validated: Record<string, string>;

    beforeAll(async () => {
      let config: OrgConfigInput = { ...generatedOrg('333333333333'), backend: CLOUD };
      ws.writeConfig(config);
      // With remote state, the first synth of an organization says so.
      await ws.synth({ env: { ORG_LOCK_INIT: '1' } });
      config = edit.update(config, 'app09', (a) => ({ ...a, id: '444444444444', retired: true }));
      ws.writeConfig(config);
      await ws.synth();
      config = edit.remove(config, 'app09');
      config = edit.update(config, ADOPTED, (a) => ({ ...a, name: 'core', renamedFrom: ADOPTED }));
      config = edit.update(config, 'app05', (a) => ({ ...a, id: '555555555555', retired: true }));
      ws.writeConfig(config);
      await ws.synth();
      validated = await validateAll();
    });

    it('writes the cloud block, and the moved and removed blocks', () => {
      for (const stack of ws.stackNames()) expect((ws.stackJson(stack).terraform as { cloud?: unknown }).cloud).toBeDefined();
      const blocks = (stack: string, kind: 'moved' | 'removed') => JSON.stringify(ws.stackJson(stack)[kind] ?? []);
      expect(blocks('management', 'moved')).toContain(`aws_organizations_account.account_${terraformKey('core')}`);
      expect(blocks('trust-3', 'moved')).toContain('aws_iam_role.member_core');
      expect(blocks('management', 'removed')).toContain('aws_organizations_account.account_app09');
      expect(blocks('management', 'removed')).toContain('aws_organizations_account.account_app05');
      expect(blocks('trust-2', 'removed')).toContain('aws_iam_role.member_app09');
      expect(blocks('trust-1', 'removed')).toContain('aws_iam_role.member_app05');
    });

    it('validates every stack', () => {
      expect(validated).toEqual(Object.fromEntries(ws.stackNames().map((s) => [s, VALID])));
    });

    it('control: validate fails on an argument the provider does not have', async () => {
      const dir = ws.terraform('trust-3').dir;
      const file = join(dir, 'cdk.tf.json');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('"assume_role_policy"');
      writeFileSync(file, text.replace('"assume_role_policy"', '"assume_role_policies"'));
      const result = await validator.validate(dir);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('No argument or block type is named "assume_role_policies"');
    });
  });
});

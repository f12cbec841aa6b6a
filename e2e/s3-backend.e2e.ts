import { existsSync, readdirSync } from 'node:fs';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { OrgConfigInput } from '../config/schema';
import {
  MANAGEMENT_ACCOUNT_ID,
  OrgWorkspace,
  applyAll,
  createOrganization,
  expectMemberTrust,
  iamIn,
  planAll,
  startE2eEnvironment,
  unclean,
  type E2eEnvironment,
  type StackPlan,
} from './harness';

const BUCKET = 'acme-org-trust-state';
const PREFIX = 'org-trust';
const MEMBERS = ['shared-services', 'workload'];

const config: OrgConfigInput = {
  organization: { managementAccountId: MANAGEMENT_ACCOUNT_ID, region: 'us-east-1', organizationalUnits: [{ name: 'Workloads' }] },
  identityAccount: { name: 'IAM', email: 'aws-iam@example.com' },
  accounts: MEMBERS.map((name) => ({ name, email: `aws-${name}@example.com`, ou: 'Workloads' })),
  identity: { groups: [{ name: 'admins', users: ['alice'], accounts: ['*'] }] },
  backend: { type: 's3', bucket: BUCKET, region: 'us-east-1', keyPrefix: PREFIX, useLockfile: true },
};

/**
 * State in the emulator's S3 with Terraform's S3-native locking (use_lockfile: a conditional
 * PutObject, If-None-Match: *, of `<key>.tflock`; moto 5.2.5 honours it in
 * moto/s3/responses.py, put_object, and answers 412 PreconditionFailed when the object exists).
 * The endpoint comes from AWS_ENDPOINT_URL, like the provider's; the S3 endpoint rules address
 * buckets by path when that endpoint's host is an IP address, so no path-style setting is needed.
 */
describe('S3 backend with use_lockfile, against the emulator', () => {
  let e2e: E2eEnvironment;
  let ws: OrgWorkspace;
  let s3: S3Client;
  let keysAfterApply: string[];
  let plans: StackPlan[];

  const stateKey = (stack: string) => `${PREFIX}/${stack}.tfstate`;
  const listKeys = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();

  beforeAll(async () => {
    e2e = await startE2eEnvironment({ region: 'us-east-1' });
    await createOrganization(e2e);
    s3 = new S3Client(e2e.sdk());
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    ws = new OrgWorkspace(e2e.env, 's3');
    ws.writeConfig(config);
    // With remote state, synth refuses to start a lock unless told this is a new organization.
    await ws.synth({ env: { ORG_LOCK_INIT: '1' } });
    await applyAll(ws);
    keysAfterApply = await listKeys();
    plans = await planAll(ws);
  });

  afterAll(async () => {
    await e2e?.stop();
    ws?.remove();
  });

  it('writes the s3 backend with use_lockfile into every stack', () => {
    expect(ws.stackNames()).toEqual(['management', 'identity', 'trust-1']);
    for (const stack of ws.stackNames()) {
      expect((ws.stackJson(stack).terraform as { backend: unknown }).backend).toEqual({
        s3: { bucket: BUCKET, key: stateKey(stack), region: 'us-east-1', encrypt: true, use_lockfile: true },
      });
    }
  });

  it('keeps every stack\'s state in the bucket, releases every lock, and writes no local state', async () => {
    expect(keysAfterApply).toEqual(['identity', 'management', 'trust-1'].map(stateKey));
    const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: stateKey('management') }))).Body!.transformToString();
    const state = JSON.parse(body) as { resources: { type: string; name: string }[]; outputs: { account_ids: { value: Record<string, string> } } };
    expect(state.resources.filter((r) => r.type === 'aws_organizations_account').map((r) => r.name).sort()).toEqual(['account_iam', 'account_shared_services', 'account_workload']);
    expect(Object.keys(state.outputs.account_ids.value).sort()).toEqual(['IAM', ...MEMBERS].sort());
    expect(readdirSync(ws.dir).filter((f) => f.endsWith('.tfstate'))).toEqual([]);
    expect(existsSync(`${ws.dir}/cdktf.out/stacks/management/terraform.tfstate`)).toBe(false);
  });

  it('applies the trust stack with ids read from the management state in S3', async () => {
    const { account_ids: ids } = (await ws.terraform('management').outputs()) as { account_ids: Record<string, string> };
    for (const name of MEMBERS) await expectMemberTrust(await iamIn(e2e, ids[name]), { managementAccountId: MANAGEMENT_ACCOUNT_ID, identityAccountId: ids.IAM });
  });

  it('plans every stack to no changes', () => {
    expect(unclean(plans)).toEqual({});
  });

  it('refuses to run while someone else holds the lock object, and runs once it is gone', async () => {
    const lockKey = `${stateKey('management')}.tflock`;
    const held = { ID: '4f6a7a34-6c62-4f5e-9d1c-000000000000', Operation: 'OperationTypeApply', Who: 'alice@laptop', Version: '1.11.4', Created: new Date().toISOString(), Path: `${BUCKET}/${stateKey('management')}` };
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: lockKey, Body: JSON.stringify(held), ContentType: 'application/json' }));
    const tf = ws.terraform('management');
    const blocked = await tf.exec(['plan', '-input=false', '-no-color', '-lock-timeout=0s']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('Error acquiring the state lock');
    expect(blocked.stderr).toContain('PreconditionFailed');
    expect(blocked.stderr).toContain('alice@laptop');
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: lockKey }));
    expect((await tf.plan()).outcome).toBe('no-changes');
    expect(await listKeys()).toEqual(keysAfterApply);
  });
});

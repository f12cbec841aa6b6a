import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ensureMoto } from './venv';

export interface MotoServer {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  /** Whether every account holds the AWS-managed policies (startMoto's `awsManagedPolicies`). */
  readonly awsManagedPolicies: boolean;
  /** Stops the server; safe to call twice. Its state (the whole emulated AWS) is gone. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const running = new Set<ChildProcess>();
// Whatever happens to the test process (a failed assertion, a timeout, Ctrl-C), no server outlives it.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/**
 * Starts moto_server on 127.0.0.1 on a free port and waits until it answers. One server
 * holds one emulated AWS in memory: use one per flow, and `stop()` it in afterAll.
 */
export async function startMoto(options: { timeoutMs?: number; awsManagedPolicies?: boolean } = {}): Promise<MotoServer> {
  const binary = ensureMoto();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // No MOTO_ACCOUNT_ID: it would pin every call, assumed roles included, to one account.
  const env = { ...process.env };
  delete env.MOTO_ACCOUNT_ID;
  // AWS-managed policies (AdministratorAccess, ...) in every account, as in AWS (moto/settings.py,
  // load_iam_aws_managed_policies; off by default). moto loads ~1,000 of them into each new
  // account's IAM, about 1.7 s per CreateAccount here: only flows that attach one ask for them.
  if (options.awsManagedPolicies) env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
  else delete env.MOTO_IAM_LOAD_MANAGED_POLICIES;
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) return { endpoint, port, awsManagedPolicies: options.awsManagedPolicies ?? false, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

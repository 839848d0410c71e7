/**
 * Helpers of the local Lambda's end-to-end tests (local-lambda.test.ts): an
 * SDK client signing with the server's credential, deploy and invoke through
 * it, and what the tests read of processes and cgroups while they wait.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2, type CreateFunctionCommandInput, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { isAlive } from './cgroup-fs.js';
import { handlerZip, reportFields } from './handlers.fixture.js';
import type { ApiCredentials } from './credentials.js';
import type { LocalLambda } from './types.js';

export const ROLE = 'arn:aws:iam::000000000000:role/local-test';
export const ZIP = handlerZip();


/** A client signing with the server's own credential (calls that change functions need it). */
export function clientFor(endpoint: string, credentials: ApiCredentials): LambdaClient {
  return new LambdaClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export async function deploy(client: LambdaClient, name: string, handler: string, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> {
  await client.send(new CreateFunctionCommand({
    FunctionName: name, Role: ROLE, Runtime: 'nodejs20.x', Handler: `index.${handler}`,
    Code: { ZipFile: ZIP }, MemorySize: 1769, Timeout: 10, ...extra,
  }));
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: name });
}

export interface Invoked {
  readonly raw: InvokeCommandOutput;
  readonly body: unknown;
  readonly log: string;
  readonly report: Map<string, string>;
}

export async function invoke(client: LambdaClient, name: string, event: unknown = {}): Promise<Invoked> {
  const raw = await client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), LogType: 'Tail' }));
  const text = new TextDecoder().decode(raw.Payload);
  const log = Buffer.from(raw.LogResult ?? '', 'base64').toString('utf8');
  return { raw, body: text === '' ? undefined : JSON.parse(text), log, report: reportFields(log) };
}

export async function rejection(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; error: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, error: error as Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

// aws-lambda-ric is an optional dependency (its native build needs autotools):
// this suite runs on whichever client `auto` picks, and CI's second pass, which
// builds the ric, sets WLB_REQUIRE_RIC=1 so the native client cannot silently
// be skipped there.

/** A path the `hold` handler waits for (created by the test to let its invocations finish). */
export function releaseFile(name: string): string {
  return join(tmpdir(), `local-lambda-release-${process.pid}-${name}`);
}

/** Environments of `functionName` busy with an invocation now. */
export function busyEnvironments(lambda: LocalLambda, functionName: string): number {
  return lambda.status().environments.filter((e) => e.functionName === functionName && e.state === 'busy').length;
}

/** Polls `condition` until it holds or a generous bound passes (waiting for a state, not timing it); answers whether it held. */
export async function waitFor(condition: () => boolean, boundMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

/**
 * The CFS quota and period of the cpu cgroup `pid` is in, read from the kernel's files: the
 * group from /proc/<pid>/cgroup, its directory under the hierarchy's mount from /proc/self/mountinfo.
 */
export function cpuQuotaOf(pid: number, mode: 'cgroup-v1' | 'cgroup-v2'): { quotaUs: number | 'max'; periodUs: number } {
  const memberships = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n').map((line) => line.split(':'));
  const group = mode === 'cgroup-v2'
    ? memberships.find((m) => m[0] === '0' && m[1] === '')?.[2]
    : memberships.find((m) => (m[1] ?? '').split(',').includes('cpu'))?.[2];
  const mount = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((line) => {
    const [before = '', after = ''] = line.split(' - ');
    const fields = before.split(' ');
    const [fsType = '', , superOptions = ''] = after.split(' ');
    return { root: fields[3] ?? '', mountPoint: fields[4] ?? '', fsType, superOptions: superOptions.split(',') };
  }).find((m) => (mode === 'cgroup-v2' ? m.fsType === 'cgroup2' : m.fsType === 'cgroup' && m.superOptions.includes('cpu')));
  if (group === undefined || mount === undefined) throw new Error(`no ${mode} cpu group for pid ${pid}`);
  const dir = join(mount.mountPoint, mount.root === '/' ? group : group.slice(mount.root.length));
  if (mode === 'cgroup-v2') {
    const [quota = '', period = ''] = readFileSync(join(dir, 'cpu.max'), 'utf8').trim().split(' ');
    return { quotaUs: quota === 'max' ? 'max' : Number(quota), periodUs: Number(period) };
  }
  const quota = Number(readFileSync(join(dir, 'cpu.cfs_quota_us'), 'utf8'));
  return { quotaUs: quota === -1 ? 'max' : quota, periodUs: Number(readFileSync(join(dir, 'cpu.cfs_period_us'), 'utf8')) };
}

/** The state letter of /proc/<pid>/stat: T while stopped (frozen), S while blocked in a poll. */
export function processState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** Polls a process's state until it is `wanted` or a generous bound (a shared, loaded machine) passes; answers the last state seen. */
export async function stateBecomes(pid: number, wanted: string, boundMs = 20_000): Promise<string> {
  const deadline = Date.now() + boundMs;
  let state = processState(pid);
  while (state !== wanted && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    state = processState(pid);
  }
  return state;
}


/** Polls until `pid` is gone (a killed child may linger a moment as a zombie before it is reaped). */
export async function diesWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return !isAlive(pid);
}

/** The cgroup directories a server with this pid would have created (none must remain). */
export function cgroupDirsOf(serverPid: number): string[] {
  const found: string[] = [];
  for (const controller of ['cpu', 'memory']) {
    const own = readFileSync('/proc/self/cgroup', 'utf8').split('\n').map((l) => l.split(':')).find((f) => (f[1] ?? '').split(',').includes(controller));
    const base = join('/sys/fs/cgroup', controller, own?.[2] ?? '/');
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) if (name === `wasm-lambda-bench-${serverPid}`) found.push(join(base, name));
  }
  return found;
}

/**
 * Handlers cannot reach the server's secrets or other functions' code: when
 * the server runs as root, a handler that tries to read the server's
 * environment, rewrite or list another function's code, rewrite its own, or
 * signal another environment is refused by the kernel. When the server is not
 * root, handlers run as its user and the status says so (covered by the pure
 * checks below; the live suite needs root and is skipped with that reason).
 */

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idPool, othersCanRead } from './sandbox-user.js';
import { startLocalLambda } from './server.js';
import type { LocalLambda } from './types.js';

const PROBE_SOURCE = `
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const attempt = (action) => {
  try {
    action();
    return 'allowed';
  } catch (error) {
    return error.code ?? String(error);
  }
};

export const whoami = async () => ({
  uid: process.getuid(),
  gid: process.getgid(),
  pid: process.pid,
  taskRoot: process.env.LAMBDA_TASK_ROOT,
  envKeys: Object.keys(process.env),
  source: readFileSync(join(process.env.LAMBDA_TASK_ROOT, 'index.mjs'), 'utf8').length,
});

export const attack = async (event) => ({
  uid: process.getuid(),
  readServerEnvironment: attempt(() => readFileSync('/proc/' + process.ppid + '/environ')),
  rewriteOtherCode: attempt(() => writeFileSync(join(event.victimRoot, 'index.mjs'), 'export const whoami = async () => "pwned";')),
  listOtherCode: attempt(() => readdirSync(event.victimRoot)),
  addToOtherCode: attempt(() => writeFileSync(join(event.victimRoot, 'extra.mjs'), 'x')),
  rewriteOwnCode: attempt(() => writeFileSync(join(process.env.LAMBDA_TASK_ROOT, 'index.mjs'), 'x')),
  signalOtherEnvironment: attempt(() => process.kill(event.victimPid, 0)),
  writeTmp: attempt(() => writeFileSync(join(tmpdir(), 'scratch'), 'ok')),
});
`;

const ROLE = 'arn:aws:iam::000000000000:role/local-test';
const ZIP = zipSync({ 'index.mjs': [strToU8(PROBE_SOURCE), { os: 3, attrs: (0o100644 << 16) >>> 0 }] });
const SECRET = 'WLB_SANDBOX_TEST_SECRET';
const isRoot = process.getuid?.() === 0;

describe('who may run handlers (pure checks)', () => {
  it('takes a block of 65,536 ids above 2^30 when mapped, nobody in a small user namespace, nothing otherwise', () => {
    const full = '         0          0 4294967295\n';
    expect(idPool(full, full, 3)).toEqual({ first: 0x4000_0000 + 3 * 0x1_0000, count: 0x1_0000 });
    // Different servers take different blocks; every block stays below 2^31 (spawn's int32 uid).
    const last = idPool(full, full, 0x3fff);
    expect(last && last.first + last.count - 1).toBe(0x7fff_ffff);
    const rootless = '0 100000 65536\n';
    expect(idPool(rootless, rootless, 3)).toEqual({ first: 65534, count: 1 });
    expect(idPool('0 1000 1\n', '0 1000 1\n', 3)).toBeUndefined();
  });

  it('requires o+x on every ancestor and o+r on the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-sandbox-modes-'));
    try {
      const inner = join(dir, 'inner');
      mkdirSync(inner);
      const file = join(inner, 'file.mjs');
      writeFileSync(file, 'x');
      chmodSync(dir, 0o755);
      chmodSync(inner, 0o755);
      chmodSync(file, 0o644);
      expect(othersCanRead(file)).toBe(true);
      expect(othersCanRead(file, true)).toBe(false);
      chmodSync(inner, 0o750);
      expect(othersCanRead(file)).toBe(false);
      chmodSync(inner, 0o711);
      chmodSync(file, 0o600);
      expect(othersCanRead(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!isRoot)('handlers as users of their own (needs root: the server must be able to switch users)', () => {
  let lambda: LocalLambda;
  let client: LambdaClient;

  beforeAll(async () => {
    // A secret in the server's environment that no handler may see.
    process.env[SECRET] = 'do-not-leak';
    lambda = await startLocalLambda({ notice: () => undefined, freezeIdle: false });
    client = new LambdaClient({
      endpoint: lambda.endpoint, region: 'us-east-1', maxAttempts: 1,
      credentials: lambda.credentials,
    });
    for (const name of ['victim', 'attacker']) {
      await client.send(new CreateFunctionCommand({
        FunctionName: name, Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.whoami', Code: { ZipFile: ZIP }, MemorySize: 256,
      }));
      await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: name });
    }
  }, 60_000);

  afterAll(async () => {
    delete process.env[SECRET];
    client?.destroy();
    await lambda?.close();
  });

  async function call(name: string, event: unknown = {}): Promise<Record<string, unknown>> {
    const raw = await client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event) }));
    expect(raw.FunctionError).toBeUndefined();
    return JSON.parse(new TextDecoder().decode(raw.Payload)) as Record<string, unknown>;
  }

  it('says so in the status', () => {
    expect(lambda.status().handlerUser).toBe('separate-user');
    expect(lambda.status().handlerUserReason).toBeUndefined();
  });

  it("keeps a handler out of the server's environment, other functions' code and environments, and its own code", async () => {
    const victim = await call('victim');
    expect(victim.uid).not.toBe(0);
    expect(victim.envKeys).not.toContain(SECRET);
    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'attacker', Handler: 'index.attack' }));
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 20 }, { FunctionName: 'attacker' });
    const attack = await call('attacker', { victimRoot: victim.taskRoot, victimPid: victim.pid });
    expect(attack).toEqual({
      uid: expect.any(Number),
      readServerEnvironment: 'EACCES',
      rewriteOtherCode: 'EACCES',
      listOtherCode: 'EACCES',
      addToOtherCode: 'EACCES',
      rewriteOwnCode: 'EACCES',
      signalOtherEnvironment: 'EPERM',
      writeTmp: 'allowed',
    });
    expect(attack.uid).not.toBe(0);
    expect(attack.uid).not.toBe(victim.uid);
    // The victim still runs its own code, unchanged.
    const again = await call('victim');
    expect(again.source).toBe(victim.source);
  }, 60_000);
});

/**
 * A process embedding the local Lambda, for the lifecycle tests: it starts the
 * server, creates a function, runs `--envs` invocations at once so that many
 * environments exist, waits until every one is frozen (SIGSTOP, state T), then
 * prints its registry entry (process groups, cgroups, work directory) as one
 * JSON line and waits to be killed. With `--close-on-signal` it handles
 * SIGINT/SIGTERM as an embedding program should (await close(), then exit);
 * without, Node's default applies (the process just dies).
 *
 * With `--cgroups off` no cgroup is made: then no other local Lambda's start-up
 * cgroup sweep (cgroup-sweep.ts; any test or bench on the machine) can kill
 * its environments, and only its watchdog or a registry sweep does.
 *
 * Run: node --import tsx lambda/local/lifecycle.fixture.ts [--envs 3] [--close-on-signal] [--cgroups off]
 * It exits by itself after two minutes if nobody kills it.
 */

import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { handlerZip } from './handlers.fixture.js';
import { registryDir } from './reaper.js';
import { startLocalLambda } from './server.js';

const LIFETIME_MS = 120_000;
const WAIT_MS = 30_000;

/** One registry entry, as the watchdog writes it. */
export interface FixtureEntry {
  readonly server: { pid: number };
  readonly watchdog: { pid: number };
  readonly groups: Array<{ pgid: number; start: string | null }>;
  readonly cgroups: string[];
  readonly dirs: string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { envs: { type: 'string' }, 'close-on-signal': { type: 'boolean' }, cgroups: { type: 'string' } } });
  const envs = Number(values.envs ?? '3');
  const cgroups = values.cgroups ?? 'auto';
  if (cgroups !== 'auto' && cgroups !== 'off') throw new Error(`--cgroups takes auto or off, not ${cgroups}`);
  setTimeout(() => process.exit(3), LIFETIME_MS).unref();
  const lambda = await startLocalLambda({ port: 0, cgroups, notice: (message) => process.stderr.write(`${message}\n`) });
  if (values['close-on-signal']) {
    const stop = (signal: NodeJS.Signals): void => {
      void lambda.close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  // Keeps the event loop alive until killed (the server's own handles may all be idle).
  const alive = setInterval(() => undefined, 1000);
  const client = new LambdaClient({
    endpoint: lambda.endpoint,
    region: 'us-east-1',
    credentials: lambda.credentials,
    maxAttempts: 1,
  });
  await client.send(new CreateFunctionCommand({
    FunctionName: 'held',
    Runtime: 'nodejs22.x',
    Role: 'arn:aws:iam::000000000000:role/local',
    Handler: 'index.sleepy',
    Code: { ZipFile: handlerZip() },
  }));
  const payload = new TextEncoder().encode(JSON.stringify({ ms: 200 }));
  const results = await Promise.all(Array.from({ length: envs }, () => client.send(new InvokeCommand({ FunctionName: 'held', Payload: payload }))));
  const failed = results.find((r) => r.FunctionError !== undefined);
  if (failed) throw new Error(`invocation failed: ${new TextDecoder().decode(failed.Payload)}`);
  client.destroy();
  const pids = lambda.status().environments.map((env) => env.pid ?? -1);
  const states = (): string => pids.map((pid) => `${pid}:${stateOf(pid) ?? 'gone'}`).join(' ');
  await until(() => pids.length === envs && pids.every((pid) => stateOf(pid) === 'T'), () => `every environment frozen (${states()})`);
  let entry: FixtureEntry | undefined;
  await until(() => {
    entry = readEntry();
    return entry !== undefined && entry.groups.length === envs && entry.dirs.length >= 1;
  }, 'the watchdog registered every environment');
  process.stdout.write(`${JSON.stringify(entry)}\n`);
  void alive;
}

/** This server's registry entry, once the watchdog has written it. */
function readEntry(): FixtureEntry | undefined {
  const dir = registryDir();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const name = names.find((n) => n.startsWith(`${process.pid}-`) && n.endsWith('.json'));
  if (name === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8')) as FixtureEntry;
  } catch {
    return undefined;
  }
}

/** The state letter of /proc/<pid>/stat (T: stopped). */
function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2);
  } catch {
    return undefined;
  }
}

async function until(condition: () => boolean, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`lifecycle fixture: ${(error as Error).message}\n`);
  process.exit(1);
});

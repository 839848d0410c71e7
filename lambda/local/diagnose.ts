/**
 * What the local Lambda's CPU limit and freezing do on real time, measured
 * and printed, never asserted: these depend on the machine and on what else
 * runs, so they stay out of `npm test` (whose tests check the deterministic
 * part: the cgroup's quota file, that an idle environment ends up stopped).
 *
 *   npx tsx lambda/local/diagnose.ts [--memory 128,512,1769] [--n 4000000] [--repeat 3]
 *       [--runtime-client auto|fallback]
 *
 * For each memory size, a CPU-bound handler (the tests' `spin`) runs `repeat`
 * times warm; the fastest run's CPU share (its own process.cpuUsage over its
 * own wall time) and REPORT Duration are printed next to the share the CFS
 * quota allows, memorySize/1769 of a core. Then an environment made idle is
 * watched until it is stopped (state T in /proc/<pid>/stat), and invoked
 * again to show the thaw. Prints figures; the exit status is 0 unless the
 * server could not be driven at all.
 */

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { FREEZE_GRACE_MS } from './freezer.js';
import { MB_PER_VCPU } from './cgroup.js';
import { handlerZip, reportFields, reportNumber } from './handlers.fixture.js';
import { startLocalLambda } from './server.js';

const { values } = parseArgs({
  options: {
    memory: { type: 'string', default: '128,512,1769' },
    n: { type: 'string', default: '4000000' },
    repeat: { type: 'string', default: '3' },
    'runtime-client': { type: 'string', default: 'auto' },
  },
});

/** One CPU-bound invocation as the handler and the REPORT line saw it. */
interface SpinRun {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly durationMs: number;
}

/** Creates a function running HANDLER_SOURCE's `handler` export and waits until it is Active. */
async function deploy(client: LambdaClient, name: string, handler: string, memoryMb: number): Promise<void> {
  await client.send(new CreateFunctionCommand({
    FunctionName: name, Role: 'arn:aws:iam::000000000000:role/diagnose', Runtime: 'nodejs20.x',
    Handler: `index.${handler}`, Code: { ZipFile: handlerZip() }, MemorySize: memoryMb, Timeout: 900,
  }));
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 60 }, { FunctionName: name });
}

/** Invokes with a log tail; answers the handler's result and the REPORT fields. */
async function invoke(client: LambdaClient, name: string, event: unknown): Promise<{ body: unknown; report: Map<string, string> }> {
  const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), LogType: 'Tail' }));
  if (out.FunctionError !== undefined) throw new Error(`${name} failed: ${new TextDecoder().decode(out.Payload)}`);
  const log = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
  return { body: JSON.parse(new TextDecoder().decode(out.Payload)) as unknown, report: reportFields(log) };
}

/** The state letter of /proc/<pid>/stat (T: stopped, i.e. frozen). */
function processState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Runs `spin` warm at one memory size; answers the fastest run (least disturbed by other load). */
async function measureSpin(client: LambdaClient, memoryMb: number, n: number, repeat: number): Promise<SpinRun> {
  const name = `diagnose-spin-${memoryMb}`;
  await deploy(client, name, 'spin', memoryMb);
  await invoke(client, name, { n: 1 }); // the cold start (init runs unthrottled) out of the way
  let best: SpinRun | undefined;
  for (let i = 0; i < repeat; i++) {
    const { body, report } = await invoke(client, name, { n });
    const own = body as { cpuMs: number; wallMs: number };
    const run = { cpuMs: own.cpuMs, wallMs: own.wallMs, durationMs: reportNumber(report, 'Duration') ?? NaN };
    if (best === undefined || run.durationMs < best.durationMs) best = run;
  }
  if (best === undefined) throw new Error('--repeat must be at least 1');
  return best;
}

/** Makes one environment idle while another works, and reports whether and when it was stopped, then thawed. */
async function diagnoseFreezing(client: LambdaClient): Promise<string[]> {
  await deploy(client, 'diagnose-freeze-a', 'echo', 1769);
  await deploy(client, 'diagnose-freeze-b', 'echo', 1769);
  await invoke(client, 'diagnose-freeze-b', {});
  const { pid } = (await invoke(client, 'diagnose-freeze-a', {})).body as { pid: number };
  const idleSince = performance.now();
  await invoke(client, 'diagnose-freeze-b', {});
  let state = processState(pid);
  while (state !== 'T' && performance.now() - idleSince < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    state = processState(pid);
  }
  const waited = Math.round(performance.now() - idleSince);
  const lines = [state === 'T'
    ? `  idle environment (pid ${pid}) stopped: state T ${waited} ms after another environment got work (freeze grace ${FREEZE_GRACE_MS} ms)`
    : `  idle environment (pid ${pid}) NOT stopped after ${waited} ms: state ${state}`];
  const again = await invoke(client, 'diagnose-freeze-a', {});
  const samePid = (again.body as { pid: number }).pid === pid;
  lines.push(`  next invocation: ${samePid && !again.report.has('Init Duration') ? 'thawed, same process, warm' : 'served by a new environment (not a thaw)'}`);
  return lines;
}

/** Starts an embedded local Lambda, measures, prints, closes it. */
async function main(): Promise<void> {
  const sizes = (values.memory ?? '').split(',').map(Number);
  const n = Number(values.n);
  const repeat = Number(values.repeat);
  if (sizes.some((m) => !Number.isInteger(m) || m < 128 || m > 10_240) || !(n > 0) || !(repeat >= 1)) {
    throw new Error('--memory takes sizes from 128 to 10240 MB (comma-separated); --n and --repeat must be positive');
  }
  const lambda = await startLocalLambda({ runtimeClient: values['runtime-client'] === 'fallback' ? 'fallback' : 'auto', notice: () => undefined });
  const client = new LambdaClient({ endpoint: lambda.endpoint, region: 'us-east-1', credentials: lambda.credentials, maxAttempts: 1 });
  try {
    const status = lambda.status();
    const [load1] = loadavg();
    console.log(`local Lambda: cpuLimit ${status.cpuLimit}, memoryLimit ${status.memoryLimit}, runtime client ${status.runtimeClient}; ${availableParallelism()} CPUs, load average ${load1?.toFixed(2)}`);
    if (status.cpuLimitReason !== undefined) console.log(`  (${status.cpuLimitReason})`);
    console.log(`CPU share of a CPU-bound handler (${n} iterations, fastest of ${repeat} warm runs):`);
    const runs = new Map<number, SpinRun>();
    for (const memoryMb of sizes) {
      const run = await measureSpin(client, memoryMb, n, repeat);
      runs.set(memoryMb, run);
      const allowed = status.cpuLimit === 'none' ? 'no quota (unthrottled)' : `quota ${percent(memoryMb / MB_PER_VCPU)} of a core`;
      console.log(`  ${String(memoryMb).padStart(5)} MB: ${allowed}; measured ${percent(run.cpuMs / run.wallMs)} (${run.cpuMs.toFixed(0)} ms CPU in ${run.wallMs.toFixed(0)} ms), REPORT Duration ${run.durationMs.toFixed(0)} ms`);
    }
    const smallest = Math.min(...sizes);
    const largest = Math.max(...sizes);
    const slow = runs.get(smallest);
    const fast = runs.get(largest);
    if (slow && fast && smallest !== largest) {
      const predicted = Math.min(1, largest / MB_PER_VCPU) / Math.min(1, smallest / MB_PER_VCPU);
      console.log(`  ${smallest} MB took ${(slow.durationMs / fast.durationMs).toFixed(1)}x as long as ${largest} MB (the quotas predict ${predicted.toFixed(1)}x with a core free)`);
    }
    console.log('Freezing:');
    for (const line of await diagnoseFreezing(client)) console.log(line);
  } finally {
    client.destroy();
    await lambda.close();
  }
}

main().catch((error: unknown) => {
  console.error(`diagnose: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

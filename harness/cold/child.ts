/**
 * The cold-start child: one fresh `node` process per sample, bundled to
 * build/harness/cold-child.mjs and run without any loader.
 *
 *   node [engine flags] cold-child.mjs <job.json>
 *
 * It loads one target through its adapter (timing each named phase), makes
 * the first call and then the next calls one by one, and reports everything
 * as JSON lines on file descriptor 3 (stdout and stderr stay free for the
 * workload). Clocks are process.hrtime.bigint(): CLOCK_MONOTONIC, shared with
 * the parent, so the parent can subtract its spawn timestamp.
 *
 * Harness overhead (reading the job and input files) is timed separately and
 * is never part of a target phase. The input is read after the target has
 * loaded, as in Lambda, where the event arrives after init.
 */
import { readFileSync } from 'node:fs';
import { sendMessage } from './message-pipe.js';
import { memoryFigures } from '../resources/process.js';
import type { Payload, PhaseTimer, TargetWorkload, WorkloadDefinition } from '../contract/index.js';
import type { ChildMessage, ChildResultMessage, ColdJob } from './types.js';

// The first harness line. Only builtins and side-effect-free helpers are
// imported statically above; the target registry (whose modules may do work
// at load, e.g. locating the project root) is imported below, timed as
// harness overhead, in target and baseline children alike.
const startedAt = process.hrtime.bigint();

const now = (): bigint => process.hrtime.bigint();

/** Sends one message to the parent. */
function send(message: ChildMessage): void {
  sendMessage(message);
}

/**
 * The process's own peak RSS. Linux's getrusage ru_maxrss (resourceUsage().maxRSS,
 * KiB) survives fork+exec, so a child spawned by a 170 MB parent reports 170 MB;
 * VmHWM in /proc/self/status belongs to this process image alone.
 */
function peakRssBytes(maxRssKiB: number): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) * 1024;
  } catch {
    // No procfs (not Linux): fall back to getrusage, inherited figure and all.
  }
  return maxRssKiB * 1024;
}

function processFigures(): Pick<ChildResultMessage, 'maxRssBytes' | 'cpuUserUs' | 'cpuSystemUs' | 'node' | 'v8' | 'execArgv'> {
  const usage = process.resourceUsage();
  return {
    maxRssBytes: peakRssBytes(usage.maxRSS),
    cpuUserUs: usage.userCPUTime,
    cpuSystemUs: usage.systemCPUTime,
    node: process.version,
    v8: process.versions.v8,
    execArgv: process.execArgv,
  };
}

async function sha256(payload: Payload): Promise<string> {
  // Imported only after every timed call: it is verification, not startup. Not harness/verify/digest.ts:
  // bundled into this child, its static node:crypto import would load at process start and be timed.
  // The child only digests; the parent checks the digests (harness/verify/check.ts, from sample.ts).
  const { createHash } = await import('node:crypto');
  return createHash('sha256')
    .update(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload)
    .digest('hex');
}

async function main(): Promise<void> {
  const jobPath = process.argv[2];
  if (!jobPath) throw new Error('usage: cold-child.mjs <job.json>');
  const jobRead = now();
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as ColdJob;
  const { findTarget } = await import('../targets/index.js');
  let harnessNs = Number(now() - jobRead);

  if (job.kind === 'baseline') {
    // Nothing to load or call: the first result is "the harness is running".
    const inputRead = now();
    readFileSync(job.inputPath);
    harnessNs += Number(now() - inputRead);
    const firstResultAt = now();
    send({ type: 'first' });
    const memory = memoryFigures();
    send({
      type: 'result',
      startedAtNs: startedAt.toString(),
      firstResultAtNs: firstResultAt.toString(),
      harnessNs,
      phases: [],
      callsNs: [],
      memoryAfterFirstCall: memory,
      memoryAtEnd: memoryFigures(),
      ...processFigures(),
    });
    return;
  }

  const adapter = findTarget(job.target);
  if (!adapter) throw new Error(`unknown target ${job.target}`);
  const definition: WorkloadDefinition = {
    ...job.manifest,
    generateInput: () => {
      throw new Error('the cold child never generates input: the parent prepares it');
    },
  };
  const workload: TargetWorkload = { definition, artifacts: job.artifacts };
  const phases: Array<{ name: string; ns: number }> = [];
  const timer: PhaseTimer = async (name, fn) => {
    const start = now();
    const value = await fn();
    phases.push({ name, ns: Number(now() - start) });
    return value;
  };
  const loaded = await adapter.load(workload, timer);

  const inputRead = now();
  const raw = readFileSync(job.inputPath);
  const input: Payload = job.inputKind === 'text' ? raw.toString('utf8') : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  harnessNs += Number(now() - inputRead);

  const callsNs: number[] = [];
  const firstStart = now();
  const firstOutput = loaded.call(input);
  const firstResultAt = now();
  callsNs.push(Number(firstResultAt - firstStart));
  send({ type: 'first' });
  const memoryAfterFirstCall = memoryFigures();
  const wasmMemoryAfterFirstCallBytes = loaded.memoryBytes?.();

  const budgetNs = job.callBudgetMs === undefined ? Infinity : job.callBudgetMs * 1e6;
  let spentNs = callsNs[0] as number;
  let lastOutput = firstOutput;
  for (let i = 1; i < job.calls && spentNs < budgetNs; i++) {
    const start = now();
    lastOutput = loaded.call(input);
    const ns = Number(now() - start);
    callsNs.push(ns);
    spentNs += ns;
  }
  const memoryAtEnd = memoryFigures();
  const wasmMemoryAtEndBytes = loaded.memoryBytes?.();
  // Before digesting: verification's CPU time and memory are not the target's.
  const figures = processFigures();

  send({
    type: 'result',
    startedAtNs: startedAt.toString(),
    firstResultAtNs: firstResultAt.toString(),
    harnessNs,
    phases,
    callsNs,
    firstOutputSha256: await sha256(firstOutput),
    lastOutputSha256: await sha256(lastOutput),
    memoryAfterFirstCall,
    memoryAtEnd,
    ...(wasmMemoryAfterFirstCallBytes === undefined ? {} : { wasmMemoryAfterFirstCallBytes }),
    ...(wasmMemoryAtEndBytes === undefined ? {} : { wasmMemoryAtEndBytes }),
    ...figures,
  });
}

main().then(
  // Exit explicitly: a target that leaves a handle open must not turn into a timeout.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`cold child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * One process of the native reference: the workload's C source compiled by
 * gcc with wasm/c/native-driver.c, run on the input the harness generated.
 * The driver times its own calls (CLOCK_MONOTONIC, no Node in the loop) and
 * writes the first and the last call's outputs, which are checked here like
 * every other target's: a wrong output is an errored outcome, never samples.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { checkOutput, type ExpectedOutput, type WrongOutput } from '../../verify/check.js';
import { payloadBytes } from '../../verify/digest.js';

/** What one driver process is asked to do. */
export interface DriverJob {
  /** The compiled driver (build/workloads/<name>/native). */
  readonly driver: string;
  /** The input file the harness wrote. */
  readonly inputPath: string;
  /** Where the driver writes the first call's output (and `.last` the last call's). */
  readonly outputPath: string;
  readonly warmupCalls: number;
  readonly samples: number;
  readonly callsPerSample: number;
  readonly expected: ExpectedOutput;
  /** Kills a driver that hangs (a bug, not a slow workload). */
  readonly timeoutMs: number;
}

/** What one driver process gave. */
export type DriverOutcome =
  | { readonly state: 'completed'; readonly samplesNs: readonly number[]; readonly callsPerSample: number; readonly checkedOutputs: 2 }
  | { readonly state: 'errored'; readonly failure: 'crashed' | 'timeout'; readonly error: string }
  | ({ readonly state: 'errored'; readonly error: string } & WrongOutput);

/** Runs a command and collects its exit and output (injected in tests). */
export type Runner = (command: string, args: readonly string[], timeoutMs: number) => Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }>;

/** The real runner: a child process with a kill timer. */
export const spawnRunner: Runner = (command, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });

/** Reads a file's bytes (injected in tests). */
export type ReadBytes = (path: string) => Promise<Uint8Array>;

/** Runs one driver process and checks both outputs it wrote. */
export async function runDriver(job: DriverJob, run: Runner = spawnRunner, read: ReadBytes = (p) => readFile(p)): Promise<DriverOutcome> {
  const args = [job.inputPath, job.outputPath, String(job.warmupCalls), String(job.samples), String(job.callsPerSample)];
  const result = await run(job.driver, args, job.timeoutMs);
  if (result.timedOut) return { state: 'errored', failure: 'timeout', error: `the native driver did not finish within ${job.timeoutMs} ms` };
  if (result.code !== 0) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with ${result.code}`;
    return { state: 'errored', failure: 'crashed', error: `the native driver ${how}: ${result.stderr.trim() || 'no message'}` };
  }
  // The driver writes bytes: a text workload's expected output is compared as its UTF-8 bytes.
  const expected: ExpectedOutput = 'payload' in job.expected ? { payload: payloadBytes(job.expected.payload) } : job.expected;
  for (const [path, call] of [[job.outputPath, 'first'], [`${job.outputPath}.last`, 'last']] as const) {
    const wrong = checkOutput({ kind: 'payload', output: await read(path) }, expected);
    if (wrong) return { state: 'errored', ...wrong, error: `native ${call} call: ${wrong.reason}` };
  }
  const parsed = parseDriverLine(result.stdout);
  if (typeof parsed === 'string') return { state: 'errored', failure: 'crashed', error: parsed };
  return { state: 'completed', samplesNs: parsed.samplesNs, callsPerSample: parsed.callsPerSample, checkedOutputs: 2 };
}

/** Parses the driver's one JSON line; a string is what was wrong with it. */
export function parseDriverLine(stdout: string): { samplesNs: number[]; callsPerSample: number } | string {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim());
  } catch {
    return `the native driver printed no JSON line: ${JSON.stringify(stdout.slice(0, 200))}`;
  }
  const record = value as { samplesNs?: unknown; callsPerSample?: unknown };
  const samples = record.samplesNs;
  if (!Array.isArray(samples) || samples.length === 0 || !samples.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) {
    return 'the native driver reported no valid samples';
  }
  if (typeof record.callsPerSample !== 'number' || !(record.callsPerSample >= 1)) return 'the native driver reported no calls per sample';
  return { samplesNs: samples as number[], callsPerSample: record.callsPerSample };
}

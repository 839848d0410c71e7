/**
 * Sampling one group of functions (one workload × size, every target ×
 * memory × architecture): a verified priming call each, then warm rounds and
 * forced-cold rounds, each round visiting the functions in a new seeded
 * order so drift on the host (or in AWS) spreads over all configurations.
 *
 * Every sample's output digest is checked; the first failure of a function
 * stops its sampling and is kept as its error. A "cold" sample without Init
 * Duration was served by a warm environment: it is dropped and counted, never
 * averaged in; so is a warm sample that turned out cold (environment evicted).
 */
import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { createRng, shuffled } from '../../harness/stats/rng.js';
import { invokeTimed, newCounters, type InvokeOutcome, type RetryCounters } from './invoke.js';
import type { LambdaSession } from './session.js';

/** One function to measure. */
export interface MeasuredFunction {
  readonly name: string;
}

/** Figures of accepted samples, index-aligned. */
export interface SampleSeries {
  readonly clientNs: number[];
  readonly durationMs: number[];
  readonly billedMs: number[];
  readonly handlerNs: number[];
  readonly maxMemoryUsedMB: number[];
  /** Init Duration (cold series only). */
  readonly initMs: number[];
}

/** Everything sampled for one function. */
export interface FunctionSamples {
  readonly warm: SampleSeries;
  readonly cold: SampleSeries;
  /** Warm samples whose REPORT had Init Duration (a new environment served them). */
  warmDropped: number;
  /** Forced-cold samples whose REPORT had no Init Duration. */
  coldDropped: number;
  readonly counters: RetryCounters;
  /** The first failure (function error, digest mismatch, missing REPORT...). */
  error: string | undefined;
  /** Runtime clients the endpoint reported for this function's environments. */
  readonly runtimeClients: Set<string>;
}

/** How much to sample. */
export interface SamplingPlan {
  readonly warm: number;
  /** Untimed rounds before the warm ones; their outputs are still checked. 0: none at all (not even for the client). */
  readonly warmup: number;
  /** The timed client's warmth over the run, shared by every group (see {@link ClientWarmth}). */
  readonly client: ClientWarmth;
  readonly cold: number;
  readonly seed: number;
  /** Waiter limit for the configuration change that forces a cold start, seconds. */
  readonly maxWaitTime: number;
  /** Receives the live samples map before the first call, so the run can keep unfinished samples (run.json) if it stops. */
  readonly onSamples?: (samples: ReadonlyMap<string, FunctionSamples>) => void;
}

/**
 * How warm the timed SDK client is. Its code needs about a thousand calls to
 * be optimised (on this machine its overhead fell from 2.9 to 2.0 ms over the
 * first 800, then stayed), whatever function they go to: after the `warmup`
 * rounds, the group's quickest function is called until the client has made
 * `targetCalls` calls in the run, or the group's warm-up has taken
 * `budgetMs` (AWS, where the network dwarfs the client anyway).
 */
export interface ClientWarmth {
  /** Timed-client calls made so far in the run (warm-up and samples). */
  calls: number;
  readonly targetCalls: number;
  readonly budgetMs: number;
}

/** Calls the timed client makes before it counts as warm. */
export const CLIENT_WARMUP_CALLS = 1000;
/** The most one group spends warming the client up, ms. */
export const CLIENT_WARMUP_BUDGET_MS = 10_000;

/** A fresh tally for one run. */
export function newClientWarmth(): ClientWarmth {
  return { calls: 0, targetCalls: CLIENT_WARMUP_CALLS, budgetMs: CLIENT_WARMUP_BUDGET_MS };
}

/** What every output must be. */
export interface ExpectedDigest {
  readonly sha256: string;
  readonly bytes: number;
}

const series = (): SampleSeries => ({ clientNs: [], durationMs: [], billedMs: [], handlerNs: [], maxMemoryUsedMB: [], initMs: [] });

/** The environment variable changed to force a new execution environment. */
export const COLD_START_VARIABLE = 'WLB_COLD_START';

/** Checks one invocation; returns the failure reason or undefined when it is a valid sample. */
export function checkOutcome(outcome: InvokeOutcome, expected: ExpectedDigest): string | undefined {
  if (outcome.state === 'failed') return outcome.error;
  const { result, report } = outcome;
  if (result.outputSha256 !== expected.sha256 || result.outputBytes !== expected.bytes) {
    return `output mismatch: handler returned sha256 ${result.outputSha256} (${result.outputBytes} B), expected ${expected.sha256} (${expected.bytes} B)`;
  }
  if (!report) return 'no REPORT line in the log tail (the endpoint returned no X-Amz-Log-Result, or the tail was cut)';
  if (report.status !== 'success') return `REPORT Status: ${report.status}${report.errorType ? ` (${report.errorType})` : ''}`;
  if (report.durationMs === undefined || report.billedDurationMs === undefined || report.maxMemoryUsedMB === undefined) {
    return 'REPORT lacks Duration, Billed Duration or Max Memory Used';
  }
  return undefined;
}

function record(into: SampleSeries, outcome: Extract<InvokeOutcome, { state: 'ok' }>): void {
  const report = outcome.report;
  into.clientNs.push(outcome.clientNs);
  into.handlerNs.push(outcome.result.handlerNs);
  into.durationMs.push(report?.durationMs as number);
  into.billedMs.push(report?.billedDurationMs as number);
  into.maxMemoryUsedMB.push(report?.maxMemoryUsedMB as number);
  if (report?.initDurationMs !== undefined) into.initMs.push(report.initDurationMs);
}

/** Forces the next invocation of a function onto a new environment (changes an environment variable, waits). */
export async function forceColdStart(session: LambdaSession, functionName: string, token: string, maxWaitTime: number): Promise<void> {
  await session.control.send(
    new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: { [COLD_START_VARIABLE]: token } } }),
  );
  await waitUntilFunctionUpdatedV2({ client: session.control, maxWaitTime }, { FunctionName: functionName });
}

/** Samples every function of a group; returns samples by function name. */
export async function measureFunctions(
  session: LambdaSession,
  functions: readonly MeasuredFunction[],
  event: Uint8Array,
  expected: ExpectedDigest,
  plan: SamplingPlan,
  progress: (message: string) => void,
): Promise<Map<string, FunctionSamples>> {
  const samples = new Map<string, FunctionSamples>(
    functions.map((f) => [f.name, { warm: series(), cold: series(), warmDropped: 0, coldDropped: 0, counters: newCounters(), error: undefined, runtimeClients: new Set() }]),
  );
  plan.onSamples?.(samples);
  const rng = createRng(plan.seed);
  const get = (f: MeasuredFunction): FunctionSamples => samples.get(f.name) as FunctionSamples;
  const noteClient = async (f: MeasuredFunction): Promise<void> => {
    const client = await session.runtimeClientOf(f.name);
    if (client !== undefined) get(f).runtimeClients.add(client);
  };
  const live = (): MeasuredFunction[] => functions.filter((f) => get(f).error === undefined);

  // Priming: the first call after a deploy starts an environment; it is checked, not timed.
  for (const f of functions) {
    const s = get(f);
    const outcome = await invokeTimed(session.timed, f.name, event, s.counters);
    s.error = checkOutcome(outcome, expected);
    await noteClient(f);
  }
  // Warm-up: every function gets `warmup` rounds (its environment, caches). A client that has sent
  // a few requests is not warm either: its first few hundred calls run unoptimised SDK code (up to
  // 1 ms more per call here), so more calls follow until it has made its target number in the run,
  // all to the group's quickest function: the SDK's JIT does not care which function answers, and a
  // 128 MB component call can take a second.
  const warmupStart = performance.now();
  const client = plan.client;
  const lastClientNs = new Map<MeasuredFunction, number>();
  const warmupCall = async (f: MeasuredFunction): Promise<void> => {
    const s = get(f);
    const outcome = await invokeTimed(session.timed, f.name, event, s.counters);
    client.calls += 1;
    s.error = checkOutcome(outcome, expected);
    if (outcome.state === 'ok') lastClientNs.set(f, outcome.clientNs);
  };
  for (let round = 0; round < plan.warmup && live().length > 0; round++) {
    progress(`warm-up ${round + 1}/${plan.warmup}`);
    for (const f of shuffled(live(), rng)) await warmupCall(f);
  }
  if (plan.warmup > 0 && client.calls < client.targetCalls) progress('warming up the SDK client');
  while (plan.warmup > 0 && client.calls < client.targetCalls && performance.now() - warmupStart < client.budgetMs) {
    const quickest = live().reduce<MeasuredFunction | undefined>(
      (best, f) => (best === undefined || (lastClientNs.get(f) ?? Infinity) < (lastClientNs.get(best) ?? Infinity) ? f : best),
      undefined,
    );
    if (quickest === undefined) break;
    await warmupCall(quickest);
  }
  for (let round = 0; round < plan.warm; round++) {
    progress(`warm ${round + 1}/${plan.warm}`);
    for (const f of shuffled(live(), rng)) {
      const s = get(f);
      const outcome = await invokeTimed(session.timed, f.name, event, s.counters);
      client.calls += 1;
      s.error = checkOutcome(outcome, expected);
      if (s.error !== undefined || outcome.state !== 'ok') continue;
      if (outcome.report?.initDurationMs !== undefined) s.warmDropped += 1;
      else record(s.warm, outcome);
    }
  }
  const runTag = Date.now().toString(36);
  for (let round = 0; round < plan.cold; round++) {
    progress(`cold ${round + 1}/${plan.cold}`);
    for (const f of shuffled(live(), rng)) {
      const s = get(f);
      try {
        await forceColdStart(session, f.name, `${runTag}-${round}`, plan.maxWaitTime);
      } catch (error) {
        s.error = `forcing a cold start failed: ${(error as Error).name}: ${(error as Error).message}`;
        continue;
      }
      const outcome = await invokeTimed(session.timed, f.name, event, s.counters);
      s.error = checkOutcome(outcome, expected);
      if (s.error !== undefined || outcome.state !== 'ok') continue;
      if (outcome.report?.initDurationMs === undefined) s.coldDropped += 1;
      else record(s.cold, outcome);
      await noteClient(f);
    }
  }
  return samples;
}

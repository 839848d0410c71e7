/**
 * Sampling one group of functions (one workload × size, every target ×
 * memory × architecture): a verified priming call each, then warm samples in
 * blocks, one execution environment per function and block, then any
 * forced-cold rounds still owed. Each round visits the functions in a new
 * seeded order so drift on the host (or in AWS) spreads over all configurations.
 *
 * Why blocks: warm invocations of one environment share its process (JIT,
 * code layout, heap, host), so samples from one environment describe that
 * environment only. Block 0 uses the environment the priming call started;
 * every later block first forces each function onto a new environment (a
 * configuration change, as the cold rounds do: one cold start each, timed and
 * kept as a forced-cold sample), warms it up, then takes its warm rounds.
 * Every sample records which environment served it (`SampleSeries.environment`),
 * and every environment the block it began in (`FunctionSamples.environments`),
 * so rows summarise and compare per environment (environments.ts).
 *
 * Every sample's output digest is checked; the first failure of a function
 * stops its sampling and is kept as its error. A "cold" sample without Init
 * Duration was served by a warm environment: it is dropped and counted, never
 * averaged in; so is a warm sample that turned out cold (environment evicted
 * or replaced), and the samples after it belong to the new environment.
 *
 * Endpoints that implement only part of the Lambda API degrade instead of
 * discarding: without a log tail the samples keep their verified client round
 * trips and handler times, and the REPORT figures are marked unavailable (no
 * environment is forced: no Init Duration could confirm it); when forcing a
 * new environment fails, the function's remaining warm blocks stay in the
 * environment it has, and the cold figures and the extra environments are
 * marked unavailable, with the API call and HTTP status that said no.
 * A call that gets no HTTP answer at all makes the session ask the endpoint
 * again; if it is silent too, every function stops there with the reason,
 * instead of each waiting out its own timeouts in turn.
 */
import { createRng, shuffled } from '../../harness/stats/rng.js';
import { checkOutput } from '../../harness/verify/check.js';
import { describeApiError, unavailableReason, type ApiCause } from './api-errors.js';
import { FORCED_FIGURES, forceColdStart } from './force.js';
import { DEFAULT_RETRY, invokeTimed, newCounters, type InvokeOutcome, type RetryCounters } from './invoke.js';
import type { LambdaSession } from './session.js';
import { outcomeFailureKind } from './failures.js';
import type { FailureKind, UnavailableFigure } from '../../harness/contract/index.js';

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
  /** Id of the environment that served each sample: an index into `FunctionSamples.environments`. */
  readonly environment: number[];
}

/**
 * How an execution environment of a function began: `priming`, the one the
 * group's first call found or started; `forced`, a configuration change
 * between blocks; `replaced`, a warm call reported Init Duration (Lambda
 * replaced or evicted the one before).
 */
export type EnvironmentStart = 'priming' | 'forced' | 'replaced';

/** One execution environment of a function, by id (its index in `FunctionSamples.environments`). */
export interface EnvironmentRecord {
  /** The sampling block it began in. */
  readonly block: number;
  readonly start: EnvironmentStart;
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
  /** Its kind (only a digest mismatch is `wrong-output`); set with `error`. */
  failure: FailureKind | undefined;
  /** The first failure was the endpoint saying it has no Invoke (a capability gap: nothing to measure, nothing wrong). */
  missingApi: boolean;
  /** False when the endpoint sends no log tail: samples keep client round trip and handler time, no REPORT figures. */
  reports: boolean;
  /** Figures the endpoint did not provide for this function, and why. */
  readonly unavailable: UnavailableFigure[];
  /** Runtime clients the endpoint reported for this function's environments. */
  readonly runtimeClients: Set<string>;
  /** Every environment that served the function in this group, in order; the last one is the current one. */
  readonly environments: EnvironmentRecord[];
}

/** How much to sample. */
export interface SamplingPlan {
  /** Warm rounds per environment (block). */
  readonly warm: number;
  /**
   * Warm blocks, each in its own execution environment per function: every
   * block after the first forces a new one (one cold start per function and block).
   */
  readonly environments: number;
  /**
   * Untimed rounds before each block's warm ones, in each new environment; their
   * outputs are still checked. 0: none at all (not even for the client).
   */
  readonly warmup: number;
  /** The timed client's warmth over the run, shared by every group (see {@link ClientWarmth}). */
  readonly client: ClientWarmth;
  /**
   * Forced cold starts per function in all. The starts of blocks 2..n are
   * forced cold starts and count; rounds of cold starts alone make up the rest.
   */
  readonly cold: number;
  readonly seed: number;
  /** Waiter limit for the configuration change that forces a cold start, seconds. */
  readonly maxWaitTime: number;
  /** Receives the live samples map before the first call, so the run can keep unfinished samples (run.json) if it stops. */
  readonly onSamples?: (samples: ReadonlyMap<string, FunctionSamples>) => void;
  /** The client round trip's clock, ns (default hrtime; tests inject one). */
  readonly clockNs?: () => bigint;
  /**
   * The clock of the client's warm-up budget, ms (default performance.now).
   * Separate from `clockNs` so that reading it does not shift a test's
   * round-trip clock; tests inject one to end the budget at a known call.
   */
  readonly clockMs?: () => number;
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

const series = (): SampleSeries => ({ clientNs: [], durationMs: [], billedMs: [], handlerNs: [], maxMemoryUsedMB: [], initMs: [], environment: [] });

/** Failures without any HTTP answer: after one, the endpoint is asked whether it still answers at all. */
const SILENCE: ReadonlySet<ApiCause> = new Set(['timeout', 'connect-timeout', 'deadline', 'reset', 'refused']);

/** What REPORT gives, all missing when the endpoint sends no log tail (the cold start too: only Init Duration confirms one). */
export const REPORT_FIGURES: readonly string[] = ['REPORT Duration', 'Billed Duration', 'Max Memory Used', 'cost', 'vs node', 'cold start (Init Duration)'];

/** The gap of an endpoint whose Invoke answers carry no X-Amz-Log-Result. */
export function noLogTailGap(httpStatus: number | undefined): UnavailableFigure {
  const status = httpStatus !== undefined ? ` → HTTP ${httpStatus}` : '';
  return {
    figures: REPORT_FIGURES,
    api: 'Invoke LogType Tail',
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    reason: `not available from this endpoint: Invoke LogType Tail${status} without X-Amz-Log-Result`,
  };
}

/**
 * Checks one invocation; returns the failure reason or undefined when it is
 * a valid sample. `reports` false: the endpoint sends no log tail, so only
 * the output is checked.
 */
export function checkOutcome(outcome: InvokeOutcome, expected: ExpectedDigest, reports = true): string | undefined {
  if (outcome.state === 'errored') return outcome.error;
  const { result, report } = outcome;
  const wrong = checkOutput({ kind: 'handler', sha256: result.outputSha256, bytes: result.outputBytes }, expected);
  if (wrong) return wrong.reason;
  if (!reports) return outcome.logTail ? 'the endpoint sent X-Amz-Log-Result on some invocations only' : undefined;
  if (!report) return 'no REPORT line in the log tail (the endpoint returned no X-Amz-Log-Result, or the tail was cut)';
  if (report.status !== 'success') return `REPORT Status: ${report.status}${report.errorType ? ` (${report.errorType})` : ''}`;
  if (report.durationMs === undefined || report.billedDurationMs === undefined || report.maxMemoryUsedMB === undefined) {
    return 'REPORT lacks Duration, Billed Duration or Max Memory Used';
  }
  return undefined;
}

function record(into: SampleSeries, outcome: Extract<InvokeOutcome, { state: 'completed' }>, reports: boolean, environment: number): void {
  const report = outcome.report;
  into.clientNs.push(outcome.clientNs);
  into.handlerNs.push(outcome.result.handlerNs);
  into.environment.push(environment);
  if (!reports) return;
  into.durationMs.push(report?.durationMs as number);
  into.billedMs.push(report?.billedDurationMs as number);
  into.maxMemoryUsedMB.push(report?.maxMemoryUsedMB as number);
  if (report?.initDurationMs !== undefined) into.initMs.push(report.initDurationMs);
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
    functions.map((f) => [
      f.name,
      { warm: series(), cold: series(), warmDropped: 0, coldDropped: 0, counters: newCounters(), error: undefined, failure: undefined, missingApi: false, reports: true, unavailable: [], runtimeClients: new Set(),
        environments: [{ block: 0, start: 'priming' }] },
    ]),
  );
  plan.onSamples?.(samples);
  const rng = createRng(plan.seed);
  const get = (f: MeasuredFunction): FunctionSamples => samples.get(f.name) as FunctionSamples;
  const noteClient = async (f: MeasuredFunction): Promise<void> => {
    const client = await session.runtimeClientOf(f.name);
    if (client !== undefined) get(f).runtimeClients.add(client);
  };
  const live = (): MeasuredFunction[] => functions.filter((f) => get(f).error === undefined);
  // The environment now serving a function: the last one it began.
  const current = (s: FunctionSamples): number => s.environments.length - 1;
  const label = (block: number): string => (plan.environments > 1 ? `environment ${block + 1}/${plan.environments}: ` : '');
  const invoke = (f: MeasuredFunction): Promise<InvokeOutcome> => invokeTimed(session.timed, f.name, event, get(f).counters, DEFAULT_RETRY, session.timedTimeouts, plan.clockNs);
  // One function's failure is its own, unless the endpoint itself went silent: then every function
  // would wait out its own timeouts, one after another, so all stop here with the reason.
  const endpointGone = (reason: string, last?: FunctionSamples): void => {
    for (const f of functions) {
      const s = get(f);
      if (s === last) s.error = `${s.error}; the endpoint stopped answering (${reason})`;
      else if (s.error === undefined) s.error = `not measured: the endpoint stopped answering (${reason})`;
      else continue;
      s.failure = 'unreachable';
    }
  };
  const check = async (s: FunctionSamples, outcome: InvokeOutcome): Promise<void> => {
    s.error = checkOutcome(outcome, expected, s.reports);
    s.failure = s.error === undefined ? undefined : outcomeFailureKind(outcome, expected);
    s.missingApi = outcome.state === 'errored' && outcome.failure?.missingApi === true;
    if (outcome.state === 'errored' && outcome.failure !== undefined && SILENCE.has(outcome.failure.cause)) {
      const down = await session.checkAnswering();
      if (down !== undefined) endpointGone(down, s);
    }
  };
  const gone = session.downReason();
  if (gone !== undefined) {
    endpointGone(gone);
    return samples;
  }

  // Priming: the first call after a deploy starts an environment; it is checked, not timed.
  // Every loop below skips a function that failed meanwhile (the endpoint may have stopped answering for all).
  for (const f of functions) {
    const s = get(f);
    if (s.error !== undefined) continue;
    const outcome = await invoke(f);
    // The first answer says whether this endpoint sends log tails at all.
    if (outcome.state === 'completed' && !outcome.logTail) {
      s.reports = false;
      s.unavailable.push(noLogTailGap(outcome.httpStatus));
    }
    await check(s, outcome);
    await noteClient(f);
  }
  // Warm-up: every function gets `warmup` rounds in its first environment (and again in each new one,
  // below): the environment's JIT, caches. A client that has sent
  // a few requests is not warm either: its first few hundred calls run unoptimised SDK code (up to
  // 1 ms more per call here), so more calls follow until it has made its target number in the run,
  // all to the group's quickest function: the SDK's JIT does not care which function answers, and a
  // 128 MB component call can take a second.
  const clockMs = plan.clockMs ?? (() => performance.now());
  const warmupStart = clockMs();
  const client = plan.client;
  const lastClientNs = new Map<MeasuredFunction, number>();
  const warmupCall = async (f: MeasuredFunction): Promise<void> => {
    const s = get(f);
    if (s.error !== undefined) return;
    const outcome = await invoke(f);
    client.calls += 1;
    await check(s, outcome);
    if (outcome.state === 'completed') lastClientNs.set(f, outcome.clientNs);
  };
  for (let round = 0; round < plan.warmup && live().length > 0; round++) {
    progress(`${label(0)}warm-up ${round + 1}/${plan.warmup}`);
    for (const f of shuffled(live(), rng)) await warmupCall(f);
  }
  if (plan.warmup > 0 && client.calls < client.targetCalls) progress('warming up the SDK client');
  while (plan.warmup > 0 && client.calls < client.targetCalls && clockMs() - warmupStart < client.budgetMs) {
    const quickest = live().reduce<MeasuredFunction | undefined>(
      (best, f) => (best === undefined || (lastClientNs.get(f) ?? Infinity) < (lastClientNs.get(best) ?? Infinity) ? f : best),
      undefined,
    );
    if (quickest === undefined) break;
    await warmupCall(quickest);
  }
  const warmRounds = async (block: number): Promise<void> => {
    for (let round = 0; round < plan.warm; round++) {
      progress(`${label(block)}warm ${round + 1}/${plan.warm}`);
      for (const f of shuffled(live(), rng)) {
        const s = get(f);
        if (s.error !== undefined) continue;
        const outcome = await invoke(f);
        client.calls += 1;
        await check(s, outcome);
        if (s.error !== undefined || outcome.state !== 'completed') continue;
        if (s.reports && outcome.report?.initDurationMs !== undefined) {
          // A new environment served it: not a warm sample, and the samples after it are that environment's.
          s.warmDropped += 1;
          s.environments.push({ block, start: 'replaced' });
        } else record(s.warm, outcome, s.reports, current(s));
      }
    }
  };
  const runTag = Date.now().toString(36);
  // Without a log tail no cold start can be confirmed (Init Duration): those functions are not forced at all.
  const unforceable = new Set(functions.filter((f) => !get(f).reports));
  const forcedFigures = plan.environments > 1 ? FORCED_FIGURES : FORCED_FIGURES.slice(0, 1);
  // Forces a new environment (a cold start) and times its first call: a forced-cold sample. False when
  // forcing failed: the function is not forced again, and its warm samples stay in the environment it has.
  const coldStart = async (f: MeasuredFunction, token: string, block: number): Promise<boolean> => {
    const s = get(f);
    try {
      await forceColdStart(session, f.name, `${runTag}-${token}`, plan.maxWaitTime);
    } catch (error) {
      // The warm samples are sound whatever happens here: the cold figures and the extra environments go missing.
      const failure = describeApiError('UpdateFunctionConfiguration', error);
      const reason = failure.missingApi ? unavailableReason(failure) : `forcing a cold start failed: ${failure.message}`;
      s.unavailable.push({ figures: forcedFigures, api: failure.api, ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}), reason });
      unforceable.add(f);
      return false;
    }
    s.environments.push({ block, start: 'forced' });
    const outcome = await invoke(f);
    await check(s, outcome);
    if (s.error !== undefined || outcome.state !== 'completed') return true;
    if (outcome.report?.initDurationMs === undefined) s.coldDropped += 1;
    else record(s.cold, outcome, true, current(s));
    await noteClient(f);
    return true;
  };

  await warmRounds(0);
  for (let block = 1; block < plan.environments && live().length > 0; block++) {
    const forceable = shuffled(live(), rng).filter((f) => !unforceable.has(f));
    if (forceable.length > 0) progress(`${label(block)}new environments (one forced cold start each)`);
    const fresh: MeasuredFunction[] = [];
    for (const f of forceable) {
      if (get(f).error === undefined && (await coldStart(f, `e${block}`, block))) fresh.push(f);
    }
    // A new environment is as cold as the first one was: it gets the same untimed rounds before its samples.
    for (let round = 0; round < plan.warmup; round++) {
      const due = fresh.filter((f) => get(f).error === undefined);
      if (due.length === 0) break;
      progress(`${label(block)}warm-up ${round + 1}/${plan.warmup}`);
      for (const f of shuffled(due, rng)) await warmupCall(f);
    }
    await warmRounds(block);
  }
  // The starts of blocks 2..n were forced cold starts; rounds of cold starts alone make up the rest.
  const coldRounds = plan.cold - Math.max(0, plan.environments - 1);
  for (let round = 0; round < coldRounds; round++) {
    const cold = shuffled(live(), rng).filter((f) => !unforceable.has(f));
    if (cold.length === 0) break;
    progress(`cold ${round + 1}/${coldRounds}`);
    for (const f of cold) {
      if (get(f).error === undefined) await coldStart(f, `c${round}`, plan.environments + round);
    }
  }
  return samples;
}

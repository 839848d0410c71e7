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
 *
 * Endpoints that implement only part of the Lambda API degrade instead of
 * discarding: without a log tail the samples keep their verified client round
 * trips and handler times, and the REPORT figures are marked unavailable;
 * when forcing a cold start fails, the warm samples stay and the cold figures
 * are marked unavailable, with the API call and HTTP status that said no.
 * A call that gets no HTTP answer at all makes the session ask the endpoint
 * again; if it is silent too, every function stops there with the reason,
 * instead of each waiting out its own timeouts in turn.
 */
import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { createRng, shuffled } from '../../harness/stats/rng.js';
import { clientTimeouts, CONTROL_STEP_DEADLINE_MS } from '../deploy/endpoint.js';
import { describeApiError, unavailableReason, withDeadline, type ApiCause } from './api-errors.js';
import { DEFAULT_RETRY, invokeTimed, newCounters, type InvokeOutcome, type RetryCounters } from './invoke.js';
import type { LambdaSession } from './session.js';
import { outcomeFailureKind } from './failures.js';
import type { FailureKind, UnavailableFigure } from '../../harness/types.js';

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
  /** The client round trip's clock, ns (default hrtime; tests inject one). */
  readonly clockNs?: () => bigint;
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

/** Failures without any HTTP answer: after one, the endpoint is asked whether it still answers at all. */
const SILENCE: ReadonlySet<ApiCause> = new Set(['timeout', 'connect-timeout', 'deadline', 'reset', 'refused']);

/** The environment variable changed to force a new execution environment. */
export const COLD_START_VARIABLE = 'WLB_COLD_START';

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
  if (outcome.state === 'failed') return outcome.error;
  const { result, report } = outcome;
  if (result.outputSha256 !== expected.sha256 || result.outputBytes !== expected.bytes) {
    return `output mismatch: handler returned sha256 ${result.outputSha256} (${result.outputBytes} B), expected ${expected.sha256} (${expected.bytes} B)`;
  }
  if (!reports) return outcome.logTail ? 'the endpoint sent X-Amz-Log-Result on some invocations only' : undefined;
  if (!report) return 'no REPORT line in the log tail (the endpoint returned no X-Amz-Log-Result, or the tail was cut)';
  if (report.status !== 'success') return `REPORT Status: ${report.status}${report.errorType ? ` (${report.errorType})` : ''}`;
  if (report.durationMs === undefined || report.billedDurationMs === undefined || report.maxMemoryUsedMB === undefined) {
    return 'REPORT lacks Duration, Billed Duration or Max Memory Used';
  }
  return undefined;
}

function record(into: SampleSeries, outcome: Extract<InvokeOutcome, { state: 'ok' }>, reports: boolean): void {
  const report = outcome.report;
  into.clientNs.push(outcome.clientNs);
  into.handlerNs.push(outcome.result.handlerNs);
  if (!reports) return;
  into.durationMs.push(report?.durationMs as number);
  into.billedMs.push(report?.billedDurationMs as number);
  into.maxMemoryUsedMB.push(report?.maxMemoryUsedMB as number);
  if (report?.initDurationMs !== undefined) into.initMs.push(report.initDurationMs);
}

/**
 * Forces the next invocation of a function onto a new environment (changes an
 * environment variable, waits), each step under its deadline; failures are
 * LambdaApiCallErrors naming the call.
 */
export async function forceColdStart(session: LambdaSession, functionName: string, token: string, maxWaitTime: number): Promise<void> {
  const timeouts = clientTimeouts({ timed: false });
  const update = new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: { [COLD_START_VARIABLE]: token } } });
  await withDeadline('UpdateFunctionConfiguration', CONTROL_STEP_DEADLINE_MS, (abortSignal) => session.control.send(update, { abortSignal }), timeouts);
  // The waiter polls GetFunctionConfiguration until LastUpdateStatus is Successful; its own limit plus one request's worth.
  await withDeadline(
    'GetFunctionConfiguration (waiting for LastUpdateStatus)',
    maxWaitTime * 1000 + CONTROL_STEP_DEADLINE_MS,
    (abortSignal) => waitUntilFunctionUpdatedV2({ client: session.control, maxWaitTime, abortSignal }, { FunctionName: functionName }),
    timeouts,
  );
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
      { warm: series(), cold: series(), warmDropped: 0, coldDropped: 0, counters: newCounters(), error: undefined, failure: undefined, missingApi: false, reports: true, unavailable: [], runtimeClients: new Set() },
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
    s.missingApi = outcome.state === 'failed' && outcome.failure?.missingApi === true;
    if (outcome.state === 'failed' && outcome.failure !== undefined && SILENCE.has(outcome.failure.cause)) {
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
    if (outcome.state === 'ok' && !outcome.logTail) {
      s.reports = false;
      s.unavailable.push(noLogTailGap(outcome.httpStatus));
    }
    await check(s, outcome);
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
    if (s.error !== undefined) return;
    const outcome = await invoke(f);
    client.calls += 1;
    await check(s, outcome);
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
      if (s.error !== undefined) continue;
      const outcome = await invoke(f);
      client.calls += 1;
      await check(s, outcome);
      if (s.error !== undefined || outcome.state !== 'ok') continue;
      if (s.reports && outcome.report?.initDurationMs !== undefined) s.warmDropped += 1;
      else record(s.warm, outcome, s.reports);
    }
  }
  const runTag = Date.now().toString(36);
  // Without a log tail no cold start can be confirmed (Init Duration): those functions are not forced at all.
  const noCold = new Set(functions.filter((f) => !get(f).reports));
  for (let round = 0; round < plan.cold; round++) {
    const cold = shuffled(live(), rng).filter((f) => !noCold.has(f));
    if (cold.length === 0) break;
    progress(`cold ${round + 1}/${plan.cold}`);
    for (const f of cold) {
      const s = get(f);
      if (s.error !== undefined) continue;
      try {
        await forceColdStart(session, f.name, `${runTag}-${round}`, plan.maxWaitTime);
      } catch (error) {
        // The warm samples are sound whatever happens here: only the cold figures go missing.
        const failure = describeApiError('UpdateFunctionConfiguration', error);
        const reason = failure.missingApi ? unavailableReason(failure) : `forcing a cold start failed: ${failure.message}`;
        s.unavailable.push({ figures: ['cold start (Init Duration)'], api: failure.api, ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}), reason });
        noCold.add(f);
        continue;
      }
      const outcome = await invoke(f);
      await check(s, outcome);
      if (s.error !== undefined || outcome.state !== 'ok') continue;
      if (outcome.report?.initDurationMs === undefined) s.coldDropped += 1;
      else record(s.cold, outcome, true);
      await noteClient(f);
    }
  }
  return samples;
}

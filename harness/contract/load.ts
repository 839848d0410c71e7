/**
 * What a load run (`--load`, lambda/load) records in run.json: the ramp as
 * run, and one summary per path × step × function, under
 * `baselines.lambdaLoad`. Reporters read it through these types; the raw
 * events are in samples.jsonl (`kind: "lambda-load"`).
 */
import type { LoadConfig } from './config.js';

/**
 * A percentile and its 95% interval; a bound is null where the samples cannot
 * give one. Across repeats (LoadReplication `repeat`), the geometric mean of
 * the repeats' percentiles with a t interval on their logs; within one repeat,
 * exact binomial order statistics of its events.
 */
export interface LoadPercentile {
  readonly q: number;
  /** NaN without samples (run.json: null); readers treat a non-finite value as none. */
  readonly value: number;
  readonly ci: readonly [number | null, number | null];
  /**
   * Where a bound is null: the fewest samples that give both (exact binomial:
   * 368 for p99's upper bound, 3688 for p99.9's), in every repeat when the
   * interval is across repeats. Absent when both bounds exist, and in runs
   * written before it was recorded.
   */
  readonly needs?: number;
}

/**
 * What a step's percentile intervals rest on. `repeat`: repeats of the ramp,
 * each in fresh execution environments (the unit that varies between runs:
 * which environments served the step, their JIT and the host's state at the
 * time); `event`: the events of one repeat, whose binomial interval sees none
 * of that and does not hold when the run is repeated.
 */
export interface LoadReplication {
  readonly unit: 'repeat' | 'event';
  /** Repeats (with completed events) or events behind the intervals. */
  readonly count: number;
}

/** Dollars per million events of one step, by item. */
export interface LoadCost {
  readonly requestsUsd: number;
  /** GB-s of Billed Duration, INIT included on cold starts. */
  readonly computeUsd: number;
  readonly eventBridgeUsd: number;
  /** CloudWatch Logs ingestion of the function's log lines. */
  readonly logsUsd: number;
  readonly totalUsd: number;
  /** Share of the total that cold starts' INIT makes up. */
  readonly coldShare: number;
  /** Items the pricing table lacks (left out of the total). */
  readonly unpriced: readonly string[];
}

/**
 * One step of one function on one invocation path: one repeat's (in
 * `LoadRecord.repeatSteps`, with `repeat`), or every repeat's combined (in
 * `LoadRecord.steps`, with `repeats`): counts summed, peaks and maxima the
 * largest, medians the median of the repeats', valid only when every repeat was.
 */
export interface LoadStepResult {
  readonly path: 'sync' | 'event' | 'eventbridge' | 'scheduled';
  /** Index of the step in the ramp, from 0. */
  readonly step: number;
  /** One repeat's result: which repeat of the ramp, from 0. */
  readonly repeat?: number;
  /** A combined result: how many repeats ran this step (absent in runs written before repeats: one). */
  readonly repeats?: number;
  readonly kind: 'rate' | 'poisson' | 'concurrency' | 'storm';
  /** Events per second, callers, or (storm) events sent at once. */
  readonly level: number;
  readonly workload: string;
  readonly target: string;
  readonly functionName: string;
  readonly memoryMB: number;
  readonly arch: string;
  /** Events per second planned (open loop only). */
  readonly offeredPerS?: number;
  /** Events per second that reached the handler with the right output. */
  readonly achievedPerS: number;
  readonly sent: number;
  /** Open-loop events not sent at the client's in-flight ceiling. */
  readonly skipped: number;
  readonly ok: number;
  readonly throttled: number;
  /** Throttles by AWS's reason. */
  readonly throttleReasons: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly wrongOutputs: number;
  /** Asynchronous events accepted whose receipt never appeared in the logs. */
  readonly lost: number;
  /**
   * From the intended send time to the answer (sync) or the handler's start
   * (event, eventbridge), ms; n and max over every repeat. `basis` is absent
   * on one repeat's own result and in runs written before repeats (both:
   * within the step's events).
   */
  readonly latencyMs: { readonly n: number; readonly percentiles: readonly LoadPercentile[]; readonly max: number; readonly basis?: LoadReplication };
  readonly roundTripMedianMs?: number;
  /** Median REPORT Duration, ms. */
  readonly durationMedianMs?: number;
  readonly coldStarts: number;
  /** Cold starts per invocation that ran. */
  readonly coldShare: number;
  /** INIT_START lines in the function's logs over the step. */
  readonly initStartsInLogs?: number;
  /**
   * Init Duration of the step's cold starts (REPORTs), median and largest, ms:
   * in a storm the largest is its slowest start. Absent
   * without cold starts, and in runs written before it was recorded.
   */
  readonly initDurationMs?: { readonly median: number; readonly max: number };
  /**
   * Storms only: true when the function's environments were retired before
   * the burst (a configuration change, waited for), false when that failed
   * (the step is then INVALID with NOT_COLD_REASON). Absent on ramp steps.
   */
  readonly forcedCold?: boolean;
  /** Most events in flight at once, client-observed. */
  readonly peakInFlight: number;
  /** Most of the step's events being handled at once, from the function's logs (receipt + REPORT Duration); on AWS and locally alike. */
  readonly peakConcurrent?: number;
  /** Execution environments (log streams) that handled the step's events, from the function's logs. */
  readonly environmentsUsed?: number;
  /** The function's execution environments alive after the step, earlier steps' included (local Lambda only; AWS offers no such API). */
  readonly environmentsAfter?: number;
  readonly sendLag: { readonly lateShare: number; readonly maxMs: number };
  /** Busy share of the host's CPUs over the step (every process on the machine). */
  readonly cpuBusy?: number;
  /** False when the host or the client, not Lambda, limited the step (or the run was interrupted during it). */
  readonly valid: boolean;
  /** Why the step is INVALID: the host's or client's limits (send lag, in-flight ceiling, CPU, INIT queue), INTERRUPTED_REASON, or (storm) NOT_COLD_REASON. */
  readonly invalidReasons: readonly string[];
  /**
   * True on the step after which this function's ramp on this path stopped
   * (a spec whose levels end in `..`): the host limited it, so higher steps
   * would have measured the host. Absent on every other step.
   */
  readonly endsRamp?: boolean;
  readonly cost?: LoadCost;
  readonly firstError?: string;
  readonly logsError?: string;
}

/** One event as samples.jsonl records it (times in ms from the step's start unless named epoch). */
export interface LoadEventRecord {
  readonly seq: number;
  readonly loadId: string;
  readonly intendedMs: number;
  readonly sentMs: number;
  /** When the client got its answer (for event/eventbridge: the acceptance). */
  readonly answeredMs: number;
  readonly sendLagMs: number;
  readonly roundTripMs: number;
  /** Final state: `lost` is an accepted asynchronous event whose receipt never appeared in the logs. */
  readonly state: 'completed' | 'throttled' | 'errored' | 'wrong-output' | 'lost';
  /** From the intended send to the answer (sync) or to the handler's start (event, eventbridge); ok events only. */
  readonly latencyMs?: number;
  /** Epoch ms the handler started (asynchronous paths). */
  readonly receivedEpochMs?: number;
  readonly cold: boolean;
  readonly httpStatus?: number;
  readonly throttleReason?: string;
  readonly error?: string;
  readonly requestId?: string;
  readonly durationMs?: number;
  readonly billedMs?: number;
  readonly initMs?: number;
}

/** `baselines.lambdaLoad` of a load run. */
export interface LoadRecord {
  readonly spec: LoadConfig['spec'];
  readonly paths: LoadConfig['paths'];
  /** `local`, `endpoint:<host:port>` or `aws:<region>`. */
  readonly endpoint: string;
  /** True off AWS: every latency is the local Lambda's (the emulator's), not Lambda's. */
  readonly emulated: boolean;
  readonly reserved?: number;
  readonly priceRegion: string;
  readonly pricesTakenOn: string;
  /** One result per path × step × function, every repeat combined: what reports read. */
  readonly steps: readonly LoadStepResult[];
  /** Every repeat's own result, raw, in the order run (absent in runs written before repeats, which ran one). */
  readonly repeatSteps?: readonly LoadStepResult[];
}

/** The invalid reason of a step the run's interruption cut short (not a limit of the host). */
export const INTERRUPTED_REASON = 'interrupted';

/** How the invalid reason of a storm whose environments could not be retired begins (not a limit of the host either). */
export const NOT_COLD_REASON = 'not cold';

/**
 * Why the host or the client limited a step, or undefined when they did not:
 * the step's INVALID reasons other than an interruption, joined. Throttles and
 * errors are never among them (they are the system's behaviour, measured).
 */
export function hostLimitOf(step: Pick<LoadStepResult, 'valid' | 'invalidReasons'>): string | undefined {
  if (step.valid) return undefined;
  const reasons = step.invalidReasons.filter((reason) => reason !== INTERRUPTED_REASON && !reason.startsWith(NOT_COLD_REASON));
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** The load record of a run's baselines, when it has one. */
export function loadRecordOf(baselines: { readonly lambdaLoad?: LoadRecord } | undefined): LoadRecord | undefined {
  return baselines?.lambdaLoad;
}

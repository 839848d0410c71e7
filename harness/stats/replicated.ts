/**
 * Intervals that treat the process as the unit of replication.
 *
 * One long series in one process sees only sample-to-sample noise; what
 * varies between processes (JIT decisions, code layout, GC state, the
 * machine's state at the time) is invisible to it, and measured on these
 * machines it is 3-10× larger. So warm rows are measured in several fresh
 * processes ("forks", as JMH does) and summarised at that level
 * (Kalibera & Jones: the interval comes from the top level that varies):
 *
 * - a row's median is the geometric mean of its per-process medians, with a
 *   Student-t interval on their logs (k processes, k-1 degrees of freedom);
 * - a ratio to the baseline is formed inside each process (both targets
 *   were interleaved in it, so they share its machine state: a paired
 *   design), and the t interval is taken over the log ratios.
 *
 * The t interval, not a bootstrap over processes: with 3-10 processes a
 * percentile bootstrap has too few distinct resamples and is too narrow;
 * t widens honestly with few processes (4.30× the standard error at 3).
 */
import type { ForkSpread, ReplicationBasis, TimingStats, VsBaseline } from '../contract/index.js';
import { medianCiSorted, madSorted } from './describe.js';
import { medianOf, quantileSorted, sortedCopy } from './sorted.js';
import { countOutliersPerGroup } from './outliers.js';
import { MIN_PROCESSES, verdictOf, type VerdictRule } from './verdict.js';

/** Two-sided 97.5% quantiles of Student's t for 1-30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** 0.975 quantile of Student's t with `df` degrees of freedom (table to 30, Cornish-Fisher beyond). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY;
  const whole = Math.floor(df);
  if (whole <= T_975.length) return T_975[whole - 1] as number;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * whole) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * whole ** 2);
}

/** Mean and sample standard deviation (sd 0 for a single value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: 0 };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** A centre and 95% interval on the log scale, back-transformed. */
export interface LogInterval {
  readonly centre: number;
  readonly ci95: readonly [number, number];
  /** Standard deviation of the logs (≈ relative spread of one unit). */
  readonly sdLog: number;
}

/**
 * The run-to-run spread that processes of one run cannot see (relative sd
 * of a run's figure, on the log scale), added to every process-level
 * interval. Processes of one run share the hours they ran in: the
 * machine's state, its neighbours, thermal and frequency drift. Measured
 * here from two identical default runs minutes apart (2026-11-29, 73 rows):
 * without it, run B's medians fell inside run A's intervals for 79% of
 * rows and its ratios for 77% (t theory promises about 88%); with 0.75%,
 * 92% and 90% (and 86% and 87% the other way round). Like Kalibera &
 * Jones's dimensioning runs: a level one run cannot estimate is measured
 * once and carried. `npm run compare` shows whether it still holds.
 */
export const RUN_LEVEL_SD = 0.0075;

/**
 * The run-level term for a row's absolute median, larger than the one for
 * ratios: a shift of the whole machine (frequency, neighbours) moves every
 * target of a group together, so a paired ratio cancels it and a median
 * does not. Three short `--quick` processes see least of it. Measured here
 * from five identical `--quick` runs minutes apart (2026-11-29, 29 rows,
 * 20 ordered pairs): run B's median fell inside run A's interval for 69%
 * of rows with 0.75%, 78.6% with 1.5% and 83.6% with 2% (about 83% is what
 * honest 95% intervals give); ratios reached 89% with 0.75% already.
 * Wider than needed for the default profile (93% with 0.75%): a longer
 * warm phase spreads its processes over more of the drift.
 */
export const MEDIAN_RUN_LEVEL_SD = 0.02;

/** How a process-level interval is formed. */
export interface IntervalOptions {
  /** Run-level relative sd added in quadrature (default RUN_LEVEL_SD for ratios, MEDIAN_RUN_LEVEL_SD for medians; 0 for the bare t interval). */
  readonly runLevelSd?: number;
}

/**
 * Geometric mean of positive values with a t interval on their logs,
 * widened in quadrature by the run-level term: half-width =
 * sqrt((t · sd / √k)² + (1.96 · runLevelSd)²). With one value the interval
 * is that value alone: callers must not draw a verdict from it (see
 * MIN_PROCESSES).
 */
export function logMeanInterval(values: readonly number[], options: IntervalOptions = {}): LogInterval {
  const logs = values.map((v) => Math.log(v));
  const { mean, sd } = meanSd(logs);
  const k = logs.length;
  const runLevel = 1.959964 * (options.runLevelSd ?? 0);
  const half = k >= 2 ? Math.hypot((tQuantile975(k - 1) * sd) / Math.sqrt(k), runLevel) : 0;
  return { centre: Math.exp(mean), ci95: [Math.exp(mean - half), Math.exp(mean + half)], sdLog: sd };
}

/** Relative standard error of a median from its own samples (order-statistics interval / 2 × 1.96). */
function withinRelativeError(samples: ArrayLike<number>): number {
  const sorted = sortedCopy(samples);
  const median = quantileSorted(sorted, 0.5);
  const [low, high] = medianCiSorted(sorted);
  return median > 0 ? (high - low) / (2 * 1.959964) / median : Number.NaN;
}

/** How the processes of a row spread (see ForkSpread). */
export function forkSpread(forks: ReadonlyArray<ArrayLike<number>>): ForkSpread {
  const mediansNs = forks.map(medianOf);
  // A process whose median is 0 (a clock too coarse for the call) has no relative error: left out.
  const within = sortedCopy(forks.map(withinRelativeError).filter((x) => Number.isFinite(x)));
  return {
    forks: forks.length,
    mediansNs,
    betweenCv: logMeanInterval(mediansNs).sdLog,
    withinCv: within.length > 0 ? quantileSorted(within, 0.5) : 0,
  };
}

/**
 * Summary of a row measured in several processes: median and interval
 * across processes (one process: its own order-statistics interval), the
 * other figures over all samples, outliers judged inside each process.
 */
export function describeForks(forks: ReadonlyArray<ArrayLike<number>>, options: IntervalOptions = {}): TimingStats & { readonly forks: ForkSpread } {
  const pooled = sortedCopy(Float64Array.from(forks.flatMap((f) => Array.from(f))));
  const spread = forkSpread(forks);
  const across = logMeanInterval(spread.mediansNs, { runLevelSd: options.runLevelSd ?? MEDIAN_RUN_LEVEL_SD });
  const n = pooled.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += pooled[i] as number;
  return {
    medianNs: forks.length >= 2 ? across.centre : quantileSorted(pooled, 0.5),
    p75Ns: quantileSorted(pooled, 0.75),
    p99Ns: quantileSorted(pooled, 0.99),
    madNs: madSorted(pooled),
    // Without samples this is 0 / 0: NaN, as the median and bounds are.
    meanNs: sum / n,
    minNs: n > 0 ? (pooled[0] as number) : Number.NaN,
    maxNs: n > 0 ? (pooled[n - 1] as number) : Number.NaN,
    samples: n,
    ci95Ns: forks.length >= 2 ? across.ci95 : medianCiSorted(pooled),
    outliers: countOutliersPerGroup(forks),
    forks: spread,
  };
}

/**
 * Ratio of a candidate to the baseline measured in the same processes:
 * per-process ratio of medians, geometric mean and t interval over the
 * processes. `candidate[i]` and `baseline[i]` must come from process i.
 */
export function compareForks(
  candidate: ReadonlyArray<ArrayLike<number>>,
  baseline: ReadonlyArray<ArrayLike<number>>,
  rule: VerdictRule = {},
  options: IntervalOptions = {},
): VsBaseline {
  if (candidate.length !== baseline.length) throw new Error(`compareForks: ${candidate.length} candidate processes vs ${baseline.length} baseline processes`);
  const ratios = candidate.map((c, i) => medianOf(c) / medianOf(baseline[i] as ArrayLike<number>));
  const across = logMeanInterval(ratios, { runLevelSd: options.runLevelSd ?? RUN_LEVEL_SD });
  const basis: ReplicationBasis = { unit: 'process', count: ratios.length };
  return {
    ratio: across.centre,
    ci95: across.ci95,
    verdict: verdictOf(across.ci95, { minReplicates: MIN_PROCESSES, ...rule, replicates: ratios.length }),
    basis,
  };
}

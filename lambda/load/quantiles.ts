/**
 * Tail percentiles with distribution-free intervals: the interval of a
 * quantile q from n samples is a pair of order statistics whose ranks come
 * from the exact binomial distribution of how many samples fall below the
 * true quantile (Bin(n, q)). No assumption on the latency distribution, and
 * honest at the tail: with too few samples there is no upper order statistic
 * to stand for p99.9's upper bound, and the interval says so (`null`) rather
 * than clamping to the maximum.
 */
import { quantileSorted } from '../../harness/stats/sorted.js';
import type { LoadPercentile } from '../../harness/contract/load.js';

/** A percentile and its 95% interval; a bound is null where n samples cannot give one (the contract's type). */
export type Percentile = LoadPercentile;

/** The percentiles every load step reports. */
export const LOAD_QUANTILES = [0.5, 0.9, 0.99, 0.999] as const;

/**
 * 1-based ranks (l, u) of the order statistics bounding quantile q with
 * coverage at least 1 - alpha: l is the largest rank with P(B <= l - 1) <=
 * alpha/2 and u the smallest with P(B >= u) <= alpha/2, for B ~ Bin(n, q).
 * l = 0 means no lower bound, u = n + 1 no upper bound.
 */
export function quantileRanks(n: number, q: number, alpha = 0.05): [number, number] {
  if (n <= 0) return [0, 1];
  // The pmf in log space from k = 0: exact, and no underflow of (1-q)^n at large n.
  const logRatio = Math.log(q) - Math.log1p(-q);
  let logPmf = n * Math.log1p(-q);
  const cdf = new Float64Array(n + 1);
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    sum += Math.exp(logPmf);
    cdf[k] = sum;
    logPmf += Math.log((n - k) / (k + 1)) + logRatio;
  }
  const tail = alpha / 2;
  let lower = 0;
  // P(B <= l - 1) = cdf[l - 1] must stay within the tail.
  while (lower + 1 <= n && (cdf[lower] as number) <= tail) lower += 1;
  let upper = n + 1;
  // P(B >= u) = 1 - cdf[u - 1] must stay within the tail.
  while (upper - 1 >= 1 && 1 - (cdf[upper - 2] as number) <= tail) upper -= 1;
  return [lower, upper];
}

/**
 * The fewest samples at which quantile q has a lower and an upper bound.
 * quantileRanks gives a lower bound once P(B <= 0) = (1 - q)^n <= alpha/2
 * and an upper one once P(B >= n) = q^n <= alpha/2, so each count is the
 * smallest n past ln(alpha/2) / ln(p). At 95%: p99 needs 368 samples for
 * its upper bound, p99.9 needs 3688.
 */
export function samplesForBounds(q: number, alpha = 0.05): [number, number] {
  const fewest = (p: number): number => Math.ceil(Math.log(alpha / 2) / Math.log(p));
  return [fewest(1 - q), fewest(q)];
}

/**
 * Percentile q of ascending `sorted` (type 7, as every other table) with its
 * order-statistic interval; where a bound is missing, `needs` says how many
 * samples would give both (so a report can say why instead of leaving a blank).
 */
export function percentile(sorted: ArrayLike<number>, q: number, alpha = 0.05): Percentile {
  const n = sorted.length;
  const needs = Math.max(...samplesForBounds(q, alpha));
  if (n === 0) return { q, value: Number.NaN, ci: [null, null], needs };
  const [l, u] = quantileRanks(n, q, alpha);
  const ci: [number | null, number | null] = [l >= 1 ? (sorted[l - 1] as number) : null, u <= n ? (sorted[u - 1] as number) : null];
  return { q, value: quantileSorted(sorted, q), ci, ...(ci[0] === null || ci[1] === null ? { needs } : {}) };
}

/** The load percentiles of `values` (any order), the maximum, and n. */
export function loadPercentiles(values: readonly number[]): { readonly n: number; readonly percentiles: Percentile[]; readonly max: number } {
  const sorted = Float64Array.from(values).sort();
  return { n: sorted.length, percentiles: LOAD_QUANTILES.map((q) => percentile(sorted, q)), max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN };
}

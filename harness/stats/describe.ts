/**
 * Descriptive statistics over timing samples. Distribution-free throughout:
 * timings are skewed and multi-modal, so medians and order-statistic
 * intervals, never mean ± sd.
 */
import type { TimingStats } from '../contract/index.js';
import { countOutliers } from './outliers.js';
import { quantileSorted, sortedCopy } from './sorted.js';

/** Median absolute deviation (unscaled). */
export function madSorted(sorted: ArrayLike<number>): number {
  const median = quantileSorted(sorted, 0.5);
  const deviations = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) deviations[i] = Math.abs((sorted[i] as number) - median);
  return quantileSorted(deviations.sort(), 0.5);
}

/**
 * 95% confidence interval of the median from order statistics: the ranks
 * n/2 ± 1.96·√n/2 (normal approximation to the binomial). Needs no
 * distributional assumption; widens honestly for few samples.
 */
export function medianCiSorted(sorted: ArrayLike<number>, z = 1.959964): [number, number] {
  const n = sorted.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  const half = (z * Math.sqrt(n)) / 2;
  const lowerRank = Math.max(0, Math.floor(n / 2 - half) - 1);
  const upperRank = Math.min(n - 1, Math.ceil(n / 2 + half));
  return [sorted[lowerRank] as number, sorted[upperRank] as number];
}

/** Full summary of samples in nanoseconds. */
export function describeSamples(samplesNs: ArrayLike<number>): TimingStats {
  const sorted = sortedCopy(samplesNs);
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    medianNs: quantileSorted(sorted, 0.5),
    p75Ns: quantileSorted(sorted, 0.75),
    p99Ns: quantileSorted(sorted, 0.99),
    madNs: madSorted(sorted),
    // Without samples this is 0 / 0: NaN, as the median and bounds are.
    meanNs: sum / n,
    minNs: n > 0 ? (sorted[0] as number) : Number.NaN,
    maxNs: n > 0 ? (sorted[n - 1] as number) : Number.NaN,
    samples: n,
    ci95Ns: medianCiSorted(sorted),
    outliers: countOutliers(sorted),
  };
}

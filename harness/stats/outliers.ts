/**
 * Outliers by Tukey's fences, as criterion flags them: counted and shown,
 * never dropped. A sample far outside its own process's quartiles (a GC
 * pause, a context switch) is reported so a reader can judge it; removing
 * it would hide exactly the spikes operators care about.
 */
import type { OutlierCounts } from '../contract/index.js';
import { quantileSorted, sortedCopy } from './sorted.js';

/** Mild fence: 1.5 interquartile ranges beyond the quartiles. */
export const MILD_FENCE = 1.5;
/** Severe fence: 3 interquartile ranges. */
export const SEVERE_FENCE = 3;

/** Counts the outliers of one set of samples (any order). */
export function countOutliers(samples: ArrayLike<number>): OutlierCounts {
  const sorted = sortedCopy(samples);
  if (sorted.length < 4) return { low: 0, high: 0, severe: 0 };
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  let low = 0;
  let high = 0;
  let severe = 0;
  for (const value of sorted) {
    if (value < q1 - MILD_FENCE * iqr) low += 1;
    else if (value > q3 + MILD_FENCE * iqr) high += 1;
    if (value < q1 - SEVERE_FENCE * iqr || value > q3 + SEVERE_FENCE * iqr) severe += 1;
  }
  return { low, high, severe };
}

/**
 * Outliers of samples taken in several processes, each judged against its
 * own process's fences (a whole slow process is between-process variation,
 * reported as such, not a thousand outliers).
 */
export function countOutliersPerGroup(groups: ReadonlyArray<ArrayLike<number>>): OutlierCounts {
  let low = 0;
  let high = 0;
  let severe = 0;
  for (const group of groups) {
    const counts = countOutliers(group);
    low += counts.low;
    high += counts.high;
    severe += counts.severe;
  }
  return { low, high, severe };
}

/**
 * Order statistics' two primitives: an ascending copy and a quantile of a
 * sorted array. Every summary (descriptive statistics, outlier fences,
 * intervals, load percentiles) reads its samples through them, so they sit
 * below all of those and import nothing.
 */

/** Quantile of an ascending-sorted array (linear interpolation between closest ranks, "type 7"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

/** Ascending copy. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>).sort();
}

/** Median of values in any order (type 7: the mean of the middle two when n is even); NaN without values. */
export function medianOf(values: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

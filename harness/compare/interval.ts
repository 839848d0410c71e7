/**
 * The change of one figure between two runs (B/A) with a 95% interval, and
 * the verdict `npm run compare` prints for it. Pure arithmetic, no I/O.
 *
 * Method. Each run publishes a figure (a median, or a ratio of medians) with
 * a 95% interval, not its samples. We read each interval as a normal interval
 * on the log scale: its standard error is half its width in logs over 1.96,
 *   seA = (ln hiA - ln loA) / (2 * 1.96),
 * and since the two runs are independent, ln(B/A) has
 *   se = sqrt(seA^2 + seB^2),   interval = exp(ln(B/A) +- 1.96 * se).
 * Logs because the figures are positive and their intervals multiplicative
 * (a ratio's interval is symmetric in logs, not in ns).
 *
 * Limits (it is an approximation, and says so in the README):
 *  - the intervals are order-statistics or bootstrap intervals, often
 *    asymmetric; using their mean half-width treats them as symmetric in logs;
 *  - the normal reading is asymptotic: intervals from a handful of units
 *    (5 Lambda cold samples, 3 forks) are wider-tailed than normal, so the
 *    combined interval is somewhat too narrow there;
 *  - it is only as honest as the inputs: intervals that see no
 *    between-process variation (runs before forks) make a change between two
 *    runs look far more certain than it is;
 *  - a vsNode ratio shares node's median with its own run, which the method
 *    ignores: it is the ratio's own interval that is combined, as published.
 *
 * Verdict, with a noise threshold n (default 5%, the verdict band of a run): `regression` when the whole
 * interval lies above 1 + n, `improvement` when it lies wholly below
 * 1 / (1 + n), `no-change` when it lies inside [1/(1+n), 1+n], and `unclear`
 * otherwise (the interval straddles a threshold: the data cannot tell).
 * A larger figure is worse for every figure compared (times, and ratios to
 * node, where a grown ratio means the target got slower relative to node).
 */

import { NOISE_THRESHOLD } from '../stats/verdict.js';

/** How the change between two runs reads. */
export type ChangeVerdict = 'regression' | 'improvement' | 'no-change' | 'unclear';

/** Every change verdict, in the order summaries list them. */
export const CHANGE_VERDICTS: readonly ChangeVerdict[] = ['regression', 'improvement', 'no-change', 'unclear'];

/**
 * The default noise threshold: changes within 5% either way are "no change".
 * The same band a run's own verdicts use (NOISE_THRESHOLD): with 2%, the
 * intervals of a --quick pair (±2–4% each) straddled it for almost every row
 * and nearly every figure read "unclear".
 */
export const DEFAULT_NOISE = NOISE_THRESHOLD;

/** z of a two-sided 95% normal interval. */
const Z95 = 1.96;

/** A figure as one run published it: its point value and its 95% interval. */
export interface Estimate {
  readonly value: number;
  readonly ci95: readonly [number, number];
}

/** The change B/A of one figure with its 95% interval. */
export interface Change {
  /** B / A: above 1 means B's figure is larger (slower). */
  readonly ratio: number;
  readonly ci95: readonly [number, number];
}

/** Why an estimate cannot be combined, or undefined when it can (positive, finite, ordered, containing its value). */
export function unusableEstimate(estimate: Estimate): string | undefined {
  const [lo, hi] = estimate.ci95;
  if (![estimate.value, lo, hi].every((v) => Number.isFinite(v) && v > 0)) return 'value or interval not a positive number';
  if (lo > hi) return 'interval bounds out of order';
  if (estimate.value < lo || estimate.value > hi) return 'value outside its own interval';
  return undefined;
}

/** Standard error of ln(value) read from a 95% interval (half its width in logs over 1.96). */
export function logStandardError(ci95: readonly [number, number]): number {
  return (Math.log(ci95[1]) - Math.log(ci95[0])) / (2 * Z95);
}

/**
 * B/A with its 95% interval, treating each run's interval as a normal
 * interval on the log scale. Both estimates must be usable (see
 * {@link unusableEstimate}); callers check first.
 */
export function changeBetween(a: Estimate, b: Estimate): Change {
  const se = Math.hypot(logStandardError(a.ci95), logStandardError(b.ci95));
  // ratio * exp(+-z se) is exp(ln(B/A) +- z se), without the rounding of exp(ln x) (B = A reads exactly 1).
  const ratio = b.value / a.value;
  return { ratio, ci95: [ratio * Math.exp(-Z95 * se), ratio * Math.exp(Z95 * se)] };
}

/** The verdict of a change under a noise threshold (a fraction: 0.02 = 2%). */
export function changeVerdict(change: Change, noise: number = DEFAULT_NOISE): ChangeVerdict {
  const up = 1 + noise;
  const down = 1 / up;
  const [lo, hi] = change.ci95;
  if (lo > up) return 'regression';
  if (hi < down) return 'improvement';
  if (lo >= down && hi <= up) return 'no-change';
  return 'unclear';
}

/** Whether B's value lies inside A's 95% interval (bounds included). */
export function insideInterval(a: Estimate, b: Estimate): boolean {
  return b.value >= a.ci95[0] && b.value <= a.ci95[1];
}

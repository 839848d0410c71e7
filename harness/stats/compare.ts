/**
 * Comparing two targets: the ratio of medians with a percentile-bootstrap
 * 95% interval, and a verdict that says "no significant difference" when
 * the interval contains 1.
 */
import type { VsBaseline, Verdict } from '../types.js';
import { createRng, type Rng } from './rng.js';

/** Median of values[0..n) by quickselect, reordering `scratch` (O(n) per call: bootstrap runs it thousands of times). */
function medianInPlace(scratch: Float64Array, n: number): number {
  const k = n >> 1;
  const upper = selectKth(scratch, n, k);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of k after selection.
  let lower = -Infinity;
  for (let i = 0; i < k; i++) if ((scratch[i] as number) > lower) lower = scratch[i] as number;
  return (lower + upper) / 2;
}

function selectKth(a: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k] as number;
}

/** Median of a resample (with replacement) of `values`. */
function resampledMedian(values: ArrayLike<number>, scratch: Float64Array, rng: Rng): number {
  const n = values.length;
  for (let i = 0; i < n; i++) scratch[i] = values[Math.floor(rng() * n)] as number;
  return medianInPlace(scratch, n);
}

/** Options of the ratio bootstrap. */
export interface RatioOptions {
  /** Bootstrap resamples (default 2,000). */
  readonly resamples?: number;
  /** Seed, so a rerun on the same data gives the same interval. */
  readonly seed?: number;
  /** Cap on samples per side used for resampling (evenly thinned), to bound cost. */
  readonly maxSamples?: number;
}

/** Verdict from a ratio interval (ratio = candidate / baseline; below 1 = faster). */
export function verdictOf(ci: readonly [number, number]): Verdict {
  if (ci[1] < 1) return 'faster';
  if (ci[0] > 1) return 'slower';
  return 'no-significant-difference';
}

/**
 * Ratio of the candidate's median to the baseline's, with a percentile
 * bootstrap 95% CI resampling each side independently.
 */
export function compareMedians(candidateNs: ArrayLike<number>, baselineNs: ArrayLike<number>, options: RatioOptions = {}): VsBaseline {
  const resamples = options.resamples ?? 2000;
  const rng = createRng(options.seed ?? 1);
  const candidate = thin(candidateNs, options.maxSamples ?? 4000);
  const baseline = thin(baselineNs, options.maxSamples ?? 4000);
  const ratio = medianInPlace(Float64Array.from(candidate), candidate.length) / medianInPlace(Float64Array.from(baseline), baseline.length);
  const scratchA = new Float64Array(candidate.length);
  const scratchB = new Float64Array(baseline.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    ratios[r] = resampledMedian(candidate, scratchA, rng) / resampledMedian(baseline, scratchB, rng);
  }
  ratios.sort();
  const ci: [number, number] = [ratios[Math.floor(0.025 * (resamples - 1))] as number, ratios[Math.ceil(0.975 * (resamples - 1))] as number];
  return { ratio, ci95: ci, verdict: verdictOf(ci) };
}

/** Evenly spaced subset of at most `max` values (keeps the distribution's shape). */
function thin(values: ArrayLike<number>, max: number): Float64Array {
  if (values.length <= max) return Float64Array.from(values as ArrayLike<number>);
  const out = new Float64Array(max);
  const step = values.length / max;
  for (let i = 0; i < max; i++) out[i] = values[Math.floor(i * step)] as number;
  return out;
}

/**
 * Comparing two sets of independent samples (cold processes, Lambda
 * invocations): the ratio of medians with a percentile-bootstrap 95%
 * interval and the shared verdict rule (stats/verdict.ts). Warm rows,
 * whose samples are not independent across processes, use
 * stats/replicated.ts instead.
 */
import type { ReplicationBasis, VsBaseline } from '../contract/index.js';
import { createRng, type Rng } from './rng.js';
import { MIN_BOOTSTRAP_SAMPLES, verdictOf } from './verdict.js';

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
  /**
   * What one sample is: a fresh process (cold), a Lambda environment, or
   * one invocation of a reused environment (`sample`). Recorded with the
   * result. Default `sample`.
   */
  readonly unit?: ReplicationBasis['unit'];
  /** Fewest samples per side that allow a verdict (default MIN_BOOTSTRAP_SAMPLES). */
  readonly minSamples?: number;
  /** Noise threshold of the verdict (default NOISE_THRESHOLD). */
  readonly noise?: number;
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
  const replicates = Math.min(candidateNs.length, baselineNs.length);
  const verdict = verdictOf(ci, { replicates, minReplicates: options.minSamples ?? MIN_BOOTSTRAP_SAMPLES, ...(options.noise === undefined ? {} : { noise: options.noise }) });
  return { ratio, ci95: ci, verdict, basis: { unit: options.unit ?? 'sample', count: replicates } };
}

/** Evenly spaced subset of at most `max` values (keeps the distribution's shape). */
function thin(values: ArrayLike<number>, max: number): Float64Array {
  if (values.length <= max) return Float64Array.from(values as ArrayLike<number>);
  const out = new Float64Array(max);
  const step = values.length / max;
  for (let i = 0; i < max; i++) out[i] = values[Math.floor(i * step)] as number;
  return out;
}

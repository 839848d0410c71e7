/**
 * Tests that pin the published numbers: exact interval bounds for fixed data
 * and seeds, each derived independently (by hand or by a separately written
 * reference). The 95% level itself is checked by the seeded simulations in
 * pinned.simulation.test.ts, kept apart so the mutation run (which reruns
 * the covering tests once per mutant) stays fast.
 */
import { describe, expect, it } from 'vitest';
import { compareMedians, createRng, describeSamples, medianCiSorted } from './index.js';

/** 1, 2, ..., n: the value at 0-based rank r is r + 1, so ranks can be read off the bounds. */
const ranks = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i + 1);

/** Median by full sort, written apart from the production quickselect. */
function sortMedian(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Reference percentile bootstrap of the ratio of medians: same RNG, same
 * draw order (one candidate resample, then one baseline resample, per
 * replicate), medians by sorting, 2.5% and 97.5% order statistics.
 */
function referenceRatioCi(candidate: readonly number[], baseline: readonly number[], resamples: number, seed: number): [number, number] {
  const rng = createRng(seed);
  const draw = (values: readonly number[]): number[] => values.map(() => values[Math.floor(rng() * values.length)] as number);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const c = sortMedian(draw(candidate));
    ratios.push(c / sortMedian(draw(baseline)));
  }
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(0.025 * (resamples - 1))] as number, ratios[Math.ceil(0.975 * (resamples - 1))] as number];
}

describe('describeSamples: exact figures', () => {
  it('takes the mean of the two middle values as the median of an even-length sample', () => {
    expect(describeSamples([4, 1, 3, 2]).medianNs).toBe(2.5);
    expect(describeSamples([10, 40, 20, 30, 60, 50]).medianNs).toBe(35);
  });

  it('gives the 95% median CI of 1..100 as [40, 61]', () => {
    // half-width 1.959964 * sqrt(100) / 2 = 9.79982 ranks; lower 0-based rank
    // floor(50 - 9.8) - 1 = 39 (value 40); upper ceil(50 + 9.8) = 60 (value 61).
    expect(medianCiSorted(ranks(100))).toEqual([40, 61]);
    expect(describeSamples(ranks(100)).ci95Ns).toEqual([40, 61]);
  });

  it('gives the 95% median CI of 1..20 as [5, 16]', () => {
    // half-width 1.959964 * sqrt(20) / 2 = 4.3826; ranks floor(5.617) - 1 = 4 and ceil(14.38) = 15.
    expect(medianCiSorted(ranks(20))).toEqual([5, 16]);
  });

  it('clamps the CI of a tiny sample to its extremes', () => {
    // n = 3: half-width 1.697; ranks max(0, floor(-0.197) - 1) = 0 and min(2, ceil(3.197)) = 2.
    expect(medianCiSorted([7, 8, 9])).toEqual([7, 9]);
  });
});

describe('compareMedians: exact figures', () => {
  it('takes the ratio of even-length medians from the two middle values', () => {
    // candidate median (2 + 3) / 2 = 2.5, baseline median (1 + 1) / 2 = 1.
    expect(compareMedians([4, 1, 3, 2], [1, 1, 1, 1]).ratio).toBe(2.5);
    expect(compareMedians([1, 1, 1, 1], [2, 6, 4, 8]).ratio).toBe(0.2);
  });

  it('gives exactly the reference percentile-bootstrap bounds for fixed data and seeds', () => {
    const rng = createRng(21);
    // Even lengths on purpose: the resampled medians then use two middle values.
    const candidate = Array.from({ length: 40 }, () => 150 + rng() * 100);
    const baseline = Array.from({ length: 30 }, () => 100 + rng() * 60);
    for (const [seed, resamples] of [[1, 2000], [7, 999], [42, 500]] as const) {
      const result = compareMedians(candidate, baseline, { seed, resamples });
      expect(result.ci95, `seed ${seed}, ${resamples} resamples`).toEqual(referenceRatioCi(candidate, baseline, resamples, seed));
      expect(result.ratio).toBe(sortMedian(candidate) / sortMedian(baseline));
    }
  });
});

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

  it('gives NaN figures, not undefined, for no samples', () => {
    const none = describeSamples([]);
    expect(none.samples).toBe(0);
    for (const value of [none.medianNs, none.meanNs, none.minNs, none.maxNs, none.madNs, none.ci95Ns[0], none.ci95Ns[1]]) expect(value).toBeNaN();
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

  it('takes odd-length medians from the middle value, also against an even-length side', () => {
    // Odd: middle values 3 and 2; mixed parity: 2.5 / 2. A median that averaged
    // the wrong pair, or doubled instead of halved, cancels out only when both
    // sides have the same parity.
    expect(compareMedians([5, 1, 3], [2, 2, 1]).ratio).toBe(1.5);
    expect(compareMedians([4, 1, 3, 2], [2, 1, 3]).ratio).toBe(1.25);
    expect(compareMedians([2, 1, 3], [4, 1, 3, 2]).ratio).toBe(0.8);
  });

  it('thins each side to maxSamples evenly spaced samples before taking medians', () => {
    // 1..10 thinned to 5 keeps indices 0, 2, 4, 6, 8: values 1, 3, 5, 7, 9, median 5
    // (the full median is 5.5). The basis still counts every sample given.
    const thinned = compareMedians(ranks(10), [1, 1, 1], { maxSamples: 5 });
    expect(thinned.ratio).toBe(5);
    expect(thinned.basis).toStrictEqual({ unit: 'sample', count: 3 });
    expect(compareMedians(ranks(10), [1, 1, 1]).ratio).toBe(5.5);
    expect(compareMedians(ranks(10), [1, 1, 1], { maxSamples: 10 }).ratio).toBe(5.5);
  });

  it('withholds the verdict below six samples per side unless told otherwise, and records the unit', () => {
    // 2x slower with no overlap: a verdict from six, none from five (the
    // bootstrap of a median does not reach 95% below six on iid data).
    const slow = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => 200 + i);
    const quick = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => 100 + i);
    expect(compareMedians(slow(6), quick(6)).verdict).toBe('slower');
    expect(compareMedians(slow(5), quick(6))).toMatchObject({ verdict: 'too-few-samples', basis: { unit: 'sample', count: 5 } });
    expect(compareMedians(slow(5), quick(5), { minSamples: 5 }).verdict).toBe('slower');
    expect(compareMedians(slow(6), quick(6), { minSamples: 7 }).verdict).toBe('too-few-samples');
    expect(compareMedians(slow(6), quick(6), { unit: 'environment' }).basis).toStrictEqual({ unit: 'environment', count: 6 });
  });

  it('applies the noise threshold it is given', () => {
    // Identical sides with a spread: the interval contains 1 but is wider than
    // the 5% band (unresolved); a 50% band calls it no difference.
    const spread = Float64Array.from({ length: 12 }, (_, i) => 100 + 10 * i);
    const wide = compareMedians(spread, spread);
    expect(wide.ci95[0]).toBeLessThan(1 / 1.05);
    expect(wide.verdict).toBe('unresolved');
    expect(compareMedians(spread, spread, { noise: 0.5 }).verdict).toBe('no-significant-difference');
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
    // Odd lengths on one side: resampled medians of odd and even samples mixed.
    const odd = candidate.slice(0, 31);
    expect(compareMedians(odd, baseline, { seed: 3, resamples: 400 }).ci95).toEqual(referenceRatioCi(odd, baseline, 400, 3));
  });
});

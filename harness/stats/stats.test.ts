import { describe, expect, it } from 'vitest';
import { compareMedians, createRng, describeSamples, medianCiSorted, medianOf, quantileSorted, shuffled, verdictOf } from './index.js';

describe('describeSamples', () => {
  it('computes order statistics on a known set', () => {
    const stats = describeSamples([5, 1, 4, 2, 3]);
    expect(stats.medianNs).toBe(3);
    expect(stats.meanNs).toBe(3);
    expect(stats.minNs).toBe(1);
    expect(stats.maxNs).toBe(5);
    expect(stats.madNs).toBe(1);
    expect(stats.p75Ns).toBe(4);
    expect(stats.samples).toBe(5);
  });

  it('interpolates quantiles between ranks', () => {
    expect(quantileSorted([10, 20], 0.5)).toBe(15);
    expect(quantileSorted([0, 10, 20, 30, 40], 0.99)).toBeCloseTo(39.6, 10);
  });

  it('takes the median of values in any order, the middle two averaged, NaN without values', () => {
    expect(medianOf([30, 10, 20])).toBe(20);
    expect(medianOf([40, 10, 30, 20])).toBe(25);
    expect(medianOf(Float64Array.from([3]))).toBe(3);
    expect(medianOf([])).toBeNaN();
  });

  it('gives a median CI that contains the median and narrows with more samples', () => {
    const rng = createRng(3);
    const small = Float64Array.from({ length: 20 }, () => 100 + rng() * 10).sort();
    const large = Float64Array.from({ length: 2000 }, () => 100 + rng() * 10).sort();
    const [lo1, hi1] = medianCiSorted(small);
    const [lo2, hi2] = medianCiSorted(large);
    const m2 = quantileSorted(large, 0.5);
    expect(lo2).toBeLessThanOrEqual(m2);
    expect(hi2).toBeGreaterThanOrEqual(m2);
    expect(hi2 - lo2).toBeLessThan(hi1 - lo1);
  });
});

describe('compareMedians', () => {
  const rng = createRng(11);
  const noisy = (center: number, n: number): number[] => Array.from({ length: n }, () => center * (0.95 + rng() * 0.1));

  it('calls a 2x slower candidate slower, with the CI around 2', () => {
    const result = compareMedians(noisy(200, 400), noisy(100, 400));
    expect(result.verdict).toBe('slower');
    expect(result.ci95[0]).toBeGreaterThan(1.9);
    expect(result.ci95[1]).toBeLessThan(2.1);
  });

  it('calls a 2x faster candidate faster', () => {
    expect(compareMedians(noisy(50, 300), noisy(100, 300)).verdict).toBe('faster');
  });

  it('says no significant difference for the same distribution', () => {
    const result = compareMedians(noisy(100, 200), noisy(100, 200));
    expect(result.verdict).toBe('no-significant-difference');
    expect(result.ci95[0]).toBeLessThanOrEqual(1);
    expect(result.ci95[1]).toBeGreaterThanOrEqual(1);
  });

  it('is reproducible for a seed', () => {
    const a = noisy(120, 100);
    const b = noisy(100, 100);
    expect(compareMedians(a, b, { seed: 5 })).toEqual(compareMedians(a, b, { seed: 5 }));
  });

  it('maps intervals to verdicts', () => {
    expect(verdictOf([0.5, 0.9])).toBe('faster');
    expect(verdictOf([1.1, 1.3])).toBe('slower');
    expect(verdictOf([0.97, 1.04])).toBe('no-significant-difference');
    // Contains 1 but reaches beyond the 5% noise band: it could hide a real difference.
    expect(verdictOf([0.9, 1.1])).toBe('unresolved');
    expect(verdictOf([0.9, 1.1], { noise: 0.2 })).toBe('no-significant-difference');
    expect(verdictOf([0.5, 0.9], { replicates: 2, minReplicates: 3 })).toBe('too-few-samples');
  });
});

describe('shuffled', () => {
  it('is a seeded permutation', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const a = shuffled(items, createRng(9));
    expect([...a].sort()).toEqual(items);
    expect(shuffled(items, createRng(9))).toEqual(a);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../harness/stats/rng.js';
import { loadPercentiles, percentile, quantileRanks } from './quantiles.js';

describe('quantileRanks', () => {
  it('gives the textbook median ranks for n = 100 (40 and 61)', () => {
    expect(quantileRanks(100, 0.5)).toEqual([40, 61]);
  });

  it('has no upper bound for p99 from 100 samples and none for p99.9 below ~3700', () => {
    const [, u99] = quantileRanks(100, 0.99);
    expect(u99).toBe(101);
    expect(quantileRanks(1000, 0.999)[1]).toBe(1001);
    expect(quantileRanks(5000, 0.999)[1]).toBeLessThanOrEqual(5000);
  });

  it('covers at least 95% in a seeded simulation (uniform samples, p90, n = 200)', () => {
    const rng = createRng(3);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const sorted = Float64Array.from({ length: 200 }, () => rng()).sort();
      const { ci } = percentile(sorted, 0.9);
      if (ci[0] !== null && ci[1] !== null && ci[0] <= 0.9 && 0.9 <= ci[1]) covered += 1;
    }
    // Exact ranks are conservative: coverage 95-97%; 2000 trials put 3 sd at about 1.5%.
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.99);
  });
});

describe('loadPercentiles', () => {
  it('reports p50/p90/p99/p99.9, max and n of unsorted values', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    const out = loadPercentiles(values);
    expect(out.n).toBe(1000);
    expect(out.max).toBe(1000);
    expect(out.percentiles.map((p) => p.q)).toEqual([0.5, 0.9, 0.99, 0.999]);
    expect(out.percentiles[0]?.value).toBe(500.5);
    const p50 = out.percentiles[0];
    expect(p50?.ci[0]).toBeLessThan(500.5);
    expect(p50?.ci[1]).toBeGreaterThan(500.5);
    expect(out.percentiles[3]?.ci[1]).toBeNull();
  });

  it('is empty-safe', () => {
    const out = loadPercentiles([]);
    expect(out.n).toBe(0);
    expect(out.percentiles[0]?.ci).toEqual([null, null]);
  });
});

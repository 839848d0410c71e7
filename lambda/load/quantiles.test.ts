import { describe, expect, it } from 'vitest';
import { createRng } from '../../harness/stats/rng.js';
import { DEFAULT_LOAD, parseLoadSpec, plannedEvents } from '../../harness/options/load.js';
import { LOAD_QUANTILES, loadPercentiles, percentile, quantileRanks, samplesForBounds } from './quantiles.js';

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

describe('samplesForBounds', () => {
  it('gives the fewest events at which each bound exists: p99 needs 368 for its upper bound, p99.9 needs 3688', () => {
    expect(samplesForBounds(0.5)).toEqual([6, 6]);
    expect(samplesForBounds(0.9)).toEqual([2, 36]);
    expect(samplesForBounds(0.99)).toEqual([1, 368]);
    expect(samplesForBounds(0.999)).toEqual([1, 3688]);
  });

  it.each(LOAD_QUANTILES)('agrees with the exact binomial ranks at q = %s: the bound is missing one event short and there at N', (q) => {
    const [lowerN, upperN] = samplesForBounds(q);
    expect(quantileRanks(lowerN - 1, q)[0]).toBe(0);
    expect(quantileRanks(lowerN, q)[0]).toBeGreaterThanOrEqual(1);
    expect(quantileRanks(upperN - 1, q)[1]).toBe(upperN);
    expect(quantileRanks(upperN, q)[1]).toBeLessThanOrEqual(upperN);
  });

  it('says on a percentile how many events its missing bound needs, and nothing when both exist', () => {
    const sorted = Float64Array.from({ length: 367 }, (_, i) => i);
    expect(percentile(sorted, 0.99)).toMatchObject({ ci: [expect.any(Number), null], needs: 368 });
    const enough = Float64Array.from({ length: 368 }, (_, i) => i);
    expect(percentile(enough, 0.99).ci[1]).toBe(367);
    expect(percentile(enough, 0.99)).not.toHaveProperty('needs');
    expect(percentile([], 0.5)).toMatchObject({ ci: [null, null], needs: 6 });
  });

  it('sends, in every repeat of the default ramp at 25/s and above, enough events for p99 to have an upper bound', () => {
    const spec = parseLoadSpec(DEFAULT_LOAD);
    const [, needed] = samplesForBounds(0.99);
    for (const level of spec.levels.filter((l) => l >= 25)) expect(plannedEvents(spec.kind, level, spec.durationMs)).toBeGreaterThanOrEqual(needed);
  });
});

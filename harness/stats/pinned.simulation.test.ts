/**
 * The 95% level of the sample-level intervals (stats/describe.ts median CI,
 * stats/compare.ts ratio bootstrap), checked by seeded simulations on iid
 * data: deterministic (fixed seeds), so a narrowed interval or a shrunk z
 * fails every time and a correct one never does. Exact bounds for fixed data
 * are in pinned.test.ts. Left out of the mutation run
 * (vitest.mutation.config.ts): thousands of bootstraps per mutant made the
 * statistics run too slow to finish, and the exact figures kill the same
 * mutants. These tests are about coverage, never about time.
 */
import { describe, expect, it } from 'vitest';
import { compareMedians, createRng, medianCiSorted, type Rng } from './index.js';

/** Exponential variate with median `median` (continuous: no ties). */
const exponential = (rng: Rng, median: number): number => (-Math.log(1 - rng()) * median) / Math.LN2;

describe('the 95% level, by seeded simulation on iid data', () => {
  it('the median CI covers the true median in 95-97% of 4,000 samples of 50 (exact binomial level 96.7%)', () => {
    // For n = 50 the interval is [x(18), x(33)] (1-based): it covers the
    // median when 18..32 of the 50 draws fall below it, P = 0.9672 for
    // Binomial(50, 1/2). A simulation standard error of 0.3% keeps this
    // seeded check far from both edges; z = 0.2 gives about 30%.
    const rng = createRng(2024);
    const trials = 4000;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const sample = Float64Array.from({ length: 50 }, () => exponential(rng, 10)).sort();
      const [lo, hi] = medianCiSorted(sample);
      if (lo <= 10 && 10 <= hi) covered++;
    }
    expect(exactBinomialCoverage(50, 17, 32)).toBeCloseTo(0.9672, 3);
    const level = `coverage ${covered} / ${trials}`;
    expect(covered / trials, level).toBeGreaterThan(0.95);
    expect(covered / trials, level).toBeLessThan(0.98);
  });

  it('the ratio bootstrap covers the true ratio in 91-99% of 300 seeded experiments', () => {
    // Candidate and baseline are iid exponential with medians 15 and 10: true
    // ratio 1.5. A percentile bootstrap of a median is slightly
    // anti-conservative at this size; a 25-75% interval covers about half.
    const rng = createRng(77);
    const trials = 300;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const candidate = Array.from({ length: 120 }, () => exponential(rng, 15));
      const baseline = Array.from({ length: 120 }, () => exponential(rng, 10));
      const { ci95 } = compareMedians(candidate, baseline, { seed: t + 1, resamples: 400 });
      if (ci95[0] <= 1.5 && 1.5 <= ci95[1]) covered++;
    }
    const level = `coverage ${covered} / ${trials}`;
    expect(covered / trials, level).toBeGreaterThan(0.91);
    expect(covered / trials, level).toBeLessThan(0.99);
  });
});

/** P(lowerRank < B <= upperRank) for B ~ Binomial(n, 1/2): the order-statistic interval's exact level. */
function exactBinomialCoverage(n: number, lowerRank: number, upperRank: number): number {
  let p = 0;
  let choose = 1; // C(n, k), built up in k
  for (let k = 0; k <= n; k++) {
    if (k > lowerRank && k <= upperRank) p += choose / 2 ** n;
    choose = (choose * (n - k)) / (k + 1);
  }
  return p;
}

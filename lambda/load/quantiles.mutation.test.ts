/**
 * Pins the order-statistic ranks and intervals of the load percentiles at
 * their edges (issue 16, mutation testing): no samples, a lower rank of 0
 * or 1, ranks that reach n or 1 at extreme quantiles, a tail probability
 * equal to alpha/2, and the maximum of no values.
 */
import { describe, expect, it } from 'vitest';
import { loadPercentiles, percentile, quantileRanks } from './quantiles.js';

describe('quantileRanks at the edges', () => {
  it('gives no bounds without samples', () => {
    expect(quantileRanks(0, 0.5)).toStrictEqual([0, 1]);
    expect(quantileRanks(-1, 0.5)).toStrictEqual([0, 1]);
  });

  it('reaches rank n below a quantile near 1 and rank 1 above one near 0', () => {
    // P(B <= 9) = 1 - 0.999^10 = 0.00995 <= 0.025 for B ~ Bin(10, 0.999): the lower rank is 10.
    expect(quantileRanks(10, 0.999)).toStrictEqual([10, 11]);
    // P(B >= 1) = 0.00995 <= 0.025 for Bin(10, 0.001): the upper rank is 1.
    expect(quantileRanks(10, 0.001)).toStrictEqual([0, 1]);
  });

  it('keeps a rank whose tail probability equals alpha/2 exactly (Bin(1, 0.5) with alpha 1: tails of 0.5)', () => {
    expect(quantileRanks(1, 0.5, 1)).toStrictEqual([1, 1]);
  });
});

describe('percentile intervals', () => {
  it('has no lower bound at rank 0 and takes the sample at rank 1', () => {
    // n = 3: P(B <= 0) = 0.125 > 0.025, so no order statistic bounds the median from below (nor above).
    expect(percentile([1, 2, 3], 0.5)).toStrictEqual({ q: 0.5, value: 2, ci: [null, null], needs: 6 });
    // n = 6: P(B <= 0) = 1/64 <= 0.025 < P(B <= 1) = 7/64: ranks 1 and 6, the minimum and the maximum.
    expect(percentile([10, 20, 30, 40, 50, 60], 0.5)).toStrictEqual({ q: 0.5, value: 35, ci: [10, 60] });
  });

  it('says what a missing lower bound needs when the upper one exists (a low quantile from few samples)', () => {
    // q = 0.1, n = 10: an upper rank exists (P(B >= 10) = 0.1^10, far below 0.025), no lower one (P(B <= 0) = 0.9^10 = 0.35): 0.9^n <= 0.025 needs n >= 36.
    const low = percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1);
    expect(low.ci[0]).toBeNull();
    expect(low.ci[1]).not.toBeNull();
    expect(low.needs).toBe(36);
  });

  it('gives NaN, not a missing value, as the maximum of no values', () => {
    const none = loadPercentiles([]);
    expect(none.max).toBeNaN();
    expect(loadPercentiles([3, 1, 2]).max).toBe(3);
  });
});

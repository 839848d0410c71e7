/**
 * Pins the Tukey-fence outlier counts (stats/outliers.ts) on hand-made sets
 * whose quartiles and fences are worked out beside each case: mild and
 * severe outliers on each side, values exactly on a fence (not outliers:
 * the fences are strict), the fewer-than-4 rule, and per-group counting in
 * which each process is judged by its own fences.
 */
import { describe, expect, it } from 'vitest';
import { countOutliers, countOutliersPerGroup, createRng, shuffled } from './index.js';
import { MILD_FENCE, SEVERE_FENCE } from './outliers.js';

/**
 * 13 values; type-7 quartiles at 0-based ranks 3 and 9: Q1 = 10, Q3 = 20,
 * IQR 10. Mild fences -5 and 35, severe fences -20 and 50.
 * Low: -21 (severe), -20 (on the severe fence: mild only), -5 (on the mild fence: none).
 * High: 35 (on the mild fence: none), 50 (on the severe fence: mild only), 51 (severe).
 */
const FENCED = [-21, -20, -5, 10, 11, 12, 13, 14, 15, 20, 35, 50, 51];

describe('countOutliers', () => {
  it('uses fences at 1.5 and 3 interquartile ranges', () => {
    expect([MILD_FENCE, SEVERE_FENCE]).toStrictEqual([1.5, 3]);
  });

  it('counts mild and severe outliers on each side, severe ones also in low and high', () => {
    expect(countOutliers(FENCED)).toStrictEqual({ low: 2, high: 2, severe: 2 });
  });

  it('takes samples in any order', () => {
    const mixed = shuffled(FENCED, createRng(5));
    expect(mixed).not.toStrictEqual(FENCED);
    expect(countOutliers(mixed)).toStrictEqual({ low: 2, high: 2, severe: 2 });
    expect(countOutliers(Float64Array.from(mixed))).toStrictEqual({ low: 2, high: 2, severe: 2 });
  });

  it('counts one side only when only one side has outliers', () => {
    // Q1 = 10, Q3 = 20 as above; -30 is below the severe fence -20.
    expect(countOutliers([-30, -6, 1, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23])).toStrictEqual({ low: 2, high: 0, severe: 1 });
    expect(countOutliers([0, 1, 2, 10, 11, 12, 13, 14, 15, 20, 36, 40, 49])).toStrictEqual({ low: 0, high: 3, severe: 0 });
  });

  it('judges nothing from fewer than 4 samples, and judges 4', () => {
    expect(countOutliers([])).toStrictEqual({ low: 0, high: 0, severe: 0 });
    expect(countOutliers([1, 100, 10_000])).toStrictEqual({ low: 0, high: 0, severe: 0 });
    // [1, 2, 3, 100]: Q1 = 1.75, Q3 = 3 + 0.25 * 97 = 27.25, IQR 25.5;
    // mild fence 65.5 < 100 < severe fence 103.75.
    expect(countOutliers([100, 1, 3, 2])).toStrictEqual({ low: 0, high: 1, severe: 0 });
  });

  it('with no spread (IQR 0), anything off the quartiles is a severe outlier', () => {
    expect(countOutliers([5, 5, 5, 5, 5, 4, 6])).toStrictEqual({ low: 1, high: 1, severe: 2 });
    expect(countOutliers([5, 5, 5, 5])).toStrictEqual({ low: 0, high: 0, severe: 0 });
  });
});

describe('countOutliersPerGroup', () => {
  it('judges each group by its own fences and adds the counts', () => {
    // A = [10, 10.1, 10.2, 10.3, 13]: Q1 10.1, Q3 10.3, IQR 0.2; 13 is past the
    //     severe fence 10.9 -> high 1, severe 1.
    // B = [4.6, 5, 5.1, 5.2, 5.3]: Q1 5, Q3 5.2; 4.6 is below the mild fence 4.7,
    //     above the severe 4.4 -> low 1.
    // C has three samples: not judged.
    // Pooled, A and B's outliers disappear in the wider spread of all the samples.
    const a = [10, 10.1, 13, 10.2, 10.3];
    const b = [5, 4.6, 5.1, 5.2, 5.3];
    const c = [1, 1000, 1_000_000];
    expect(countOutliersPerGroup([a, b, c])).toStrictEqual({ low: 1, high: 1, severe: 1 });
    expect(countOutliers([...a, ...b])).toStrictEqual({ low: 0, high: 0, severe: 0 });
    // Order of groups does not matter; two groups with outliers on the same side add up.
    expect(countOutliersPerGroup([c, b, a, a])).toStrictEqual({ low: 1, high: 2, severe: 2 });
  });

  it('does not count a whole slow process as outliers', () => {
    // Pooled, the slow process's five samples are beyond the severe fence
    // (Q1 11, Q3 14, IQR 3, severe fence 23); in their own group, none is.
    const quick = [10, 11, 12, 13, 14];
    const slow = [100, 101, 102, 103, 104];
    expect(countOutliers([...quick, ...quick, ...quick, ...quick, ...slow])).toStrictEqual({ low: 0, high: 5, severe: 5 });
    expect(countOutliersPerGroup([quick, quick, quick, quick, slow])).toStrictEqual({ low: 0, high: 0, severe: 0 });
  });

  it('gives zero counts for no groups', () => {
    expect(countOutliersPerGroup([])).toStrictEqual({ low: 0, high: 0, severe: 0 });
  });
});

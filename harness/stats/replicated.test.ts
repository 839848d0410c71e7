/**
 * Pins the process-level statistics (stats/replicated.ts, issue 12) with
 * figures computed by hand for small inputs: the t quantiles, the log-scale
 * t interval, a row summarised over forks, and the paired per-process ratio.
 * Each expected value is derived in the comment beside it, so a changed
 * quantile, a lost pairing or a mean taken for a median fails here. The
 * coverage of these intervals is checked by replicated.simulation.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { compareForks, describeForks, forkSpread, logMeanInterval, tQuantile975 } from './index.js';
import { MEDIAN_RUN_LEVEL_SD, RUN_LEVEL_SD } from './replicated.js';

/** The bare t interval (no run-level term), for figures computed by hand. */
const BARE = { runLevelSd: 0 };

/** z(0.975), as the production code writes it: the order-statistics interval's half-width in standard errors. */
const Z = 1.959964;

describe('tQuantile975', () => {
  it('reads the table for 1 to 30 degrees of freedom', () => {
    expect([1, 2, 4, 30].map(tQuantile975)).toStrictEqual([12.706, 4.303, 2.776, 2.042]);
    // A fractional df counts as the whole number below it (the conservative side).
    expect(tQuantile975(1.9)).toBe(12.706);
    expect(tQuantile975(30.9)).toBe(2.042);
  });

  it('follows the true quantile beyond the table (Cornish-Fisher) to within 0.002', () => {
    // True 0.975 quantiles of Student's t: 2.0395 at 31, 2.0211 at 40, 1.9840 at 100, 1.9623 at 1000.
    expect(Math.abs(tQuantile975(31) - 2.0395)).toBeLessThan(0.002);
    expect(Math.abs(tQuantile975(40) - 2.0211)).toBeLessThan(0.002);
    expect(Math.abs(tQuantile975(100) - 1.984)).toBeLessThan(0.002);
    expect(Math.abs(tQuantile975(1000) - 1.9623)).toBeLessThan(0.0005);
    // The expansion's second-order term is 0.0029 at 31 and its first 0.0313:
    // the value is below the table's last entry and above z.
    expect(tQuantile975(31)).toBeLessThan(2.042);
    expect(tQuantile975(1e9)).toBeCloseTo(Z, 6);
  });

  it('keeps both expansion terms: within 1e-4 of the true quantile at 31 (the neglected third-order term is 8.5e-5)', () => {
    // t(0.975, 31) = 2.0395134 and t(0.975, 40) = 2.0210754 (scipy.stats.t.ppf).
    // A wrong coefficient in the second-order term (5z^5 + 16z^3 + 3z) / (96 v^2)
    // moves the value at 31 by 4.7e-5 to 1.6e-3, past this bound.
    expect(Math.abs(tQuantile975(31) - 2.0395134)).toBeLessThan(1e-4);
    expect(Math.abs(tQuantile975(40) - 2.0210754)).toBeLessThan(5e-5);
  });

  it('is infinite below one degree of freedom, and for NaN: no interval from one value', () => {
    expect([0, 0.5, -1, Number.NaN].map(tQuantile975)).toStrictEqual([Infinity, Infinity, Infinity, Infinity]);
  });
});

describe('logMeanInterval', () => {
  it('gives the geometric mean and a t interval on the logs of [1, e, e^2]', () => {
    // logs 0, 1, 2: mean 1, sd 1; k = 3, t(2) = 4.303, half-width 4.303 / sqrt(3) = 2.48434.
    const { centre, ci95, sdLog } = logMeanInterval([1, Math.E, Math.E ** 2]);
    expect(centre).toBeCloseTo(Math.E, 12);
    expect(sdLog).toBeCloseTo(1, 12);
    expect(ci95[0]).toBeCloseTo(Math.exp(1 - 4.303 / Math.sqrt(3)), 12);
    expect(ci95[1]).toBeCloseTo(Math.exp(1 + 4.303 / Math.sqrt(3)), 12);
    // The order of the values does not matter.
    expect(logMeanInterval([Math.E ** 2, 1, Math.E])).toStrictEqual(logMeanInterval([1, Math.E, Math.E ** 2]));
  });

  it('uses k-1 degrees of freedom and the sample (n-1) standard deviation', () => {
    // [1, e^2]: logs 0 and 2, mean 1, sd sqrt(2) (n-1 = 1), half-width 12.706 * sqrt(2) / sqrt(2) = 12.706.
    const two = logMeanInterval([1, Math.E ** 2]);
    expect(two.sdLog).toBeCloseTo(Math.SQRT2, 12);
    expect(Math.log(two.ci95[0])).toBeCloseTo(1 - 12.706, 9);
    expect(Math.log(two.ci95[1])).toBeCloseTo(1 + 12.706, 9);
    // Five values e^-2..e^2: sd sqrt(10/4), t(4) = 2.776, half-width 2.776 * 1.5811 / sqrt(5) = 1.96292.
    const five = logMeanInterval([-2, -1, 0, 1, 2].map(Math.exp));
    expect(five.centre).toBeCloseTo(1, 12);
    expect(five.sdLog).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(Math.log(five.ci95[1])).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 9);
    expect(Math.log(five.ci95[0])).toBeCloseTo((-2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 9);
  });

  it('gives one value a zero-width interval and zero spread (callers must not draw a verdict from it)', () => {
    const seven = Math.exp(Math.log(7));
    expect(logMeanInterval([7])).toStrictEqual({ centre: seven, ci95: [seven, seven], sdLog: 0 });
    // Equal values: zero spread, the interval is the value itself.
    const equal = logMeanInterval([3, 3, 3, 3]);
    expect(equal.sdLog).toBe(0);
    expect(equal.ci95[0]).toBe(equal.centre);
    expect(equal.ci95[1]).toBe(equal.centre);
  });
});

describe('forkSpread', () => {
  it('gives each process median in fork order, the sd of their logs and the median within-process error', () => {
    // Fork medians 8, 2, 32 (samples given unsorted): logs ln2 * (3, 1, 5), sd 2 ln 2.
    // Within-process error of a 3-sample median: the order-statistics interval is
    // the whole fork, (max - min) / (2 z) / median = 2 / (2 z) / median; the
    // median over the forks is the one of the median-8 fork, 1 / (8 z).
    const spread = forkSpread([[9, 7, 8], [3, 1, 2], [33, 32, 31]]);
    expect(spread.forks).toBe(3);
    expect(spread.mediansNs).toStrictEqual([8, 2, 32]);
    expect(spread.betweenCv).toBeCloseTo(2 * Math.LN2, 12);
    expect(spread.withinCv).toBeCloseTo(1 / (8 * Z), 12);
  });

  it('takes the middle of two within-process errors as their median, and leaves zero-median forks out', () => {
    // [1,2,3] -> 1 / (2 z); [4,5,6] -> 1 / (5 z); their median is the mean of the two.
    expect(forkSpread([[1, 2, 3], [4, 5, 6]]).withinCv).toBeCloseTo((1 / (2 * Z) + 1 / (5 * Z)) / 2, 12);
    // A fork whose median is 0 (a clock too coarse for the call) has no
    // relative error and is left out: the constant fork's 0 and 1 / (2 z) remain.
    expect(forkSpread([[0, 0, 0], [1, 1, 1], [1, 2, 3]]).withinCv).toBeCloseTo(1 / (4 * Z), 12);
    // Also when samples spread around the zero median (no infinite error).
    expect(forkSpread([[0, 0, 5], [1, 2, 3]]).withinCv).toBeCloseTo(1 / (2 * Z), 12);
    // Nothing left: 0, a number the schema accepts (NaN would be written as null).
    expect(forkSpread([[0, 0, 0], [0, 1, 0]]).withinCv).toBe(0);
    expect(forkSpread([]).withinCv).toBe(0);
  });
});

describe('describeForks', () => {
  it('takes the median as the geometric mean of per-fork medians, with the t interval across forks', () => {
    // Fork medians 2, 8, 32: geometric mean 8; logs sd 2 ln 2, half-width 4.303 * 2 ln 2 / sqrt(3).
    const stats = describeForks([[3, 1, 2], [9, 7, 8], [31, 33, 32]], BARE);
    const half = (4.303 * 2 * Math.LN2) / Math.sqrt(3);
    expect(stats.medianNs).toBeCloseTo(8, 12);
    expect(stats.ci95Ns[0]).toBeCloseTo(8 * Math.exp(-half), 12);
    expect(stats.ci95Ns[1]).toBeCloseTo(8 * Math.exp(half), 9);
    // The other figures over all nine samples 1,2,3,7,8,9,31,32,33:
    // p75 at rank 6 = 31; p99 at rank 7.92 = 32.92; mean 126 / 9 = 14;
    // pooled median 8, absolute deviations 0,1,1,5,6,7,23,24,25 -> MAD 6.
    expect(stats).toMatchObject({ p75Ns: 31, madNs: 6, meanNs: 14, minNs: 1, maxNs: 33, samples: 9 });
    expect(stats.p99Ns).toBeCloseTo(32.92, 12);
    expect(stats.forks.mediansNs).toStrictEqual([2, 8, 32]);
    expect(stats.forks.betweenCv).toBeCloseTo(2 * Math.LN2, 12);
  });

  it('uses the across-process figures from two forks on', () => {
    // Medians 2 and 5: geometric mean sqrt(10) = 3.162, not the pooled median 3.5;
    // half-width 12.706 * sd / sqrt(2) with sd = (ln 5 - ln 2) / sqrt(2).
    const stats = describeForks([[3, 1, 2], [6, 4, 5]], BARE);
    expect(stats.medianNs).toBeCloseTo(Math.sqrt(10), 12);
    const half = (12.706 * (Math.log(5) - Math.log(2))) / 2;
    expect(Math.log(stats.ci95Ns[0])).toBeCloseTo(Math.log(Math.sqrt(10)) - half, 9);
    expect(Math.log(stats.ci95Ns[1])).toBeCloseTo(Math.log(Math.sqrt(10)) + half, 9);
  });

  it('falls back to the pooled median and its order-statistics interval with one fork', () => {
    // 1..20 in one process (shuffled): median 10.5; the 95% order-statistics
    // interval of 20 samples is ranks 5 and 16 (see pinned.test.ts).
    const one = Array.from({ length: 20 }, (_, i) => ((i * 7) % 20) + 1);
    const stats = describeForks([one]);
    expect(stats.medianNs).toBe(10.5);
    expect(stats.ci95Ns).toStrictEqual([5, 16]);
    expect(stats.forks).toStrictEqual({ forks: 1, mediansNs: [10.5], betweenCv: 0, withinCv: (16 - 5) / (2 * Z) / 10.5 });
    // The sample median itself, not exp(log(median)): for 3 the round trip is not exact.
    expect(Math.exp(Math.log(3))).not.toBe(3);
    expect(describeForks([[4, 2, 3]]).medianNs).toBe(3);
  });

  it('gives NaN figures and no outliers for no forks at all', () => {
    const none = describeForks([]);
    expect(none).toMatchObject({ samples: 0, outliers: { low: 0, high: 0, severe: 0 }, forks: { forks: 0, mediansNs: [], betweenCv: 0, withinCv: 0 } });
    for (const value of [none.medianNs, none.meanNs, none.minNs, none.maxNs, none.ci95Ns[0], none.ci95Ns[1]]) expect(value).toBeNaN();
  });

  it('judges outliers inside each fork: a whole slow process is not a set of outliers', () => {
    // Four forks at 10-14 and one at 100-104: pooled, the slow fork's five
    // samples would all be severe high outliers; within its own fork none is.
    // The last fork has one sample 40 beyond its own severe fence (13 + 3 * 2).
    const quick = [12, 10, 14, 11, 13];
    const stats = describeForks([quick, quick, quick, quick, [104, 100, 102, 101, 103], [10, 11, 12, 13, 40]]);
    expect(stats.outliers).toStrictEqual({ low: 0, high: 1, severe: 1 });
  });
});

describe('compareForks', () => {
  /** A fork whose median is `median`, given unsorted, with a skewed spread (so mean and median differ). */
  const fork = (median: number): number[] => [median * 1.3, median * 0.5, median];

  it('pairs process i with process i: the ratio of medians in each process, geometric mean and t interval', () => {
    // Per-process ratios e^0.02, e^0.04, e^0.06 (baselines differ per process):
    // logs mean 0.04, sd 0.02, half-width 4.303 * 0.02 / sqrt(3) = 0.049687.
    const baselines = [100, 250, 40];
    const candidate = baselines.map((b, i) => fork(b * Math.exp(0.02 * (i + 1))));
    const result = compareForks(candidate, baselines.map(fork), {}, BARE);
    const half = (4.303 * 0.02) / Math.sqrt(3);
    expect(result.ratio).toBeCloseTo(Math.exp(0.04), 12);
    expect(result.ci95[0]).toBeCloseTo(Math.exp(0.04 - half), 12);
    expect(result.ci95[1]).toBeCloseTo(Math.exp(0.04 + half), 12);
    // [0.990, 1.094] contains 1 but reaches past 1.05: unresolved, not "no difference".
    expect(result.verdict).toBe('unresolved');
    expect(result.basis).toStrictEqual({ unit: 'process', count: 3 });
  });

  it('changes its interval and verdict when one side is shuffled across processes', () => {
    // Paired: every process says 2x (ratio 2, zero-width interval, slower).
    // Baseline rotated: ratios 0.5, 4, 4 - the same geometric mean (a product
    // does not depend on order), but an interval that contains 1.
    const candidate = [2, 4, 8].map(fork);
    const baseline = [1, 2, 4].map(fork);
    const paired = compareForks(candidate, baseline, {}, BARE);
    expect(paired.ratio).toBeCloseTo(2, 12);
    expect(paired.ci95[0]).toBeCloseTo(2, 12);
    expect(paired.ci95[1]).toBeCloseTo(2, 12);
    expect(paired.verdict).toBe('slower');
    const rotated = compareForks(candidate, [baseline[2], baseline[0], baseline[1]] as number[][], {}, BARE);
    expect(rotated.ratio).toBeCloseTo(2, 12);
    expect(rotated.ci95[0]).toBeLessThan(1);
    expect(rotated.verdict).toBe('unresolved');
  });

  it('throws when the two sides come from different numbers of processes', () => {
    expect(() => compareForks([[1], [1], [1]], [[1], [1]])).toThrow('compareForks: 3 candidate processes vs 2 baseline processes');
  });

  it('gives too-few-samples from two processes and a verdict from three', () => {
    const two = compareForks([fork(2), fork(4)], [fork(1), fork(2)]);
    expect(two.verdict).toBe('too-few-samples');
    expect(two.basis).toStrictEqual({ unit: 'process', count: 2 });
    // The interval is still given; only the verdict is withheld.
    expect(two.ratio).toBeCloseTo(2, 12);
    expect(compareForks([fork(2), fork(4), fork(6)], [fork(1), fork(2), fork(3)]).verdict).toBe('slower');
  });

  it('takes the minimum and noise of a rule, but always counts the processes itself', () => {
    const candidate = [fork(2), fork(4)];
    const baseline = [fork(1), fork(2)];
    expect(compareForks(candidate, baseline, { minReplicates: 2 }).verdict).toBe('slower');
    // A caller's replicate count cannot stand in for the processes actually there.
    expect(compareForks(candidate, baseline, { replicates: 10 }).verdict).toBe('too-few-samples');
    // Ratios e^0.02..e^0.06 (unresolved at the 5% band) are no difference at a 10% band.
    const near = [1, 2, 3].map((i) => fork(100 * Math.exp(0.02 * i)));
    const base = [1, 2, 3].map(() => fork(100));
    expect(compareForks(near, base).verdict).toBe('unresolved');
    expect(compareForks(near, base, { noise: 0.1 }).verdict).toBe('no-significant-difference');
  });
});

describe('the run-level term', () => {
  it('widens a median interval in quadrature by 1.96 x MEDIAN_RUN_LEVEL_SD on the log scale', () => {
    expect(MEDIAN_RUN_LEVEL_SD).toBe(0.02);
    const forks = [[3, 1, 2], [9, 7, 8], [31, 33, 32]];
    const bare = describeForks(forks, { runLevelSd: 0 });
    const carried = describeForks(forks);
    const halfBare = Math.log(bare.ci95Ns[1] / bare.medianNs);
    const halfCarried = Math.log(carried.ci95Ns[1] / carried.medianNs);
    expect(carried.medianNs).toBeCloseTo(bare.medianNs, 12);
    expect(halfCarried).toBeCloseTo(Math.hypot(halfBare, 1.959964 * 0.02), 12);
  });

  it('carries a smaller term, RUN_LEVEL_SD, for paired ratios (a shared machine shift cancels in them)', () => {
    expect(RUN_LEVEL_SD).toBe(0.0075);
    const forks = [[3, 1, 2], [9, 7, 8], [31, 33, 32]];
    const base = [[2, 2, 2], [4, 4, 4], [16, 16, 16]];
    const bare = compareForks(forks, base, {}, { runLevelSd: 0 });
    const carried = compareForks(forks, base);
    const half = (ci: readonly [number, number], c: number) => Math.log(ci[1] / c);
    expect(half(carried.ci95, carried.ratio)).toBeCloseTo(Math.hypot(half(bare.ci95, bare.ratio), 1.959964 * 0.0075), 12);
  });

  it('gives identical processes an interval of +-1.47% instead of none', () => {
    const same = [[10, 10, 10], [10, 10, 10], [10, 10, 10]];
    const vs = compareForks(same, same);
    expect(vs.ratio).toBe(1);
    expect(vs.ci95[0]).toBeCloseTo(Math.exp(-1.959964 * 0.0075), 12);
    expect(vs.ci95[1]).toBeCloseTo(Math.exp(1.959964 * 0.0075), 12);
    expect(vs.verdict).toBe('no-significant-difference');
    expect(compareForks(same, same, {}, { runLevelSd: 0 }).ci95).toEqual([1, 1]);
    expect(logMeanInterval([2], { runLevelSd: 0.5 }).ci95).toEqual([2, 2]);
  });
});

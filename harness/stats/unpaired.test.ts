/**
 * The Welch interval of unpaired environment medians, against figures worked
 * out by hand, and the verdict rule it shares: no verdict from fewer than
 * three environments on either side, the smaller side's count as the basis.
 */
import { describe, expect, it } from 'vitest';
import { compareUnpaired, welchLogRatio } from './unpaired.js';

const exp = (logs: readonly number[]): number[] => logs.map((v) => Math.exp(v));

describe('welchLogRatio', () => {
  it('matches a hand-worked Welch interval on the logs (unequal counts and variances)', () => {
    // Logs: candidate 0, .2, .4 (mean .2, variance .04); baseline .1, .3, .5, .7 (mean .4, variance .0667).
    // se = sqrt(.04/3 + .0667/4) = 0.1732; Welch df = 4.96, so t at 4 df = 2.776; half = 0.4808.
    const w = welchLogRatio(exp([0, 0.2, 0.4]), exp([0.1, 0.3, 0.5, 0.7]));
    expect(w.df).toBeCloseTo(4.959184, 5);
    expect(w.ratio).toBeCloseTo(Math.exp(-0.2), 12);
    expect(w.ci95[0]).toBeCloseTo(0.506203, 5);
    expect(w.ci95[1]).toBeCloseTo(1.324212, 5);
  });

  it('is symmetric on the log scale: swapping the sides inverts the ratio and its interval', () => {
    const a = exp([0, 0.2, 0.4]);
    const b = exp([0.1, 0.3, 0.5, 0.7]);
    const ab = welchLogRatio(a, b);
    const ba = welchLogRatio(b, a);
    expect(ba.ratio).toBeCloseTo(1 / ab.ratio, 12);
    expect(ba.ci95[0]).toBeCloseTo(1 / ab.ci95[1], 12);
    expect(ba.ci95[1]).toBeCloseTo(1 / ab.ci95[0], 12);
  });

  it('gives the point estimate alone when a side has one unit or there is no spread at all', () => {
    const single = welchLogRatio([2], [1, 1.1, 0.9]);
    expect(single.ratio).toBeCloseTo(2 / Math.exp((Math.log(1.1) + Math.log(0.9)) / 3), 12);
    expect(single.ci95).toStrictEqual([single.ratio, single.ratio]);
    expect(single.df).toBeNaN();
    const flat = welchLogRatio([2, 2, 2], [4, 4]);
    expect(flat.ratio).toBeCloseTo(0.5, 12);
    expect(flat.ci95[0]).toBeCloseTo(0.5, 12);
    expect(flat.ci95[1]).toBeCloseTo(0.5, 12);
    expect(() => welchLogRatio([], [1])).toThrow(/0 candidate/);
  });
});

describe('compareUnpaired', () => {
  it('decides with three environments or more, and counts the smaller side', () => {
    const faster = compareUnpaired([50, 52, 49, 51], [100, 104, 98]);
    expect(faster.verdict).toBe('faster');
    expect(faster.basis).toStrictEqual({ unit: 'environment', count: 3 });
    expect(faster.ci95[1]).toBeLessThan(1);
  });

  it('gives no verdict from two environments, however clear the difference', () => {
    const two = compareUnpaired([50, 51], [100, 101, 99, 100, 102]);
    expect(two.verdict).toBe('too-few-samples');
    expect(two.basis).toStrictEqual({ unit: 'environment', count: 2 });
  });

  it('is unresolved when the interval holds 1 but reaches beyond the noise band', () => {
    const wide = compareUnpaired(exp([0, 0.2, 0.4]), exp([0.1, 0.3, 0.5, 0.7]));
    expect(wide.verdict).toBe('unresolved');
  });
});

describe('the run-level term on unpaired ratios', () => {
  it('widens the Welch interval in quadrature by 1.96 x RUN_LEVEL_SD, as the paired one is', () => {
    const a = exp([0, 0.02, 0.04]);
    const b = exp([0.01, 0.03, 0.05, 0.07]);
    const bare = welchLogRatio(a, b);
    const carried = compareUnpaired(a, b);
    const half = (ci: readonly [number, number], centre: number): number => Math.log(ci[1] / centre);
    expect(carried.ratio).toBeCloseTo(bare.ratio, 12);
    expect(half(carried.ci95, carried.ratio)).toBeCloseTo(Math.hypot(half(bare.ci95, bare.ratio), 1.959964 * 0.0075), 12);
    expect(compareUnpaired(a, b, {}, { runLevelSd: 0 }).ci95).toEqual(bare.ci95);
  });
});

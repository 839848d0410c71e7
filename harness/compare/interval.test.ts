/**
 * The change interval against a case computed by hand, and every verdict at
 * its thresholds, so the method documented in interval.ts is the one run.
 */
import { describe, expect, it } from 'vitest';
import { changeBetween, DEFAULT_NOISE, changeVerdict, insideInterval, logStandardError, unusableEstimate, type Change } from './interval.js';

/** An interval of `value` whose standard error on the log scale is exactly `se`. */
const withSe = (value: number, se: number) => ({ value, ci95: [value * Math.exp(-1.96 * se), value * Math.exp(1.96 * se)] as const });

describe('changeBetween', () => {
  it('matches a hand-computed case: A 200 [190, 210], B 220 [200, 240]', () => {
    // seA = ln(210/190) / 3.92 = 0.0255315, seB = ln(240/200) / 3.92 = 0.0465106,
    // se = sqrt(seA^2 + seB^2) = 0.0530575; 1.1 * exp(-+1.96 * se) = 0.991355, 1.220551.
    expect(logStandardError([190, 210])).toBeCloseTo(0.0255315, 6);
    const change = changeBetween({ value: 200, ci95: [190, 210] }, { value: 220, ci95: [200, 240] });
    expect(change.ratio).toBeCloseTo(1.1, 12);
    expect(change.ci95[0]).toBeCloseTo(0.991355, 5);
    expect(change.ci95[1]).toBeCloseTo(1.220551, 5);
  });

  it('adds the two standard errors in quadrature: se 0.03 and 0.04 give 0.05', () => {
    const change = changeBetween(withSe(10, 0.03), withSe(20, 0.04));
    expect(change.ratio).toBeCloseTo(2, 12);
    expect(Math.log(change.ci95[1] / change.ratio) / 1.96).toBeCloseTo(0.05, 12);
    expect(Math.log(change.ratio / change.ci95[0]) / 1.96).toBeCloseTo(0.05, 12);
  });

  it('is symmetric under swapping the runs: B/A is the inverse of A/B, interval included', () => {
    const a = { value: 3, ci95: [2.5, 3.2] as const };
    const b = { value: 4, ci95: [3.9, 4.6] as const };
    const ab = changeBetween(a, b);
    const ba = changeBetween(b, a);
    expect(ab.ratio * ba.ratio).toBeCloseTo(1, 12);
    expect(ab.ci95[0] * ba.ci95[1]).toBeCloseTo(1, 12);
    expect(ab.ci95[1] * ba.ci95[0]).toBeCloseTo(1, 12);
  });

  it('gives a point interval when both intervals are points (e.g. Billed Duration rounded to 1 ms)', () => {
    expect(changeBetween({ value: 2, ci95: [2, 2] }, { value: 3, ci95: [3, 3] })).toEqual({ ratio: 1.5, ci95: [1.5, 1.5] });
  });
});

describe('changeVerdict (noise 2%)', () => {
  it('defaults to the verdict band of a run, 5%', () => {
    expect(DEFAULT_NOISE).toBe(0.05);
    expect(changeVerdict(c(1.025, 1.045))).toBe('no-change');
    expect(changeVerdict(c(1.051, 1.07))).toBe('regression');
  });

  const c = (lo: number, hi: number): Change => ({ ratio: Math.sqrt(lo * hi), ci95: [lo, hi] });

  it('regression only when the whole interval lies above 1.02', () => {
    expect(changeVerdict(c(1.021, 1.2), 0.02)).toBe('regression');
    expect(changeVerdict(c(1.02, 1.2), 0.02)).toBe('unclear');
    expect(changeVerdict(c(1.01, 1.2), 0.02)).toBe('unclear');
  });

  it('improvement only when the whole interval lies below 1/1.02', () => {
    expect(changeVerdict(c(0.8, 0.98), 0.02)).toBe('improvement');
    expect(changeVerdict(c(0.8, 1 / 1.02), 0.02)).toBe('unclear');
    expect(changeVerdict(c(0.8, 0.99), 0.02)).toBe('unclear');
  });

  it('no change when the interval lies inside [1/1.02, 1.02], bounds included', () => {
    expect(changeVerdict(c(0.99, 1.01), 0.02)).toBe('no-change');
    expect(changeVerdict(c(1 / 1.02, 1.02), 0.02)).toBe('no-change');
  });

  it('unclear when the interval straddles both thresholds', () => {
    expect(changeVerdict(c(0.9, 1.1), 0.02)).toBe('unclear');
  });

  it('takes the noise threshold given: a 5% threshold turns a +3% change into no change', () => {
    expect(changeVerdict(c(1.025, 1.035), 0.02)).toBe('regression');
    expect(changeVerdict(c(1.025, 1.035), 0.05)).toBe('no-change');
    expect(changeVerdict(c(0.9, 0.94), 0.05)).toBe('improvement');
  });
});

describe('unusableEstimate and insideInterval', () => {
  it('accepts a positive ordered interval containing its value, and says why it refuses anything else', () => {
    expect(unusableEstimate({ value: 5, ci95: [4, 6] })).toBeUndefined();
    expect(unusableEstimate({ value: 5, ci95: [0, 6] })).toMatch(/positive/);
    expect(unusableEstimate({ value: Number.NaN, ci95: [4, 6] })).toMatch(/positive/);
    expect(unusableEstimate({ value: 5, ci95: [6, 4] })).toMatch(/out of order/);
    expect(unusableEstimate({ value: 7, ci95: [4, 6] })).toMatch(/outside/);
  });

  it("tells whether B's value lies inside A's interval, bounds included", () => {
    const a = { value: 5, ci95: [4, 6] as const };
    expect(insideInterval(a, { value: 6, ci95: [5, 7] })).toBe(true);
    expect(insideInterval(a, { value: 4, ci95: [3, 5] })).toBe(true);
    expect(insideInterval(a, { value: 6.01, ci95: [5, 7] })).toBe(false);
    expect(insideInterval(a, { value: 3.99, ci95: [3, 5] })).toBe(false);
  });
});

/**
 * Pins the edges of the Welch interval (issue 16, mutation testing): which
 * side counts are too few for an interval, and which are refused outright.
 * Figures are worked out by hand on the logs (t at 2 df = 4.303, the table's three decimals).
 */
import { describe, expect, it } from 'vitest';
import { welchLogRatio } from './unpaired.js';

const exp = (logs: readonly number[]): number[] => logs.map((v) => Math.exp(v));

describe('welchLogRatio at its edges', () => {
  it('refuses an empty side, candidate or baseline', () => {
    expect(() => welchLogRatio([1, 2], [])).toThrow('welchLogRatio: 2 candidate and 0 baseline units');
    expect(() => welchLogRatio([], [1, 2])).toThrow('welchLogRatio: 0 candidate and 2 baseline units');
  });

  it('gives a real interval from two units on the candidate side', () => {
    // Logs: candidate 0, .2 (mean .1, variance .02); baseline .1, .3, .5 (mean .3, variance .04).
    // se = sqrt(.02/2 + .04/3) = 0.15275; Welch df = 2.882, so t at 2 df; half = 0.65730.
    const w = welchLogRatio(exp([0, 0.2]), exp([0.1, 0.3, 0.5]));
    expect(w.df).toBeCloseTo(2.882353, 5);
    expect(w.ratio).toBeCloseTo(Math.exp(-0.2), 12);
    expect(w.ci95[0]).toBeCloseTo(0.424309, 5);
    expect(w.ci95[1]).toBeCloseTo(1.579793, 5);
  });

  it('gives a real interval from two units on the baseline side', () => {
    const w = welchLogRatio(exp([0.1, 0.3, 0.5]), exp([0, 0.2]));
    expect(w.df).toBeCloseTo(2.882353, 5);
    expect(w.ratio).toBeCloseTo(Math.exp(0.2), 12);
    expect(w.ci95[0]).toBeCloseTo(0.632994, 5);
    expect(w.ci95[1]).toBeCloseTo(2.356775, 5);
  });

  it('gives the point estimate alone when the baseline has one unit, however spread the candidate', () => {
    const w = welchLogRatio(exp([0, 0.3, 0.6]), exp([0.1]));
    expect(w.ratio).toBeCloseTo(Math.exp(0.2), 12);
    expect(w.ci95).toStrictEqual([w.ratio, w.ratio]);
    expect(w.df).toBeNaN();
  });
});

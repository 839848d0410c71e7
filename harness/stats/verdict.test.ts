/**
 * Pins the one verdict rule (stats/verdict.ts) at its edges: an interval
 * exactly at the noise band's bounds, intervals that touch 1, bounds that
 * are NaN, zero or infinite, and the minimum number of independent units.
 * A `<` turned `<=`, a band widened or a minimum dropped fails here.
 */
import { describe, expect, it } from 'vitest';
import { VERDICTS, type Verdict } from '../contract/index.js';
import { isDecided, MIN_BOOTSTRAP_SAMPLES, MIN_PROCESSES, NOISE_THRESHOLD, verdictOf } from './index.js';

/** The band's bounds at the default noise, computed as the rule computes them. */
const LOW = 1 / (1 + NOISE_THRESHOLD);
const HIGH = 1 + NOISE_THRESHOLD;
/** A relative step far below any interval's width but above rounding. */
const EPS = 1e-12;

describe('verdictOf: the noise band', () => {
  it('has a 5% default band, three processes and six bootstrap samples as minimums', () => {
    // The figures the rest of the tests (and the README's methods note) rely on.
    expect([NOISE_THRESHOLD, MIN_PROCESSES, MIN_BOOTSTRAP_SAMPLES]).toStrictEqual([0.05, 3, 6]);
    expect(LOW).toBeCloseTo(0.952381, 6);
  });

  it('says no significant difference for an interval exactly at 1/(1+noise) and 1+noise', () => {
    expect(verdictOf([LOW, HIGH])).toBe('no-significant-difference');
    expect(verdictOf([LOW, 1])).toBe('no-significant-difference');
    expect(verdictOf([1, HIGH])).toBe('no-significant-difference');
  });

  it('is unresolved for an interval that contains 1 and reaches just past either bound', () => {
    expect(verdictOf([LOW * (1 - EPS), 1.01])).toBe('unresolved');
    expect(verdictOf([0.99, HIGH * (1 + EPS)])).toBe('unresolved');
    expect(verdictOf([LOW * (1 - EPS), HIGH * (1 + EPS)])).toBe('unresolved');
  });

  it('uses the given noise, symmetric on the log scale (1/1.2 below, 1.2 above)', () => {
    expect(verdictOf([1 / 1.2, 1.2], { noise: 0.2 })).toBe('no-significant-difference');
    expect(verdictOf([0.8, 1.1], { noise: 0.2 })).toBe('unresolved');
    expect(verdictOf([0.9, 1.2 * (1 + EPS)], { noise: 0.2 })).toBe('unresolved');
    // Zero noise: only the point interval at 1 is "no difference".
    expect(verdictOf([1, 1], { noise: 0 })).toBe('no-significant-difference');
    expect(verdictOf([1 - EPS, 1], { noise: 0 })).toBe('unresolved');
  });
});

describe('verdictOf: intervals that exclude or touch 1', () => {
  it('is faster only when the whole interval is below 1, slower only when above', () => {
    expect(verdictOf([0.5, 1 - EPS])).toBe('faster');
    expect(verdictOf([1 + EPS, 2])).toBe('slower');
    // A wide interval wholly on one side is still a difference: the band only
    // decides between "no difference" and "unresolved".
    expect(verdictOf([0.01, 0.5])).toBe('faster');
    expect(verdictOf([1.01, 100])).toBe('slower');
  });

  it('treats an interval that touches 1 as containing it', () => {
    expect(verdictOf([0.97, 1])).toBe('no-significant-difference');
    expect(verdictOf([1, 1.03])).toBe('no-significant-difference');
    expect(verdictOf([0.9, 1])).toBe('unresolved');
    expect(verdictOf([1, 1.1])).toBe('unresolved');
    expect(verdictOf([1, 1])).toBe('no-significant-difference');
  });
});

describe('verdictOf: bounds that are not an interval', () => {
  it('is unresolved for NaN, zero, negative or infinite bounds', () => {
    const broken: Array<readonly [number, number]> = [
      [Number.NaN, 1],
      [0.99, Number.NaN],
      [Number.NaN, Number.NaN],
      [0, 0.5],
      [-1, 0.5],
      [0.5, Infinity],
      [1.5, Infinity],
      [-Infinity, 0.5],
      [Infinity, Infinity],
    ];
    expect(broken.map((ci) => verdictOf(ci))).toStrictEqual(broken.map(() => 'unresolved'));
  });

  it('still says too-few-samples first when there are too few units', () => {
    expect(verdictOf([Number.NaN, Number.NaN], { replicates: 1, minReplicates: 3 })).toBe('too-few-samples');
  });
});

describe('verdictOf: minimum independent units', () => {
  it('withholds the verdict below the minimum and gives it at the minimum', () => {
    expect(verdictOf([0.5, 0.9], { replicates: MIN_PROCESSES - 1, minReplicates: MIN_PROCESSES })).toBe('too-few-samples');
    expect(verdictOf([0.5, 0.9], { replicates: MIN_PROCESSES, minReplicates: MIN_PROCESSES })).toBe('faster');
    expect(verdictOf([0.99, 1.01], { replicates: 5, minReplicates: 6 })).toBe('too-few-samples');
    expect(verdictOf([0.99, 1.01], { replicates: 6, minReplicates: 6 })).toBe('no-significant-difference');
  });

  it('has no minimum unless one is given, except that zero units is never enough', () => {
    expect(verdictOf([1.1, 1.2], { replicates: 1 })).toBe('slower');
    expect(verdictOf([1.1, 1.2], { replicates: 0 })).toBe('too-few-samples');
    expect(verdictOf([1.1, 1.2], { minReplicates: 100 })).toBe('slower');
  });
});

describe('isDecided', () => {
  it('is true for faster, slower and no difference; false for unresolved and too few samples', () => {
    const decided: Record<Verdict, boolean> = {
      faster: true,
      slower: true,
      'no-significant-difference': true,
      unresolved: false,
      'too-few-samples': false,
    };
    expect(VERDICTS.map(isDecided)).toStrictEqual(VERDICTS.map((v) => decided[v]));
    expect(VERDICTS).toHaveLength(Object.keys(decided).length);
  });
});

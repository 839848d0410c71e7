/**
 * The one ratio to the baseline: each design gives exactly the interval its
 * statistics module gives, with the unit of the design as its basis, and
 * units in blocks pair only when the blocks line up.
 */
import { describe, expect, it } from 'vitest';
import { compareMedians } from './compare.js';
import { compareForks } from './replicated.js';
import { compareUnpaired } from './unpaired.js';
import { pairedByBlock, ratioToBaseline, type BlockedUnits } from './vs-baseline.js';

/** n values spread evenly around a median (no randomness: exact figures). */
const around = (median: number, n = 9): number[] => Array.from({ length: n }, (_, i) => median * (1 + (i - (n - 1) / 2) * 0.01));
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe('ratioToBaseline', () => {
  const candidate = [around(50), around(52), around(49), around(51), around(50)];
  const baseline = [around(100), around(101), around(99), around(100), around(102)];

  it('pairs units that shared their time: per-unit ratios, t interval, the design unit as basis', () => {
    const forks = ratioToBaseline({ design: 'paired-units', unit: 'process', candidate, baseline });
    expect(forks).toStrictEqual(compareForks(candidate, baseline));
    expect(forks.basis).toEqual({ unit: 'process', count: 5 });
    expect(forks.verdict).toBe('faster');
    const environments = ratioToBaseline({ design: 'paired-units', unit: 'environment', candidate, baseline });
    expect(environments).toStrictEqual({ ...compareForks(candidate, baseline), basis: { unit: 'environment', count: 5 } });
  });

  it('pairs units in blocks only when both sides had one unit in each of the same blocks, Welch on unit medians otherwise', () => {
    const side = (samplesNs: number[][], blocks: number[]): BlockedUnits => ({ samplesNs, blocks });
    const aligned = ratioToBaseline({ design: 'units-by-block', unit: 'environment', candidate: side(candidate, [0, 1, 2, 3, 4]), baseline: side(baseline, [0, 1, 2, 3, 4]) });
    expect(aligned).toStrictEqual({ ...compareForks(candidate, baseline), basis: { unit: 'environment', count: 5 } });
    const shifted = ratioToBaseline({ design: 'units-by-block', unit: 'environment', candidate: side(candidate, [0, 1, 2, 3, 5]), baseline: side(baseline, [0, 1, 2, 3, 4]) });
    expect(shifted).toStrictEqual(compareUnpaired(candidate.map(median), baseline.map(median), { unit: 'environment' }));
    expect(shifted).not.toStrictEqual(aligned);
    expect(pairedByBlock(side(candidate, [0, 0, 1, 2, 3]), side(baseline, [0, 0, 1, 2, 3]))).toBe(false);
  });

  it('takes processes of their own on each side as unpaired: Welch on the unit medians, with the unit given', () => {
    const native = ratioToBaseline({ design: 'independent-units', unit: 'process', candidateMedians: [3000, 3100, 2900], baselineMedians: [8000, 8200, 7900] });
    expect(native).toStrictEqual(compareUnpaired([3000, 3100, 2900], [8000, 8200, 7900], { unit: 'process' }));
    expect(native.basis).toEqual({ unit: 'process', count: 3 });
  });

  it('bootstraps independent samples with the seed, resamples and minimum given', () => {
    const a = around(50, 30);
    const b = around(100, 30);
    const cold = ratioToBaseline({ design: 'independent-samples', unit: 'process', candidate: a, baseline: b, seed: 7, resamples: 200, minSamples: 6 });
    expect(cold).toStrictEqual(compareMedians(a, b, { seed: 7, unit: 'process', resamples: 200, minSamples: 6 }));
    expect(cold.basis).toEqual({ unit: 'process', count: 30 });
    expect(ratioToBaseline({ design: 'independent-samples', unit: 'environment', candidate: a, baseline: b, seed: 7 })).toStrictEqual(compareMedians(a, b, { seed: 7, unit: 'environment' }));
  });
});

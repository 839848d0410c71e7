/**
 * Pins what the ratio to the baseline passes on (issue 16, mutation
 * testing): blocks of different lengths never pair, the unpaired interval
 * keeps the design's unit, and a bootstrap's minimum number of samples
 * reaches the verdict.
 */
import { describe, expect, it } from 'vitest';
import { pairedByBlock, ratioToBaseline, type BlockedUnits } from './vs-baseline.js';

const around = (median: number, n: number): number[] => Array.from({ length: n }, (_, i) => median * (1 + (i - (n - 1) / 2) * 0.01));

describe('ratioToBaseline: what each design passes on', () => {
  it('never pairs blocks of different lengths, even when one is the start of the other', () => {
    const side = (blocks: number[]): BlockedUnits => ({ samplesNs: blocks.map(() => [1]), blocks });
    expect(pairedByBlock(side([0, 1]), side([0, 1, 2]))).toBe(false);
    expect(pairedByBlock(side([0, 1]), side([0, 1]))).toBe(true);
  });

  it('keeps the unit of units that do not pair', () => {
    const candidate: BlockedUnits = { samplesNs: [around(50, 5), around(51, 5), around(49, 5)], blocks: [0, 1, 3] };
    const baseline: BlockedUnits = { samplesNs: [around(100, 5), around(99, 5), around(101, 5)], blocks: [0, 1, 2] };
    expect(ratioToBaseline({ design: 'units-by-block', unit: 'process', candidate, baseline }).basis).toStrictEqual({ unit: 'process', count: 3 });
  });

  it('gives a verdict on fewer samples than the default minimum when the caller allows it', () => {
    // 4 samples a side: below the default minimum (6), so too few for a verdict unless minSamples says 4 are enough.
    const replicates = { design: 'independent-samples', unit: 'process', candidate: around(50, 4), baseline: around(100, 4), seed: 3, resamples: 200 } as const;
    expect(ratioToBaseline(replicates).verdict).toBe('too-few-samples');
    expect(ratioToBaseline({ ...replicates, minSamples: 4 }).verdict).toBe('faster');
  });
});

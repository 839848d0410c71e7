/**
 * Lambda ratios to node with the environment as the unit: samples grouped by
 * environment, paired per block only when both functions had one
 * environment in each of the same blocks, Welch otherwise; no warm verdict
 * from fewer than three environments (however many samples they gave), no
 * cold verdict from fewer than six forced cold starts; the basis says so.
 */
import { describe, expect, it } from 'vitest';
import { coldVsNode, groupByEnvironment, pairedByBlock, warmVsNode, type EnvironmentSeries } from './environments.js';

/** n samples around `median` (symmetric, so the median is exact). */
const around = (median: number, n = 5): number[] => Array.from({ length: n }, (_, i) => median * (1 + (i - (n - 1) / 2) * 0.01));

describe('groupByEnvironment', () => {
  it('groups index-aligned samples by environment id, in id order, leaving out environments without a sample', () => {
    expect(groupByEnvironment([1, 2, 3, 4], [0, 2, 2, 0], [0, 1, 2])).toStrictEqual({ samplesNs: [[1, 4], [2, 3]], blocks: [0, 2] });
    expect(groupByEnvironment([], [], [0])).toStrictEqual({ samplesNs: [], blocks: [] });
  });

  it('refuses misaligned input instead of guessing', () => {
    expect(() => groupByEnvironment([1, 2], [0], [0])).toThrow(/2 values, 1 environment ids/);
    expect(() => groupByEnvironment([1], [3], [0])).toThrow(/environment 3 has no block/);
  });
});

describe('pairedByBlock', () => {
  const series = (blocks: number[]): EnvironmentSeries => ({ samplesNs: blocks.map(() => [1]), blocks });
  it('pairs only one environment per block on both sides, in the same blocks', () => {
    expect(pairedByBlock(series([0, 1, 2]), series([0, 1, 2]))).toBe(true);
    expect(pairedByBlock(series([0, 1, 2]), series([0, 1]))).toBe(false);
    expect(pairedByBlock(series([0, 1, 2]), series([0, 1, 3]))).toBe(false);
    expect(pairedByBlock(series([0, 0, 1]), series([0, 0, 1]))).toBe(false);
  });
});

describe('warmVsNode', () => {
  // Each block drifts (x1, x2, x4) for both functions alike; the candidate is half of node in every block.
  const node: EnvironmentSeries = { samplesNs: [around(100), around(200), around(400)], blocks: [0, 1, 2] };
  const wasm: EnvironmentSeries = { samplesNs: [around(50), around(100), around(200)], blocks: [0, 1, 2] };

  it('pairs by block when the blocks match: the drift shared by the block cancels', () => {
    const vs = warmVsNode(wasm, node);
    expect(vs.ratio).toBeCloseTo(0.5, 9);
    // No spread left after pairing: only the run-level term (harness/stats RUN_LEVEL_SD, 0.75%) remains.
    expect(vs.ci95[0]).toBeCloseTo(0.5 * Math.exp(-1.959964 * 0.0075), 9);
    expect(vs.ci95[1]).toBeCloseTo(0.5 * Math.exp(1.959964 * 0.0075), 9);
    expect(vs.verdict).toBe('faster');
    expect(vs.basis).toStrictEqual({ unit: 'environment', count: 3 });
  });

  it('falls back to Welch on the environment medians when the blocks differ: the drift widens the interval', () => {
    const vs = warmVsNode({ ...wasm, blocks: [0, 1, 3] }, node);
    expect(vs.ratio).toBeCloseTo(0.5, 9);
    expect(vs.ci95[0]).toBeLessThan(0.5 * 0.9);
    expect(vs.ci95[1]).toBeGreaterThan(1);
    expect(vs.verdict).toBe('unresolved');
    expect(vs.basis).toStrictEqual({ unit: 'environment', count: 3 });
  });

  it('gives no verdict from the 5 samples of one environment, nor from 15 in one, nor from two environments', () => {
    const one = (median: number, n: number): EnvironmentSeries => ({ samplesNs: [around(median, n)], blocks: [0] });
    for (const n of [5, 15]) {
      const vs = warmVsNode(one(50, n), one(100, n));
      expect(vs.verdict).toBe('too-few-samples');
      expect(vs.basis).toStrictEqual({ unit: 'environment', count: 1 });
    }
    const two = warmVsNode({ samplesNs: [around(50), around(51)], blocks: [0, 1] }, { samplesNs: [around(100), around(101)], blocks: [0, 1] });
    expect(two.verdict).toBe('too-few-samples');
    expect(two.basis).toStrictEqual({ unit: 'environment', count: 2 });
  });

  it('counts the environments of the smaller side when unpaired', () => {
    const vs = warmVsNode({ samplesNs: [around(50), around(52), around(49), around(51)], blocks: [0, 1, 2, 3] }, { samplesNs: [around(100), around(101), around(99)], blocks: [0, 1, 2] });
    expect(vs.basis).toStrictEqual({ unit: 'environment', count: 3 });
    expect(vs.verdict).toBe('faster');
  });
});

describe('coldVsNode', () => {
  it('gives no verdict from 5 forced cold starts, however clear, and one from 6; each start is an environment', () => {
    const five = coldVsNode(around(50, 5), around(500, 5), 1);
    expect(five.verdict).toBe('too-few-samples');
    expect(five.basis).toStrictEqual({ unit: 'environment', count: 5 });
    const six = coldVsNode(around(50, 6), around(500, 6), 1);
    expect(six.verdict).toBe('faster');
    expect(six.basis).toStrictEqual({ unit: 'environment', count: 6 });
    expect(six.ratio).toBeCloseTo(0.1, 9);
  });
});

/** Raw samples -> summaries: exact figures from hand-made samples. */
import { describe, expect, it } from 'vitest';
import { coldVsNode, summariseCold, summariseItem, warmupCurve } from './summary.js';
import { itemKey } from './schedule.js';
import type { ColdFailureKind, ColdItem, ColdSample, CompletedColdSample, ErroredColdSample } from './types.js';

const ms = 1_000_000;
const node: ColdItem = { kind: 'target', workload: 'noop', target: 'node', size: 'small', engine: 'default' };
const wasm: ColdItem = { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'default' };
const wasmEager: ColdItem = { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'eager' };
const nodeEager: ColdItem = { kind: 'target', workload: 'noop', target: 'node', size: 'small', engine: 'eager' };
const baseline: ColdItem = { kind: 'baseline', engine: 'default' };

const memory = (heapUsedBytes: number) => ({ rssBytes: 1, heapUsedBytes, heapTotalBytes: 2 * heapUsedBytes, externalBytes: 3, arrayBuffersBytes: 4 });

function done(item: ColdItem, round: number, fields: Partial<CompletedColdSample> = {}): CompletedColdSample {
  return {
    type: 'cold', item, key: itemKey(item), round, sequence: round, argv: ['node'], envRemoved: [], wallNs: 80 * ms,
    state: 'completed', processStartNs: 40 * ms, timeToFirstResultNs: 45 * ms, timeToFirstResultChildNs: 44 * ms, harnessNs: 0.5 * ms,
    phases: [], callsNs: [], memoryAfterFirstCall: memory(4e6), memoryAtEnd: memory(5e6), maxRssBytes: 40e6, cpuUserUs: 30_000, cpuSystemUs: 5_000,
    node: 'v20', v8: '11', execArgv: [],
    ...(item.kind === 'target' ? { verified: true } : {}),
    ...fields,
  };
}

function failed(item: ColdItem, round: number, failure: ColdFailureKind, error = 'boom'): ErroredColdSample {
  return { type: 'cold', item, key: itemKey(item), round, sequence: round, argv: ['node'], envRemoved: [], wallNs: 1, state: 'errored', failure, error, stderrTail: 'line 1\nlast words\n', exitCode: null, signal: null };
}

const wasmPhases = (read: number, compile: number, instantiate: number) => [
  { name: 'read', ns: read },
  { name: 'compile', ns: compile },
  { name: 'instantiate', ns: instantiate },
];

describe('summariseItem', () => {
  const samples = [
    done(wasm, 0, { processStartNs: 40 * ms, phases: wasmPhases(1 * ms, 2 * ms, 0.3 * ms), callsNs: [10, 4, 2], timeToFirstResultNs: 50 * ms }),
    done(wasm, 1, { processStartNs: 42 * ms, phases: wasmPhases(3 * ms, 4 * ms, 0.1 * ms), callsNs: [12, 6], timeToFirstResultNs: 52 * ms }),
    done(wasm, 2, { processStartNs: 39 * ms, phases: wasmPhases(2 * ms, 3 * ms, 0.2 * ms), callsNs: [8, 5, 3, 1], timeToFirstResultNs: 48 * ms, maxRssBytes: 60e6, wasmMemoryAtEndBytes: 65536, wasmMemoryAfterFirstCallBytes: 65536 }),
  ];

  it('summarises each phase in order: process start, adapter phases, harness, first call', () => {
    const summary = summariseItem(wasm, samples);
    if (summary.state !== 'completed') throw new Error(summary.error);
    expect(Object.keys(summary.cold.phases)).toEqual(['processStart', 'read', 'compile', 'instantiate', 'harness', 'firstCall']);
    expect(summary.cold.phases.processStart?.medianNs).toBe(40 * ms);
    expect(summary.cold.phases.read?.medianNs).toBe(2 * ms);
    expect(summary.cold.phases.compile?.medianNs).toBe(3 * ms);
    expect(summary.cold.phases.instantiate?.medianNs).toBe(0.2 * ms);
    expect(summary.cold.phases.firstCall?.medianNs).toBe(10);
    expect(summary.cold.timeToFirstResult).toMatchObject({ medianNs: 50 * ms, samples: 3 });
    const ci = summary.cold.phases.compile?.ci95Ns ?? [0, 0];
    expect(ci[0]).toBeLessThanOrEqual(3 * ms);
    expect(ci[1]).toBeGreaterThanOrEqual(3 * ms);
    expect(summary.cold.samples).toBe(3);
    expect(summary.cold.failedSamples).toBe(0);
  });

  it('builds the warm-up curve as per-call-index medians over the samples that reached each call', () => {
    expect(warmupCurve(samples)).toEqual([10, 5, 2.5, 1]);
  });

  it('takes resource medians and converts CPU time to ms', () => {
    const summary = summariseItem(wasm, samples);
    if (summary.state !== 'completed') throw new Error(summary.error);
    expect(summary.resources).toMatchObject({ peakRssBytes: 40e6, heapUsedBytes: 5e6, heapTotalBytes: 10e6, cpuUserMs: 30, cpuSystemMs: 5, wasmMemoryBytes: 65536 });
    expect(summary.resources.afterFirstCall).toMatchObject({ heapUsedBytes: 4e6, wasmMemoryBytes: 65536 });
  });

  it('counts failed samples without letting them into any figure', () => {
    const summary = summariseItem(wasm, [...samples, failed(wasm, 3, 'timeout', 'no exit within 30000 ms')]);
    if (summary.state !== 'completed') throw new Error(summary.error);
    expect(summary.cold.samples).toBe(3);
    expect(summary.cold.failedSamples).toBe(1);
    expect(summary.cold.failures?.[0]).toContain('timeout: no exit within 30000 ms');
    expect(summary.cold.failures?.[0]).toContain('last words');
    expect(summary.cold.timeToFirstResult.samples).toBe(3);
  });

  it('errors the whole item on an output mismatch', () => {
    const summary = summariseItem(wasm, [...samples, failed(wasm, 3, 'mismatch', "last call's output sha256 x != expected y")]);
    expect(summary).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    if (summary.state === 'errored') expect(summary.error).toContain('mismatch');
    // A mismatch outweighs an item that could not be prepared in another round.
    expect(summariseItem(wasm, [failed(wasm, 0, 'prepare'), failed(wasm, 1, 'mismatch')])).toMatchObject({ failure: 'wrong-output' });
  });

  it('errors an item with no completed sample', () => {
    const summary = summariseItem(node, [failed(node, 0, 'crash'), failed(node, 1, 'crash')]);
    expect(summary).toMatchObject({ state: 'errored', failedSamples: 2, failure: 'crashed' });
    if (summary.state === 'errored') expect(summary.error).toMatch(/all 2 cold samples failed/);
    // Failures to measure keep their own kind: never a wrong output.
    expect(summariseItem(node, [failed(node, 0, 'timeout'), failed(node, 1, 'crash')])).toMatchObject({ failure: 'timeout' });
    expect(summariseItem(node, [failed(node, 0, 'prepare')])).toMatchObject({ failure: 'not-measured' });
  });

  it('gives the baseline process start and harness, but no first call', () => {
    const summary = summariseItem(baseline, [done(baseline, 0), done(baseline, 1, { processStartNs: 44 * ms })]);
    if (summary.state !== 'completed') throw new Error(summary.error);
    expect(Object.keys(summary.cold.phases)).toEqual(['processStart', 'harness']);
    expect(summary.cold.phases.processStart?.medianNs).toBe(42 * ms);
    expect(summary.cold.warmupCurveNs).toEqual([]);
  });
});

describe('summariseCold and coldVsNode', () => {
  const rounds = Array.from({ length: 20 }, (_, i) => i);
  const jitter = (i: number) => ((i * 7) % 5) * 0.1 * ms;
  const samples: ColdSample[] = rounds.flatMap((i) => [
    done(node, i, { timeToFirstResultNs: 50 * ms + jitter(i), callsNs: [1] }),
    done(wasm, i, { timeToFirstResultNs: 100 * ms + jitter(i), callsNs: [1] }),
    done(wasmEager, i, { timeToFirstResultNs: 80 * ms + jitter(19 - i), callsNs: [1] }),
    done(nodeEager, i, { timeToFirstResultNs: 80 * ms + jitter(i), callsNs: [1] }),
    done(baseline, i),
  ]);

  it('groups raw samples by item', () => {
    const summaries = summariseCold(samples);
    expect(summaries.map((s) => s.key)).toEqual([itemKey(node), itemKey(wasm), itemKey(wasmEager), itemKey(nodeEager), itemKey(baseline)]);
    expect(summaries.every((s) => s.state === 'completed' && s.cold.samples === 20)).toBe(true);
  });

  it('compares time to first result with node of the same workload, size and engine', () => {
    const ratios = coldVsNode(samples);
    expect([...ratios.keys()].sort()).toEqual([itemKey(wasm), itemKey(wasmEager)].sort());
    const slower = ratios.get(itemKey(wasm));
    expect(slower?.ratio).toBeCloseTo(2, 2);
    expect(slower?.verdict).toBe('slower');
    // Every cold sample is a fresh process: the interval rests on 20 of them.
    expect(slower?.basis).toEqual({ unit: 'process', count: 20 });
    // Compared with node under the same flags (80 ms), not with default node (50 ms).
    expect(ratios.get(itemKey(wasmEager))?.ratio).toBeCloseTo(1, 2);
    expect(ratios.get(itemKey(wasmEager))?.verdict).toBe('no-significant-difference');
  });

  it('never compares across engine configurations', () => {
    const withoutNodeEager = samples.filter((s) => s.key !== itemKey(nodeEager));
    expect(coldVsNode(withoutNodeEager).has(itemKey(wasmEager))).toBe(false);
  });

  it('leaves out items that failed verification', () => {
    const ratios = coldVsNode([...samples, failed(wasm, 20, 'mismatch')]);
    expect(ratios.has(itemKey(wasm))).toBe(false);
  });
});

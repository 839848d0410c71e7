/**
 * Pins the cold summary's verdict paths (issue 16, mutation testing): which
 * failure invalidates an item and is named, failure kinds, the stderr tail,
 * distinct memory figures, phase names, and the seed and resamples of the
 * cold-vs-node ratio.
 */
import { describe, expect, it } from 'vitest';
import { compareMedians, MIN_BOOTSTRAP_SAMPLES } from '../stats/index.js';
import { itemKey } from './schedule.js';
import { coldFailureKind, coldVsNode, describeFailure, summariseCold, summariseItem } from './summary.js';
import type { ColdFailureKind, ColdItem, CompletedColdSample, ErroredColdSample } from './types.js';

const ms = 1_000_000;
const node: ColdItem = { kind: 'target', workload: 'noop', target: 'node', size: 'small', engine: 'default' };
const wasm: ColdItem = { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'default' };
const baseline: ColdItem = { kind: 'baseline', engine: 'default' };
const mem = (base: number) => ({ rssBytes: base, heapUsedBytes: base + 1, heapTotalBytes: base + 2, externalBytes: base + 3, arrayBuffersBytes: base + 4 });

function done(item: ColdItem, round: number, fields: Partial<CompletedColdSample> = {}): CompletedColdSample {
  return {
    type: 'cold', item, key: itemKey(item), round, sequence: round, argv: ['node'], envRemoved: [], wallNs: 80 * ms,
    state: 'completed', processStartNs: 40 * ms, timeToFirstResultNs: 45 * ms, timeToFirstResultChildNs: 44 * ms, harnessNs: 0.5 * ms,
    phases: [], callsNs: [], memoryAfterFirstCall: mem(100), memoryAtEnd: mem(200), maxRssBytes: 40e6, cpuUserUs: 30_000, cpuSystemUs: 5_000,
    node: 'v20', v8: '11', execArgv: [],
    ...(item.kind === 'target' ? { verified: true } : {}),
    ...fields,
  };
}

function failed(item: ColdItem, round: number, failure: ColdFailureKind, error = 'boom', stderrTail = ''): ErroredColdSample {
  return { type: 'cold', item, key: itemKey(item), round, sequence: round, argv: ['node'], envRemoved: [], wallNs: 1, state: 'errored', failure, error, stderrTail, exitCode: null, signal: null };
}

describe('cold summary verdicts', () => {
  it('maps every failure kind', () => {
    expect((['mismatch', 'timeout', 'crash', 'exit-code', 'bad-message', 'spawn', 'prepare'] as const).map(coldFailureKind)).toStrictEqual([
      'wrong-output', 'timeout', 'crashed', 'crashed', 'crashed', 'not-measured', 'not-measured',
    ]);
  });

  it('describes a failure with the last five stderr lines, and without a stderr part when there is none', () => {
    expect(describeFailure(failed(wasm, 0, 'crash', 'died', '\n1\n2\n3\n4\n5\n6\n7\n\n'))).toBe('crash: died (stderr: 3 | 4 | 5 | 6 | 7)');
    expect(describeFailure(failed(wasm, 0, 'crash', 'died', ' \n '))).toBe('crash: died');
  });

  it('keeps only the last 500 characters of a long stderr tail', () => {
    // Joined: 300 x, ' | ', 300 y (603 characters): the first 103 go.
    const long = describeFailure(failed(wasm, 0, 'crash', 'died', `${'x'.repeat(300)}\n${'y'.repeat(300)}`));
    expect(long).toBe(`crash: died (stderr: ${'x'.repeat(197)} | ${'y'.repeat(300)})`);
  });

  it('a mismatch invalidates the item and is the failure named, before a prepare failure and over completed samples', () => {
    const s = summariseItem(wasm, [failed(wasm, 0, 'timeout', 't'), failed(wasm, 1, 'prepare', 'p'), failed(wasm, 2, 'mismatch', 'm'), done(wasm, 3)]);
    expect(s).toMatchObject({ state: 'errored', error: 'mismatch: m', failure: 'wrong-output', failedSamples: 3 });
    const p = summariseItem(wasm, [failed(wasm, 0, 'timeout', 't'), failed(wasm, 1, 'prepare', 'p'), done(wasm, 2)]);
    expect(p).toMatchObject({ state: 'errored', error: 'prepare: p', failure: 'not-measured' });
    const ok = summariseItem(wasm, [failed(wasm, 0, 'timeout', 't'), done(wasm, 1)]);
    expect(ok.state === 'completed' && ok.cold.failures).toStrictEqual(['timeout: t']);
  });

  it('names the first failure when every sample failed, and says when none was taken', () => {
    expect(summariseItem(wasm, [failed(wasm, 0, 'spawn', 's'), failed(wasm, 1, 'timeout', 't')])).toMatchObject({
      state: 'errored', error: 'all 2 cold samples failed; first: spawn: s', failure: 'not-measured', failedSamples: 2, failures: ['spawn: s', 'timeout: t'],
    });
    expect(summariseItem(wasm, [])).toStrictEqual({ key: itemKey(wasm), item: wasm, state: 'errored', error: 'no cold samples taken', failure: 'not-measured', failedSamples: 0, failures: [] });
  });

  it('keeps each memory figure apart, Wasm memory only when reported, and no failures key without failures', () => {
    const s = summariseItem(baseline, [done(baseline, 0, { phases: [{ name: 'load', ns: 2 }, { name: 'load', ns: 3 }] })]);
    if (s.state !== 'completed') throw new Error(s.state);
    expect(s.resources).toStrictEqual({
      peakRssBytes: 40e6, heapUsedBytes: 201, heapTotalBytes: 202, externalBytes: 203, arrayBuffersBytes: 204, cpuUserMs: 30, cpuSystemMs: 5,
      afterFirstCall: { heapUsedBytes: 101, heapTotalBytes: 102, externalBytes: 103, arrayBuffersBytes: 104 },
    });
    expect('failures' in s.cold).toBe(false);
    // A phase run twice counts as its total; a baseline (no calls) has no firstCall phase.
    expect(Object.keys(s.cold.phases)).toStrictEqual(['processStart', 'load', 'harness']);
    expect(s.cold.phases.load?.medianNs).toBe(5);
    // Each fixed phase reads its own figure of the sample.
    expect([s.cold.phases.processStart?.medianNs, s.cold.phases.harness?.medianNs]).toStrictEqual([40 * ms, 0.5 * ms]);
    const w = summariseItem(wasm, [done(wasm, 0, { callsNs: [7], wasmMemoryAtEndBytes: 131072, wasmMemoryAfterFirstCallBytes: 65536 }), done(wasm, 1, { phases: [{ name: 'compile', ns: 9 }] })]);
    if (w.state !== 'completed') throw new Error(w.state);
    expect(w.resources.wasmMemoryBytes).toBe(131072);
    expect(w.resources.afterFirstCall.wasmMemoryBytes).toBe(65536);
    expect(Object.keys(w.cold.phases)).toStrictEqual(['processStart', 'compile', 'harness', 'firstCall']);
    expect(w.cold.phases.compile?.samples).toBe(1);
    expect(w.cold.phases.firstCall).toStrictEqual({ medianNs: 7, p99Ns: 7, ci95Ns: [7, 7], samples: 1 });
  });

  it('ratios only valid items, with seed 1 by default and the given seed and resamples otherwise', () => {
    const nodeTimes = [40, 44, 41, 43, 42].map((v) => v * ms);
    const wasmTimes = [50, 53, 51, 52, 49].map((v) => v * ms);
    const samples = [
      ...nodeTimes.map((t, i) => done(node, i, { timeToFirstResultNs: t })),
      ...wasmTimes.map((t, i) => done(wasm, i, { timeToFirstResultNs: t })),
      done(baseline, 0),
    ];
    const perProcess = { unit: 'process', minSamples: MIN_BOOTSTRAP_SAMPLES } as const;
    expect(coldVsNode(samples)).toStrictEqual(new Map([[itemKey(wasm), compareMedians(wasmTimes, nodeTimes, { seed: 1, ...perProcess })]]));
    expect(coldVsNode(samples, { seed: 9, resamples: 50 }).get(itemKey(wasm))).toStrictEqual(compareMedians(wasmTimes, nodeTimes, { seed: 9, resamples: 50, ...perProcess }));
    expect(coldVsNode(samples, { seed: 9, resamples: 50 }).get(itemKey(wasm))).not.toStrictEqual(compareMedians(wasmTimes, nodeTimes, { seed: 9, ...perProcess }));
    expect(coldVsNode([...samples, failed(wasm, 9, 'mismatch')]).size).toBe(0);
    // A crash or a timeout does not invalidate an item, and its sample has no time to first result: not a process of the ratio.
    const survived = coldVsNode([...samples, failed(wasm, 10, 'crash'), failed(node, 10, 'timeout')]).get(itemKey(wasm));
    expect(survived).toStrictEqual(compareMedians(wasmTimes, nodeTimes, { seed: 1, ...perProcess }));
    expect(survived?.basis).toStrictEqual({ unit: 'process', count: 5 });
    expect(summariseCold(samples).map((s) => s.key)).toStrictEqual([itemKey(node), itemKey(wasm), itemKey(baseline)]);
  });

  it('rests a cold ratio on processes, and gives no verdict from fewer than six of them (issue 12)', () => {
    // wasm is 25% slower in every process: six or more processes per side decide
    // it; five per side (or five on one side) are too few for a 95% interval.
    const cold = (item: ColdItem, n: number, base: number) => Array.from({ length: n }, (_, i) => done(item, i, { timeToFirstResultNs: (base + i) * ms }));
    const six = coldVsNode([...cold(node, 6, 40), ...cold(wasm, 6, 50)]).get(itemKey(wasm));
    expect(six?.basis).toStrictEqual({ unit: 'process', count: 6 });
    expect(six?.verdict).toBe('slower');
    const five = coldVsNode([...cold(node, 5, 40), ...cold(wasm, 5, 50)]).get(itemKey(wasm));
    expect(five?.basis).toStrictEqual({ unit: 'process', count: 5 });
    expect(five?.verdict).toBe('too-few-samples');
    // The interval is still reported: only the verdict is withheld.
    expect(five?.ci95[0]).toBeGreaterThan(1);
    const lopsided = coldVsNode([...cold(node, 5, 40), ...cold(wasm, 20, 50)]).get(itemKey(wasm));
    expect(lopsided).toMatchObject({ verdict: 'too-few-samples', basis: { unit: 'process', count: 5 } });
  });
});

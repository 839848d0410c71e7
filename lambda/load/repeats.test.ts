import { describe, expect, it } from 'vitest';
import { combineAll, combineRepeats, percentileAcross } from './repeats.js';
import { MEDIAN_RUN_LEVEL_SD, tQuantile975 } from '../../harness/stats/replicated.js';
import type { LoadPercentile, LoadStepResult } from '../../harness/contract/load.js';

/** One repeat's step of sha256 node at 10/s: p50 `p50`, p99 `p99` (bounded unless told), everything else plain. */
function repeatStep(repeat: number, p50: number, overrides: Partial<LoadStepResult> = {}, p99: LoadPercentile = { q: 0.99, value: 3 * p50, ci: [2 * p50, 4 * p50] }): LoadStepResult {
  return {
    path: 'sync', step: 1, repeat, kind: 'rate', level: 10, workload: 'sha256', target: 'node', functionName: 'wlb-sha256-node', memoryMB: 1769, arch: 'x86_64',
    offeredPerS: 10, achievedPerS: 10, sent: 100, skipped: 0, ok: 98, throttled: 2, throttleReasons: { ReservedFunctionConcurrentInvocationLimitExceeded: 2 }, errors: 0, wrongOutputs: 0, lost: 0,
    latencyMs: { n: 98, percentiles: [{ q: 0.5, value: p50, ci: [p50 - 1, p50 + 1] }, p99], max: 4 * p50 },
    durationMedianMs: 2, coldStarts: 1, coldShare: 1 / 98, initStartsInLogs: 1, peakInFlight: 2, sendLag: { lateShare: 0, maxMs: 1 },
    valid: true, invalidReasons: [],
    cost: { requestsUsd: 0.2, computeUsd: 0.1, eventBridgeUsd: 0, logsUsd: 0.05, totalUsd: 0.35, coldShare: 0.2, unpriced: [] },
    ...overrides,
  };
}

/** The 95% interval logMeanInterval gives, written out: t on the logs' standard error, the run-level term in quadrature. */
function expectedInterval(values: readonly number[]): [number, number, number] {
  const logs = values.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  const half = Math.hypot((tQuantile975(logs.length - 1) * sd) / Math.sqrt(logs.length), 1.959964 * MEDIAN_RUN_LEVEL_SD);
  return [Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half)];
}

describe('percentileAcross', () => {
  it('is the geometric mean of the repeats\' percentiles with a t interval on their logs', () => {
    const values = [4, 5, 6.25];
    const p = percentileAcross(values.map((value) => ({ q: 0.5, value, ci: [value - 1, value + 1] })), 0.5);
    const [centre, low, high] = expectedInterval(values);
    expect(p.value).toBeCloseTo(5, 12);
    expect(p.value).toBeCloseTo(centre, 12);
    expect(p.ci[0]).toBeCloseTo(low, 12);
    expect(p.ci[1]).toBeCloseTo(high, 12);
    // t with 2 degrees of freedom: 4.30 standard errors, far wider than any one repeat's own interval.
    expect((p.ci[1] as number) / (p.ci[0] as number)).toBeGreaterThan(2);
    expect(p.needs).toBeUndefined();
  });

  it('gives no bounds when a repeat could not bound the percentile itself, and says how many events each repeat needs', () => {
    const p = percentileAcross([{ q: 0.99, value: 9, ci: [8, 10] }, { q: 0.99, value: 12, ci: [9, null], needs: 368 }, { q: 0.99, value: 10, ci: [8, 11] }], 0.99);
    expect(p.value).toBeCloseTo(Math.cbrt(9 * 12 * 10), 12);
    expect(p.ci).toEqual([null, null]);
    expect(p.needs).toBe(368);
  });

  it('gives no bounds from one repeat with completed events, and NaN from none', () => {
    const one = percentileAcross([{ q: 0.5, value: 4, ci: [3, 5] }, { q: 0.5, value: Number.NaN, ci: [null, null], needs: 6 }, undefined], 0.5);
    expect(one.value).toBe(4);
    expect(one.ci).toEqual([null, null]);
    const none = percentileAcross([{ q: 0.5, value: Number.NaN, ci: [null, null], needs: 6 }], 0.5);
    expect(none.value).toBeNaN();
    expect(none).toMatchObject({ ci: [null, null], needs: 6 });
  });
});

describe('combineRepeats', () => {
  it('sums counts, takes peaks and maxima, averages rates and cost, and rests the intervals on the repeats', () => {
    const combined = combineRepeats([
      repeatStep(0, 4, { peakInFlight: 3, coldStarts: 2, initStartsInLogs: 2, initDurationMs: { median: 60, max: 70 }, cpuBusy: 0.4, peakConcurrent: 2, environmentsUsed: 2 }),
      repeatStep(1, 5, { achievedPerS: 9.5, ok: 95, throttled: 5, throttleReasons: { ReservedFunctionConcurrentInvocationLimitExceeded: 4, ConcurrentInvocationLimitExceeded: 1 }, roundTripMedianMs: 3, initDurationMs: { median: 80, max: 90 }, cpuBusy: 0.7, peakConcurrent: 1, environmentsUsed: 3, cost: { requestsUsd: 0.2, computeUsd: 0.3, eventBridgeUsd: 0, logsUsd: 0.05, totalUsd: 0.55, coldShare: 0.4, unpriced: ['logs'] } }),
      repeatStep(2, 6.25, { valid: false, invalidReasons: ['host CPU saturated: 97% busy over the step'], endsRamp: true, sendLag: { lateShare: 0.2, maxMs: 30 }, durationMedianMs: 4, firstError: 'boom' }),
    ]);
    expect(combined.repeat).toBeUndefined();
    expect(combined.repeats).toBe(3);
    expect(combined).toMatchObject({ sent: 300, ok: 98 + 95 + 98, throttled: 9, errors: 0, lost: 0, skipped: 0, coldStarts: 4, initStartsInLogs: 4, peakInFlight: 3, peakConcurrent: 2, environmentsUsed: 3, cpuBusy: 0.7 });
    expect(combined.throttleReasons).toEqual({ ReservedFunctionConcurrentInvocationLimitExceeded: 8, ConcurrentInvocationLimitExceeded: 1 });
    expect(combined.achievedPerS).toBeCloseTo((10 + 9.5 + 10) / 3, 12);
    expect(combined.coldShare).toBeCloseTo(4 / (98 + 95 + 98), 12);
    expect(combined.initDurationMs).toEqual({ median: 70, max: 90 });
    expect(combined.durationMedianMs).toBe(2);
    expect(combined.roundTripMedianMs).toBe(3);
    expect(combined.sendLag).toEqual({ lateShare: 0.2, maxMs: 30 });
    expect(combined.cost?.totalUsd).toBeCloseTo((0.35 + 0.55 + 0.35) / 3, 12);
    expect(combined.cost?.coldShare).toBeCloseTo((0.2 + 0.4 + 0.2) / 3, 12);
    expect(combined.cost?.unpriced).toEqual(['logs']);
    // One INVALID repeat makes the step INVALID: its host's figures are in the summary.
    expect(combined.valid).toBe(false);
    expect(combined.invalidReasons).toEqual(['host CPU saturated: 97% busy over the step']);
    expect(combined.endsRamp).toBe(true);
    expect(combined.firstError).toBe('boom');
    expect(combined.latencyMs.n).toBe(3 * 98);
    expect(combined.latencyMs.max).toBe(25);
    expect(combined.latencyMs.basis).toEqual({ unit: 'repeat', count: 3 });
    const p50 = combined.latencyMs.percentiles.find((p) => p.q === 0.5);
    const [centre, low, high] = expectedInterval([4, 5, 6.25]);
    expect(p50?.value).toBeCloseTo(centre, 12);
    expect(p50?.ci[0]).toBeCloseTo(low, 12);
    expect(p50?.ci[1]).toBeCloseTo(high, 12);
  });

  it('keeps one repeat as it was, its intervals within its events', () => {
    const only = repeatStep(0, 4);
    const combined = combineRepeats([only]);
    expect(combined.repeat).toBeUndefined();
    expect(combined.repeats).toBe(1);
    expect(combined.latencyMs).toEqual({ ...only.latencyMs, basis: { unit: 'event', count: 98 } });
    expect(combined.valid).toBe(true);
  });

  it('leaves out what no repeat recorded, and counts only repeats with completed events in the basis', () => {
    const bare = (repeat: number, n: number): LoadStepResult => {
      const { cost: _c, durationMedianMs: _d, initStartsInLogs: _i, ...rest } = repeatStep(repeat, 4);
      return n > 0 ? rest : { ...rest, ok: 0, latencyMs: { n: 0, percentiles: [{ q: 0.5, value: Number.NaN, ci: [null, null], needs: 6 }], max: Number.NaN } };
    };
    const combined = combineRepeats([bare(0, 98), bare(1, 0), bare(2, 98)]);
    expect(combined.cost).toBeUndefined();
    expect(combined.durationMedianMs).toBeUndefined();
    expect(combined.initStartsInLogs).toBeUndefined();
    expect(combined.latencyMs.basis).toEqual({ unit: 'repeat', count: 2 });
    expect(combined.latencyMs.max).toBe(16);
    const allEmpty = combineRepeats([bare(0, 0), bare(1, 0)]);
    expect(allEmpty.latencyMs.max).toBeNaN();
    expect(allEmpty.latencyMs.basis).toEqual({ unit: 'repeat', count: 0 });
  });

  it('refuses no repeats at all', () => {
    expect(() => combineRepeats([])).toThrow(/no repeat/);
  });
});

describe('combineAll', () => {
  it('combines each path x step x function\'s repeats, in the order each first ran', () => {
    const wasm = (repeat: number, p50: number): LoadStepResult => repeatStep(repeat, p50, { target: 'wasm', functionName: 'wlb-sha256-wasm' });
    const step0 = (repeat: number): LoadStepResult => repeatStep(repeat, 3, { step: 0, level: 1 });
    const event = repeatStep(0, 9, { path: 'event' });
    const combined = combineAll([step0(0), repeatStep(0, 4), wasm(0, 5), event, step0(1), wasm(1, 6), repeatStep(1, 4.5)]);
    expect(combined.map((s) => [s.path, s.step, s.target, s.repeats])).toEqual([
      ['sync', 0, 'node', 2],
      ['sync', 1, 'node', 2],
      ['sync', 1, 'wasm', 2],
      ['event', 1, 'node', 1],
    ]);
    expect(combined[2]?.latencyMs.percentiles[0]?.value).toBeCloseTo(Math.sqrt(30), 12);
  });
});

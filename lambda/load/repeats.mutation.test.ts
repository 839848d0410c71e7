/**
 * Exact combined results of repeats.ts, compared strictly (a key present with
 * `undefined` differs from a key left out), so a figure taken from the wrong
 * repeat, an optional field written when no repeat had it, or a bound given
 * from too few repeats fails here. Written against `npm run mutation`.
 */
import { describe, expect, it } from 'vitest';
import { combineRepeats, percentileAcross } from './repeats.js';
import type { LoadPercentile, LoadStepResult } from '../../harness/contract/load.js';

/** A repeat with none of the optional figures. */
function bare(repeat: number, p50: number, p99: number, overrides: Partial<LoadStepResult> = {}): LoadStepResult {
  return {
    path: 'event', step: 2, repeat, kind: 'rate', level: 25, workload: 'json-transform', target: 'wasm', functionName: 'wlb-json-transform-wasm', memoryMB: 1769, arch: 'x86_64',
    achievedPerS: 25, sent: 50, skipped: 0, ok: 50, throttled: 0, throttleReasons: {}, errors: 0, wrongOutputs: 0, lost: 0,
    latencyMs: { n: 50, percentiles: [{ q: 0.5, value: p50, ci: [p50 / 2, p50 * 2] }, { q: 0.99, value: p99, ci: [p99 / 2, null], needs: 368 }], max: p99 + 1 },
    coldStarts: 0, coldShare: 0, peakInFlight: 1, sendLag: { lateShare: 0, maxMs: 2 }, valid: true, invalidReasons: [],
    ...overrides,
  };
}

describe('combineRepeats, strictly', () => {
  it('writes no optional figure that no repeat recorded, and every one of the rest', () => {
    const combined = combineRepeats([bare(0, 4, 9), bare(1, 9, 16)]);
    expect(combined).toStrictEqual({
      path: 'event', step: 2, repeats: 2, kind: 'rate', level: 25, workload: 'json-transform', target: 'wasm', functionName: 'wlb-json-transform-wasm', memoryMB: 1769, arch: 'x86_64',
      achievedPerS: 25, sent: 100, skipped: 0, ok: 100, throttled: 0, throttleReasons: {}, errors: 0, wrongOutputs: 0, lost: 0,
      latencyMs: {
        n: 100,
        percentiles: [
          { q: 0.5, value: combined.latencyMs.percentiles[0]?.value, ci: combined.latencyMs.percentiles[0]?.ci },
          { q: 0.99, value: 12, ci: [null, null], needs: 368 },
        ],
        max: 17,
        basis: { unit: 'repeat', count: 2 },
      },
      coldStarts: 0, coldShare: 0, peakInFlight: 1, sendLag: { lateShare: 0, maxMs: 2 }, valid: true, invalidReasons: [],
    });
    expect(combined.latencyMs.percentiles[0]?.value).toBeCloseTo(6, 12);
    expect(combined.latencyMs.percentiles[0]?.ci.every((b) => typeof b === 'number')).toBe(true);
  });

  it('takes each optional figure from the repeats that have it', () => {
    const combined = combineRepeats([
      bare(0, 4, 9, {
        ok: 40, wrongOutputs: 10, coldStarts: 5, errors: 1, skipped: 2, lost: 3, offeredPerS: 25, roundTripMedianMs: 3, durationMedianMs: 1, initStartsInLogs: 5, initDurationMs: { median: 100, max: 200 },
        forcedCold: true, peakConcurrent: 4, environmentsUsed: 5, environmentsAfter: 6, cpuBusy: 0.5, endsRamp: true, firstError: 'first', logsError: 'logs one',
        cost: { requestsUsd: 0.2, computeUsd: 0.4, eventBridgeUsd: 1, logsUsd: 0.1, totalUsd: 1.7, coldShare: 0.3, unpriced: ['a'] },
      }),
      bare(1, 9, 16, {
        ok: 50, coldStarts: 1, roundTripMedianMs: 5, durationMedianMs: 3, initStartsInLogs: 1, initDurationMs: { median: 50, max: 60 }, forcedCold: false,
        peakConcurrent: 2, environmentsUsed: 7, environmentsAfter: 3, cpuBusy: 0.8, valid: false, invalidReasons: ['client send lag: x'], firstError: 'second', logsError: 'logs two',
        cost: { requestsUsd: 0.4, computeUsd: 0.2, eventBridgeUsd: 1, logsUsd: 0.3, totalUsd: 1.9, coldShare: 0.1, unpriced: ['b', 'a'] },
      }),
    ]);
    expect(combined).toMatchObject({ ok: 90, wrongOutputs: 10, errors: 1, skipped: 2, lost: 3, coldStarts: 6, initStartsInLogs: 6, offeredPerS: 25, forcedCold: false, peakConcurrent: 4, environmentsUsed: 7, environmentsAfter: 6, cpuBusy: 0.8 });
    // Cold starts per invocation that ran: right and wrong outputs both ran.
    expect(combined.coldShare).toBeCloseTo(6 / 100, 12);
    expect(combined.roundTripMedianMs).toBe(4);
    expect(combined.durationMedianMs).toBe(2);
    expect(combined.initDurationMs).toStrictEqual({ median: 75, max: 200 });
    expect(combined.valid).toBe(false);
    expect(combined.invalidReasons).toStrictEqual(['client send lag: x']);
    expect(combined.endsRamp).toBe(true);
    expect(combined.firstError).toBe('first');
    expect(combined.logsError).toBe('logs one');
    const cost = combined.cost;
    expect(cost?.requestsUsd).toBeCloseTo(0.3, 12);
    expect(cost?.computeUsd).toBeCloseTo(0.3, 12);
    expect(cost?.eventBridgeUsd).toBeCloseTo(1, 12);
    expect(cost?.logsUsd).toBeCloseTo(0.2, 12);
    expect(cost?.totalUsd).toBeCloseTo(1.8, 12);
    expect(cost?.coldShare).toBeCloseTo(0.2, 12);
    expect(cost?.unpriced).toStrictEqual(['a', 'b']);
  });

  it('finds a figure recorded only by a later repeat, and forcedCold true only when every storm was forced', () => {
    const combined = combineRepeats([bare(0, 4, 9), bare(1, 9, 16, { logsError: 'late', forcedCold: true, environmentsAfter: 2 }), bare(2, 6, 12, { forcedCold: true })]);
    expect(combined.logsError).toBe('late');
    expect(combined.forcedCold).toBe(true);
    expect(combined.environmentsAfter).toBe(2);
  });

  it('gives a cold share of 0, not 0/0, when nothing ran', () => {
    const none = (repeat: number): LoadStepResult => bare(repeat, 4, 9, { ok: 0, throttled: 50, latencyMs: { n: 0, percentiles: [{ q: 0.5, value: Number.NaN, ci: [null, null], needs: 6 }], max: Number.NaN } });
    const combined = combineRepeats([none(0), none(1)]);
    expect(combined.coldShare).toBe(0);
    expect(combined.latencyMs.percentiles).toStrictEqual([{ q: 0.5, value: Number.NaN, ci: [null, null], needs: 6 }]);
  });
});

describe('percentileAcross, strictly', () => {
  const bounded = (value: number): LoadPercentile => ({ q: 0.9, value, ci: [value / 2, value * 2] });

  it('bounds a percentile from two repeats, and leaves out a repeat whose figure is 0', () => {
    const two = percentileAcross([bounded(4), bounded(9)], 0.9);
    expect(two.value).toBeCloseTo(6, 12);
    expect(two.ci.every((b) => typeof b === 'number')).toBe(true);
    expect('needs' in two).toBe(false);
    const withZero = percentileAcross([{ q: 0.9, value: 0, ci: [0, 0] }, bounded(4), bounded(9)], 0.9);
    expect(withZero.value).toBeCloseTo(6, 12);
  });

  it('gives no bounds when a repeat lacks its lower bound only', () => {
    const p = percentileAcross([bounded(4), { q: 0.9, value: 9, ci: [null, 12], needs: 36 }], 0.9);
    expect(p).toStrictEqual({ q: 0.9, value: p.value, ci: [null, null], needs: 36 });
  });

  it('says nothing of needs when no repeat recorded it', () => {
    expect(percentileAcross([undefined], 0.9)).toStrictEqual({ q: 0.9, value: Number.NaN, ci: [null, null] });
    expect(percentileAcross([{ q: 0.9, value: Number.NaN, ci: [null, null] }, { q: 0.9, value: Number.NaN, ci: [null, null], needs: 36 }], 0.9)).toStrictEqual({ q: 0.9, value: Number.NaN, ci: [null, null], needs: 36 });
    const old = percentileAcross([{ q: 0.9, value: 4, ci: [null, 5] }, bounded(9)], 0.9);
    expect(old).toStrictEqual({ q: 0.9, value: old.value, ci: [null, null] });
  });
});

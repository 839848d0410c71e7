/**
 * The scheduled path's pure parts: a schedule's rate, a receipt's scheduled
 * time, and which receipts make a window's events (inside it only, in
 * scheduled order, each timed from its scheduled time). The path end to end
 * runs in lambda/deploy/eventbridge.test.ts against the local Lambda.
 */
import { describe, expect, it } from 'vitest';
import { parseLogLines } from './receipts.js';
import { scheduleRatePerS, scheduledAtOf, scheduledRun } from './scheduled.js';
import { eventRecords } from './summary.js';
import { PRICING, pricesFor } from '../cost/cost.js';

const T = Date.UTC(2026, 10, 29, 6, 0, 0);
const SHA = 'a'.repeat(64);

describe('scheduled path', () => {
  it('reads a rate expression as events per second; cron has no fixed rate', () => {
    expect(scheduleRatePerS('rate(1 minute)')).toBe(1 / 60);
    expect(scheduleRatePerS('rate(5 minutes)')).toBe(1 / 300);
    expect(scheduleRatePerS('rate(2 hours)')).toBe(1 / 7200);
    expect(scheduleRatePerS('rate(1 day)')).toBe(1 / 86_400);
    expect(scheduleRatePerS('cron(0 12 * * ? *)')).toBeUndefined();
    expect(scheduledAtOf(`scheduled.${T}`)).toBe(T);
    expect(scheduledAtOf(`abc-s0-1.${T}`)).toBeUndefined();
  });

  it("takes the window's receipts only, in scheduled order, each latency from its scheduled time to the receipt", () => {
    const line = (id: string, receivedMs: number): string => `WLB_RECEIPT ${id} ${receivedMs.toFixed(3)}`;
    const result = (id: string): string => `WLB_RESULT ${id} ${SHA} 32`;
    const logs = parseLogLines([
      { message: line(`scheduled.${T + 120_000}`, T + 120_250) }, { message: result(`scheduled.${T + 120_000}`) },
      { message: line(`scheduled.${T + 60_000}`, T + 60_040) }, { message: result(`scheduled.${T + 60_000}`) },
      // Before the window and after it: not this step's.
      { message: line(`scheduled.${T - 60_000}`, T + 10) }, { message: result(`scheduled.${T - 60_000}`) },
      { message: line(`scheduled.${T + 180_000}`, T + 180_010) },
    ], 'scheduled.');
    const { run, ids } = scheduledRun(logs, T, T + 180_000, false);
    expect(ids).toEqual([`scheduled.${T + 60_000}`, `scheduled.${T + 120_000}`]);
    expect(run.events.map((e) => e.intendedNs / 1e6)).toEqual([60_000, 120_000]);
    const records = eventRecords({
      path: 'scheduled', kind: 'rate', step: 0, level: 1 / 60, durationMs: 180_000, workload: 'sha256', target: 'node', functionName: 'f',
      memoryMB: 1769, arch: 'x86_64', run, loadId: (seq) => ids[seq] as string, epochAtStartMs: T, logs,
      expected: { sha256: SHA, bytes: 32 }, cpuBusy: undefined, price: pricesFor(PRICING.defaultRegion),
    });
    expect(records.map((r) => [r.state, r.latencyMs])).toEqual([['completed', 40], ['completed', 250]]);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../harness/stats/rng.js';
import { arrivalTimes, runStep, type StepPlan } from './scheduler.js';
import { FifoEndpoint, VirtualClock } from './virtual-time.fixture.js';

const MS = 1e6;
const failed = (error: unknown): string => `failed: ${String(error)}`;

function plan(overrides: Partial<StepPlan> = {}): StepPlan {
  return { kind: 'rate', level: 100, durationMs: 2000, rng: createRng(1), maxInFlight: 10_000, ...overrides };
}

describe('open loop against a stalled response', () => {
  it('records the ~100 events queued behind a 1 s stall at 100 events/s with their wait', async () => {
    const clock = new VirtualClock();
    const endpoint = new FifoEndpoint(clock);
    // One worker, 1 ms per event, except event 50, which stalls for 1 s.
    const run = await clock.run(runStep(plan(), clock, (seq) => endpoint.serve(seq, seq === 50 ? 1000 * MS : 1 * MS).then(() => 'ok'), failed));

    expect(run.events).toHaveLength(200);
    expect(run.skipped).toBe(0);
    // The sender never waited for an answer: every event left at its intended time.
    for (const e of run.events) expect(e.sentNs).toBe(e.intendedNs);
    const latencyMs = (seq: number): number => {
      const e = run.events[seq];
      if (e === undefined) throw new Error(`event ${seq} missing`);
      return (e.doneNs - e.intendedNs) / MS;
    };
    expect(latencyMs(49)).toBe(1);
    expect(latencyMs(50)).toBe(1000);
    // Event 50+j was meant to go 10j ms after the stalled one and is served after it, 1 ms each: it waited 1000 - 9j ms.
    for (let j = 1; j < 112; j++) expect(latencyMs(50 + j)).toBe(1000 - 9 * j);
    // Back to the service time once the queue has drained.
    expect(latencyMs(162)).toBe(1);
    const slow = run.events.filter((e) => e.doneNs - e.intendedNs > 100 * MS);
    expect(slow.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 50 + i));
    // The queue shows as concurrency too: the stalled event and the 99 sent during its second were outstanding at once.
    expect(run.peakInFlight).toBe(100);
  });

  it('a closed-loop caller would have seen one slow event: the omission the open loop avoids', async () => {
    const clock = new VirtualClock();
    const endpoint = new FifoEndpoint(clock);
    const run = await clock.run(runStep(plan({ kind: 'concurrency', level: 1 }), clock, (seq) => endpoint.serve(seq, seq === 50 ? 1000 * MS : 1 * MS).then(() => 'ok'), failed));
    const slow = run.events.filter((e) => e.doneNs - e.intendedNs > 100 * MS);
    expect(slow.map((e) => e.seq)).toEqual([50]);
    // And it sent far fewer events in the stall's second.
    expect(run.events.length).toBeLessThan(1100);
    expect(run.peakInFlight).toBe(1);
  });
});

describe('runStep', () => {
  it('counts a busy client as send lag, still measured from the intended time', async () => {
    const clock = new VirtualClock();
    // Event 10's call blocks the client's event loop for 55 ms before it returns a promise.
    const run = await clock.run(
      runStep(plan({ level: 100, durationMs: 200 }), clock, (seq) => {
        if (seq === 10) clock.block(55 * MS);
        return clock.sleepUntil(clock.nowNs() + 2 * MS).then(() => 'ok');
      }, failed),
    );
    const lagMs = run.events.map((e) => (e.sentNs - e.intendedNs) / MS);
    expect(lagMs.slice(0, 11)).toEqual(Array(11).fill(0));
    // Events 11-15 were due at 110-150 ms and left at 155 ms.
    expect(lagMs.slice(11, 16)).toEqual([45, 35, 25, 15, 5]);
    expect(lagMs.slice(16)).toEqual(Array(4).fill(0));
    const e11 = run.events[11];
    expect(e11 && (e11.doneNs - e11.intendedNs) / MS).toBe(47);
  });

  it('skips open-loop events beyond the in-flight ceiling and counts them', async () => {
    const clock = new VirtualClock();
    const run = await clock.run(runStep(plan({ level: 100, durationMs: 100, maxInFlight: 3 }), clock, () => clock.sleepUntil(clock.nowNs() + 1000 * MS).then(() => 'ok'), failed));
    expect(run.events).toHaveLength(3);
    expect(run.skipped).toBe(7);
    expect(run.peakInFlight).toBe(3);
  });

  it('keeps an event whose invoker threw, as the failed outcome', async () => {
    const clock = new VirtualClock();
    const run = await clock.run(
      runStep(plan({ level: 10, durationMs: 300 }), clock, (seq) => {
        if (seq === 1) throw new Error('boom');
        return Promise.resolve('ok');
      }, failed),
    );
    expect(run.events.map((e) => e.outcome)).toEqual(['ok', 'failed: Error: boom', 'ok']);
  });

  it('stops sending when asked', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const run = await clock.run(runStep(plan({ level: 10, durationMs: 1000 }), clock, () => Promise.resolve(String(++calls)), failed, () => calls >= 4));
    expect(run.events).toHaveLength(4);
    expect(run.stopped).toBe(true);
  });

  it('closed loop keeps n callers busy for the duration', async () => {
    const clock = new VirtualClock();
    const run = await clock.run(runStep(plan({ kind: 'concurrency', level: 4, durationMs: 100 }), clock, () => clock.sleepUntil(clock.nowNs() + 10 * MS).then(() => 'ok'), failed));
    // Four callers, 10 ms per call, 100 ms: ten rounds of four.
    expect(run.events).toHaveLength(40);
    expect(run.peakInFlight).toBe(4);
    for (const e of run.events) expect(e.sentNs).toBe(e.intendedNs);
  });
});

describe('arrivalTimes', () => {
  it('spaces a constant rate evenly', () => {
    expect(arrivalTimes('rate', 4, 1000, createRng(1))).toEqual([0, 250 * MS, 500 * MS, 750 * MS]);
  });

  it('draws Poisson arrivals at the mean rate, seeded', () => {
    const times = arrivalTimes('poisson', 100, 100_000, createRng(7));
    // 10,000 expected; a Poisson count's sd is 100, so 3 sd is 300.
    expect(Math.abs(times.length - 10_000)).toBeLessThan(300);
    expect(arrivalTimes('poisson', 100, 100_000, createRng(7))).toEqual(times);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    // Exponential gaps: about 37% (e^-1) exceed the mean gap of 10 ms.
    const share = gaps.filter((g) => g > 10 * MS).length / gaps.length;
    expect(share).toBeGreaterThan(0.34);
    expect(share).toBeLessThan(0.40);
  });
});

/**
 * Cold-start storms in virtual time: real steps (scheduler.ts) summarised as
 * a run does it (summary.ts), each made cold first (storm.ts), against a fake
 * Lambda whose environments stay warm until a configuration change retires
 * them and whose INITs take 200 ms. No wall clock is read and no time is
 * asserted beyond the virtual clock's own readings.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../harness/stats/rng.js';
import { pricesFor } from '../cost/cost.js';
import { hostLimitOf, NOT_COLD_REASON } from '../../harness/contract/load.js';
import type { LoadOutcome } from './invoker.js';
import { climbRamp } from './ramp.js';
import { arrivalTimes, runStep } from './scheduler.js';
import { parseLoadSpec } from '../../harness/options/load.js';
import { runStorm, stormHostNote, stormPlanNote } from './storm.js';
import { eventRecords, summariseStep, type LoadStepResult, type StepInput } from './summary.js';
import { VirtualClock } from './virtual-time.fixture.js';

const MS = 1e6;
const INIT_NS = 200 * MS;
const WORK_NS = 5 * MS;

/** A fake function: warm environments are reused, a new one takes INIT_NS first; retire() drops the idle ones (a configuration change). */
class FakeFunction {
  idle = 0;
  readonly log: string[] = [];
  constructor(private readonly clock: VirtualClock) {}

  retire(): Promise<void> {
    this.log.push('retire');
    this.idle = 0;
    return Promise.resolve();
  }

  invoke(seq: number): Promise<LoadOutcome> {
    this.log.push(`send ${seq} at ${this.clock.nowNs() / MS} ms`);
    const cold = this.idle === 0;
    if (!cold) this.idle -= 1;
    return this.clock.sleepUntil(this.clock.nowNs() + (cold ? INIT_NS : 0) + WORK_NS).then(() => {
      this.idle += 1;
      return { state: 'completed', durationMs: WORK_NS / MS, billedMs: WORK_NS / MS, ...(cold ? { initMs: INIT_NS / MS } : {}) };
    });
  }
}

/** One storm step as mode.ts measures it, minus the network: the scheduler in virtual time, then the run's own summary. */
async function burst(clock: VirtualClock, fn: FakeFunction, step: number, level: number): Promise<LoadStepResult> {
  const run = await clock.run(runStep({ kind: 'storm', level, durationMs: 0, rng: createRng(step), maxInFlight: 512 }, clock, (seq) => fn.invoke(seq), (e): LoadOutcome => ({ state: 'errored', error: String(e) })));
  const input: StepInput = {
    path: 'sync', kind: 'storm', step, level, durationMs: 0, workload: 'sha256', target: 'node', functionName: 'wlb-sha256-node', memoryMB: 1769, arch: 'x86_64',
    run, loadId: (seq) => `s${step}-${seq}`, epochAtStartMs: 0, expected: { sha256: 'ab'.repeat(32), bytes: 32 }, cpuBusy: undefined, price: pricesFor('us-east-1'),
  };
  return summariseStep(input, eventRecords(input));
}

describe('arrival times of a storm', () => {
  it('are N zeros: every event of the burst is meant to land at once', () => {
    expect(arrivalTimes('storm', 5, 0, createRng(1))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('a storm step', () => {
  it('sends N events with one intended time and counts latency from it', async () => {
    const clock = new VirtualClock();
    const fn = new FakeFunction(clock);
    const result = await burst(clock, fn, 0, 4);
    expect(result.sent).toBe(4);
    expect(result.coldStarts).toBe(4);
    expect(result.coldShare).toBe(1);
    expect(result.peakInFlight).toBe(4);
    // Every event waited INIT + work from the same intended moment.
    expect(result.latencyMs.max).toBe((INIT_NS + WORK_NS) / MS);
    expect(result.initDurationMs).toEqual({ median: 200, max: 200 });
    expect(result).not.toHaveProperty('offeredPerS');
    expect(result.valid).toBe(true);
  });

  it('forces the function cold before every step, so each burst meets N new environments', async () => {
    const clock = new VirtualClock();
    const fn = new FakeFunction(clock);
    const results: LoadStepResult[] = [];
    await climbRamp({ kind: 'storm', levels: [2, 3], untilHostLimit: false }, ['node'], {
      measure: (step, level) => runStorm({ forceCold: () => fn.retire(), measure: () => burst(clock, fn, step, level) }),
      record: (result) => void results.push(result),
      stopped: () => false,
    });
    expect(fn.log).toEqual(['retire', 'send 0 at 0 ms', 'send 1 at 0 ms', 'retire', 'send 0 at 205 ms', 'send 1 at 205 ms', 'send 2 at 205 ms']);
    expect(results.map((r) => [r.level, r.coldStarts, r.forcedCold])).toEqual([[2, 2, true], [3, 3, true]]);
  });

  it('without the forcing the second burst lands on warm environments: what a ramp measures, not a storm', async () => {
    const clock = new VirtualClock();
    const fn = new FakeFunction(clock);
    await burst(clock, fn, 0, 2);
    expect((await burst(clock, fn, 1, 3)).coldStarts).toBe(1);
  });

  it('marks a step INVALID when its environments could not be retired, and that is not a host limit', async () => {
    const clock = new VirtualClock();
    const fn = new FakeFunction(clock);
    const result = await runStorm({ forceCold: () => Promise.reject(new Error('UpdateFunctionConfiguration → HTTP 403 AccessDeniedException')), measure: () => burst(clock, fn, 0, 2) });
    expect(result.forcedCold).toBe(false);
    expect(result.valid).toBe(false);
    expect(result.invalidReasons).toEqual([`${NOT_COLD_REASON}: forcing new environments failed: UpdateFunctionConfiguration → HTTP 403 AccessDeniedException`]);
    expect(hostLimitOf(result)).toBeUndefined();
  });
});

describe('stormHostNote', () => {
  it('names the storms larger than the host starts at once, and says nothing on AWS or when every storm fits', () => {
    const gate = { limit: 2, reason: 'one INIT per core (2)' };
    expect(stormHostNote(gate, [1, 5, 10, 20])).toBe(
      'load storm: this host starts at most 2 execution environment(s) at once (one INIT per core (2)); storms of 5, 10, 20 event(s) queue their cold starts on this host ' +
        "and are INVALID when they do: 20 Node processes starting together on 2 core(s) is the host's limit, not Lambda's",
    );
    expect(stormHostNote(gate, [1, 2])).toBeUndefined();
    expect(stormHostNote(undefined, [50])).toBeUndefined();
  });
});

describe('stormPlanNote', () => {
  it('counts the storms, says each meets a cold function and bounds the time by the full waits', () => {
    expect(stormPlanNote(parseLoadSpec('storm:1,5,10,20@20s+2s'), 2, 1)).toBe(
      "load: 8 storm(s) planned (1, 5, 10, 20 events at once x 2 function(s) x 1 path(s) x 1 repeat(s)); before each, the function's environments are retired (a configuration change, waited for), " +
        'so every event meets a cold function; at most 3 min with every storm waiting the full 20 s for its log lines and 2 s quiet after',
    );
    // Three repeats: three times the storms and the bound (8 x 22 s x 3 = 8.8 min).
    expect(stormPlanNote(parseLoadSpec('storm:1,5,10,20@20s+2s'), 2, 1, 3)).toMatch(/^load: 24 storm\(s\) planned \(.* x 3 repeat\(s\)\); .* at most 9 min /);
    expect(stormPlanNote(parseLoadSpec('storm:4..'), 1, 1)).toMatch(/waiting the full 30 s .*; each function stops after its first host-limited storm$/);
  });
});

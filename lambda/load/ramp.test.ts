/**
 * The ramp's stop rule in virtual time: real steps (scheduler.ts) summarised
 * as a run does it (summary.ts), against fake endpoints. One function's
 * client work outgrows the gap between events at 100/s, so its sends lag and
 * that step is host-limited (INVALID): its ramp stops there. The other
 * function's endpoint holds one event at a time and throttles the rest with
 * 429s, the system's behaviour under load: its steps stay valid and it climbs
 * to the top. No wall clock is read and no time is asserted, only counts.
 */
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_REASON } from '../../harness/contract/load.js';
import { createRng } from '../../harness/stats/rng.js';
import { pricesFor } from '../cost/cost.js';
import type { LoadOutcome } from './invoker.js';
import { climbRamp, rampEndNote, type RampEnd } from './ramp.js';
import { runStep } from './scheduler.js';
import { eventRecords, summariseStep, type LoadStepResult, type StepInput } from './summary.js';
import { VirtualClock } from './virtual-time.fixture.js';

const MS = 1e6;
const LEVELS = [10, 50, 100, 200];
type Fn = 'lagging' | 'throttled';

/** The lagging function's invoker keeps the client's event loop busy for 12 ms per send: fine every 20 ms (50/s), behind every 10 ms (100/s). */
const CLIENT_WORK_NS = 12 * MS;
/** The throttled function's endpoint serves one event at a time for 30 ms and refuses the others, as reserved concurrency 1 does. */
const SERVICE_NS = 30 * MS;

function endpoints(clock: VirtualClock): Record<Fn, (seq: number) => Promise<LoadOutcome>> {
  let busy = 0;
  return {
    lagging: () => {
      clock.block(CLIENT_WORK_NS);
      return clock.sleepUntil(clock.nowNs() + 1 * MS).then(() => ({ state: 'completed', durationMs: 1, billedMs: 1 }));
    },
    throttled: () => {
      if (busy >= 1) return Promise.resolve({ state: 'throttled', httpStatus: 429, throttleReason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
      busy += 1;
      return clock.sleepUntil(clock.nowNs() + SERVICE_NS).then(() => {
        busy -= 1;
        return { state: 'completed', durationMs: 30, billedMs: 30 };
      });
    },
  };
}

/** One step as mode.ts measures it, minus the network: the scheduler in virtual time, then the run's own summary. */
async function measure(clock: VirtualClock, invoke: (seq: number) => Promise<LoadOutcome>, step: number, level: number, f: Fn): Promise<LoadStepResult> {
  const run = await clock.run(runStep({ kind: 'rate', level, durationMs: 1000, rng: createRng(step), maxInFlight: 512 }, clock, invoke, (e): LoadOutcome => ({ state: 'errored', error: String(e) })));
  const input: StepInput = {
    path: 'sync', kind: 'rate', step, level, durationMs: 1000, workload: 'sha256', target: f, functionName: `wlb-sha256-${f}`, memoryMB: 1769, arch: 'x86_64',
    run, loadId: (seq) => `${f}-${step}-${seq}`, epochAtStartMs: 0, expected: { sha256: 'ab'.repeat(32), bytes: 32 }, cpuBusy: undefined, price: pricesFor('us-east-1'),
  };
  return summariseStep(input, eventRecords(input));
}

async function ramp(untilHostLimit: boolean) {
  const clock = new VirtualClock();
  const invokers = endpoints(clock);
  const recorded: Array<{ f: Fn; result: LoadStepResult; end: RampEnd | undefined }> = [];
  const ends = await climbRamp({ kind: 'rate', levels: LEVELS, untilHostLimit }, ['lagging', 'throttled'] as const, {
    measure: (step, level, f) => measure(clock, invokers[f], step, level, f),
    record: (result, f, end) => void recorded.push({ f, result, end }),
    stopped: () => false,
  });
  return { ends, recorded, of: (f: Fn) => recorded.filter((r) => r.f === f).map((r) => r.result) };
}

describe('the ramp climbing until the host is the limit', () => {
  it('stops a function after its first host-limited step and not after a throttled one', async () => {
    const { ends, recorded, of } = await ramp(true);

    const lagging = of('lagging');
    expect(lagging.map((s) => s.level)).toEqual([10, 50, 100]);
    expect(lagging.map((s) => s.valid)).toEqual([true, true, false]);
    expect(lagging[2]?.invalidReasons[0]).toMatch(/^client send lag: /);
    expect(lagging.map((s) => s.endsRamp)).toEqual([undefined, undefined, true]);
    expect(ends.get('lagging')).toMatchObject({ highestValid: 50, limitedAt: 100, skipped: [200] });

    // Throttled from 50/s on (an event every 20 ms, each held 30 ms), yet valid: it climbs to the top.
    const throttled = of('throttled');
    expect(throttled.map((s) => s.level)).toEqual(LEVELS);
    expect(throttled.map((s) => s.valid)).toEqual([true, true, true, true]);
    expect(throttled.map((s) => s.throttled > 0)).toEqual([false, true, true, true]);
    expect(throttled[3]?.throttleReasons).toHaveProperty('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(throttled.some((s) => s.endsRamp)).toBe(false);
    expect(ends.has('throttled')).toBe(false);

    // The order rotates per step; a stopped function leaves the rotation.
    expect(recorded.map((r) => `${r.result.level} ${r.f}`)).toEqual(['10 lagging', '10 throttled', '50 throttled', '50 lagging', '100 lagging', '100 throttled', '200 throttled']);
    expect(recorded.filter((r) => r.end !== undefined).map((r) => r.f)).toEqual(['lagging']);
  });

  it('runs every step without the stop rule, the host-limited ones marked INVALID', async () => {
    const { ends, of } = await ramp(false);
    expect(of('lagging').map((s) => `${s.level} ${s.valid}`)).toEqual(['10 true', '50 true', '100 false', '200 false']);
    expect(of('lagging').some((s) => s.endsRamp)).toBe(false);
    expect(ends.size).toBe(0);
  });

  it('ends on an interruption without calling it the host', async () => {
    let steps = 0;
    const ends = await climbRamp({ kind: 'rate', levels: LEVELS, untilHostLimit: true }, ['a'], {
      measure: async (step, level) => ({ ...(await measure(new VirtualClock(), () => Promise.resolve({ state: 'completed' }), step, level, 'lagging')), valid: false, invalidReasons: [INTERRUPTED_REASON] }),
      record: () => void (steps += 1),
      stopped: () => steps >= 2,
    });
    expect(steps).toBe(2);
    expect(ends.size).toBe(0);
  });
});

describe('rampEndNote', () => {
  it('names the highest valid step, the host-limited one with its reason, and the levels not run', () => {
    expect(rampEndNote('rate', 'sync sha256 wasm', { highestValid: 50, limitedAt: 100, reason: 'host CPU saturated: 96% busy over the step', skipped: [150, 200] })).toBe(
      'load sync sha256 wasm: highest valid step 50 events/s; the step at 100 events/s was host-limited: host CPU saturated: 96% busy over the step. ' +
        'Its ramp stops there (levels ending in ".." climb until the host is the limit); not run: 150, 200 events/s',
    );
    expect(rampEndNote('concurrency', 'event json-transform node', { limitedAt: 1, reason: 'client send lag', skipped: [] })).toBe(
      'load event json-transform node: no valid step; the step at 1 callers was host-limited: client send lag. Its ramp stops there (levels ending in ".." climb until the host is the limit)',
    );
  });
});

/**
 * Pins the warm core's exact counts on an injected clock (issue 16, mutation
 * testing): how many calls calibration makes and which batch it picks at the
 * threshold, when a slow first call skips calibration, how samples are
 * converted, what a completed outcome carries, and the audit schedule
 * (which outputs were read, on a target that records it).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calibrateBatch, measureWarmGroup, type WarmCandidate } from './measure.js';
import type { Payload } from '../contract/index.js';

const input = new Uint8Array([1, 2, 3]);
const expected = new Uint8Array([3, 2, 1]);
const reverse = (x: Payload): Payload => Uint8Array.from(x as Uint8Array).reverse();
/** How a warm mismatch is worded: both digests by their first 16 hex digits (computed here with node:crypto), no payloads. */
const mismatch = (actual: Uint8Array): string => {
  const hex = (p: Uint8Array): string => createHash('sha256').update(p).digest('hex').slice(0, 16);
  return `output mismatch: sha256 ${hex(actual)}… expected ${hex(expected)}…`;
};

/** A clock (ns) moved only by the calls: `cost(n)` ns for call n (1-based), from `start`. */
function countingClock(cost: (n: number) => number, start = 0) {
  let t = start;
  let calls = 0;
  return {
    clock: () => t,
    calls: () => calls,
    call: (x: Payload = input): Payload => {
      calls += 1;
      t += cost(calls);
      return reverse(x);
    },
  };
}

describe('calibrateBatch', () => {
  it('warms up for 10,000 calls when they take less than 20 ms, then times three batches of each size 1, 2, 4, 8, 16', () => {
    const fake = countingClock(() => 1000);
    expect(calibrateBatch(fake.call, 10_000, fake.clock)).toBe(16);
    expect(fake.calls()).toBe(10_000 + 3 * (1 + 2 + 4 + 8 + 16));
  });

  it('warms up for 20 ms when 10,000 calls would take longer, and accepts a batch that reaches the threshold exactly', () => {
    const fake = countingClock(() => 10_000);
    expect(calibrateBatch(fake.call, 10_000, fake.clock)).toBe(1);
    expect(fake.calls()).toBe(2000 + 3);
    // 625 ns a call: 16 calls are exactly 10 µs.
    const exact = countingClock(() => 625);
    expect(calibrateBatch(exact.call, 10_000, exact.clock)).toBe(16);
  });

  it('judges a batch size by the fastest of its three batches (a pause in one does not end calibration)', () => {
    // Call 10,001 is the first timed batch (size 1); a 1 ms pause there alone.
    const fake = countingClock((n) => (n === 10_001 ? 1e6 : 1000));
    expect(calibrateBatch(fake.call, 10_000, fake.clock)).toBe(16);
  });

  it('stops doubling at a million calls for a call the clock cannot see', () => {
    const fake = countingClock(() => 0);
    expect(calibrateBatch(fake.call, 10_000, fake.clock)).toBe(1_000_000);
    expect(fake.calls()).toBe(10_000 + 3 * (2 ** 20 - 1));
  });
});

describe('measureWarmGroup on an injected clock', () => {
  const options = { timeMs: 2, warmupMs: 0, rounds: 1, seed: 1 };

  it('skips calibration for a first call of 100 ms or more: one call per sample', async () => {
    for (const [firstNs, batch] of [[100e6, 1], [100e6 - 1, 16]] as const) {
      // The clock does not start at 0: the first call's time is a difference of two readings.
      const fake = countingClock((n) => (n === 1 ? firstNs : 1000), 5e9);
      const [outcome] = await measureWarmGroup(
        { workload: 'w', size: 'small', input, expected, candidates: [{ target: 'wasm', load: async () => ({ call: fake.call }) }] },
        { ...options, clock: fake.clock },
      );
      expect(outcome?.state === 'completed' && outcome.callsPerSample, `first call ${firstNs} ns`).toBe(batch);
    }
  });

  it('reports per-call nanoseconds, the linear memory of targets that have one, and outcomes in the group\'s order', async () => {
    const fake = countingClock(() => 2500);
    const broken: WarmCandidate = { target: 'node', load: async () => { throw new Error('no bundle'); } };
    const wasm: WarmCandidate = { target: 'wasm', load: async () => ({ call: fake.call, memoryBytes: () => 131_072 }) };
    const component: WarmCandidate = { target: 'component', load: async () => ({ call: fake.call }) };
    const outcomes = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [wasm, broken, component] }, { ...options, clock: fake.clock });
    expect(outcomes.map((o) => [o.target, o.state])).toStrictEqual([['wasm', 'completed'], ['node', 'errored'], ['component', 'completed']]);
    const [first, , third] = outcomes;
    if (first?.state !== 'completed' || third?.state !== 'completed') throw new Error('expected completed outcomes');
    // 2.5 µs a call: batches of 4 (10 µs), every sample 2500 ns per call.
    expect(first.callsPerSample).toBe(4);
    expect(new Set([...first.samplesNs].map((ns) => Math.round(ns * 1e6) / 1e6))).toStrictEqual(new Set([2500]));
    expect(first.wasmMemoryBytes).toBe(131_072);
    expect('wasmMemoryBytes' in third).toBe(false);
  });

  it('measures an entry on its own input against its own expected output', async () => {
    const own = { input: new Uint8Array([7, 8]), expected: new Uint8Array([8, 7]) };
    const fake = countingClock(() => 1000);
    const seen = new Set<string>();
    const call = (x: Payload): Payload => {
      seen.add(Array.from(x as Uint8Array).join(','));
      return fake.call(x);
    };
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [{ target: 'planted', load: async () => ({ call }), own }] }, { ...options, clock: fake.clock });
    expect(outcome?.state).toBe('completed');
    expect([...seen]).toStrictEqual(['7,8']);
  });
});

/**
 * A target whose every output records whether the core read it (a check
 * reads `length` first), on a clock where a call takes 62.5 µs: with
 * batchBelowNs 1 ms, batches of 16 take exactly 1 ms, a figure binary
 * floating point holds exactly, so the audit rule's comparisons are exact.
 * From what was read, each batch of 16 calls after calibration is told
 * apart: `timed` (last output read by the per-sample check, or none, as for
 * tinybench's own probe call), or `audit` (all 16 read).
 */
function spyTarget(fault?: (call: number) => boolean) {
  let t = 0;
  const read: boolean[] = [];
  const call = (): Payload => {
    const index = read.length;
    read.push(false);
    t += 62_500;
    if (fault?.(index + 1)) return new Uint8Array(expected.length);
    const out = new (class extends Uint8Array {
      override get length(): number {
        read[index] = true;
        return super.length;
      }
    })(expected);
    return out;
  };
  /** Calls before the measured batches: the first call and calibration (320 warm-up calls: 20 ms; then 3 × (1 + 2 + 4 + 8 + 16)). */
  const BEFORE = 1 + 320 + 93;
  const batches = (): Array<'timed' | 'checked' | 'audit'> => {
    const out: Array<'timed' | 'checked' | 'audit'> = [];
    for (let i = BEFORE; i < read.length; i += 16) {
      const group = read.slice(i, i + 16);
      const reads = group.filter(Boolean).length;
      if (group.length !== 16) throw new Error(`a batch of ${group.length} calls`);
      if (reads === 16) out.push('audit');
      else if (reads === 1 && group[15]) out.push('checked');
      else if (reads === 0) out.push('timed');
      else throw new Error(`batch at call ${i + 1}: ${reads} outputs read`);
    }
    return out;
  };
  return { clock: () => t, call, read, batches, BEFORE };
}
const spyOptions = { warmupMs: 0, seed: 1, batchBelowNs: 1e6 };
const spyGroup = (call: () => Payload) => ({ workload: 'w', size: 'small', input, expected, candidates: [{ target: 'wasm', load: async () => ({ call }) }] });

describe('measureWarmGroup: the audit schedule', () => {
  it('audits after a checked sample exactly when audits have taken no more than a tenth of the measured time, and checks every audited output', async () => {
    const spy = spyTarget();
    const [outcome] = await measureWarmGroup(spyGroup(spy.call), { ...spyOptions, timeMs: 60, rounds: 1, clock: spy.clock });
    expect(outcome?.state === 'completed' && outcome.callsPerSample).toBe(16);
    expect(spy.read[0]).toBe(true);
    expect(spy.read.slice(1, spy.BEFORE).some(Boolean)).toBe(false);
    const batches = spy.batches();
    // The rule, replayed on what happened: after each checked sample, an audit
    // is due when none ran yet or audited <= 10% of measured (1 ms per batch).
    let measured = 0;
    let audited = 0;
    batches.forEach((kind, i) => {
      if (kind === 'audit') return void (audited += 1);
      measured += 1;
      if (kind !== 'checked') return;
      const due = audited === 0 || 10 * audited <= measured;
      expect(batches[i + 1] === 'audit', `batch ${i}: measured ${measured} ms, audited ${audited} ms`).toBe(due);
    });
    expect(audited).toBeGreaterThanOrEqual(6);
    // Every output read: the first, one per checked sample, 16 per audit.
    const checked = batches.filter((b) => b === 'checked').length;
    expect(outcome?.state === 'completed' && outcome.checkedOutputs).toBe(1 + checked + 16 * audited);
    // One sample per timed batch of the run (the rest are tinybench's warm-up and probe).
    expect(outcome?.state === 'completed' && outcome.samplesNs.length).toBe(60);
  });

  it('names the call of the audit batch that was wrong', async () => {
    // Same run twice: the first finds where the first audit batch starts, the second plants a fault in its 5th call.
    const probe = spyTarget();
    await measureWarmGroup(spyGroup(probe.call), { ...spyOptions, timeMs: 60, rounds: 1, clock: probe.clock });
    const firstAudit = probe.batches().indexOf('audit');
    expect(firstAudit).toBeGreaterThanOrEqual(0);
    const faultAt = probe.BEFORE + 16 * firstAudit + 5;
    const spy = spyTarget((call) => call === faultAt);
    const [outcome] = await measureWarmGroup(spyGroup(spy.call), { ...spyOptions, timeMs: 60, rounds: 1, clock: spy.clock });
    expect(outcome).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toBe(`${mismatch(new Uint8Array(3))} (call 5 of an audit batch of 16: the target is wrong on some calls only)`);
  });

  it('audits nothing at one call per sample: every output is checked already', async () => {
    const spy = spyTarget();
    const [outcome] = await measureWarmGroup(spyGroup(spy.call), { ...spyOptions, batchBelowNs: 0, timeMs: 20, rounds: 1, clock: spy.clock });
    if (outcome?.state !== 'completed') throw new Error(JSON.stringify(outcome));
    expect(outcome.callsPerSample).toBe(1);
    // After the first call and calibration (320 warm-up calls: 20 ms; 3 of batch 1): 320 samples of one
    // call, and besides them only tinybench's probe and warm-up call, no audit call.
    const measuredCalls = spy.read.slice(1 + 323);
    expect(outcome.samplesNs.length).toBe(320);
    expect(measuredCalls.length - outcome.samplesNs.length).toBeLessThanOrEqual(2);
    expect(outcome.checkedOutputs).toBe(1 + measuredCalls.filter(Boolean).length);
  });
});

describe('measureWarmGroup: rounds, warm-up and failures', () => {
  it('splits the measured time over the rounds, and warms up for warmupMs in the first round, at most 20 ms in later ones', async () => {
    for (const [rounds, warmupRuns] of [[1, 30], [2, 30 + 20]] as const) {
      const spy = spyTarget();
      const [outcome] = await measureWarmGroup(spyGroup(spy.call), { ...spyOptions, warmupMs: 30, timeMs: 40, rounds, clock: spy.clock });
      if (outcome?.state !== 'completed') throw new Error(`rounds ${rounds}: ${JSON.stringify(outcome)}`);
      // 40 ms of 1 ms samples, whatever the number of rounds.
      expect(outcome.samplesNs.length, `rounds ${rounds}`).toBe(40);
      // Checked batches that are not samples are warm-up runs.
      const checked = spy.batches().filter((b) => b === 'checked').length;
      expect(checked - outcome.samplesNs.length, `rounds ${rounds}`).toBe(warmupRuns);
    }
  });

  it('measures an errored target no more in later rounds', async () => {
    const spy = spyTarget((call) => call === 414 + 16 * 3);
    const [outcome] = await measureWarmGroup(spyGroup(spy.call), { ...spyOptions, timeMs: 40, rounds: 2, clock: spy.clock });
    expect(outcome).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    // The rest of the first round's 20 ms at most, nothing of the second.
    expect(spy.read.length - (414 + 16 * 3)).toBeLessThanOrEqual(16 * 20);
  });

  it('keeps the first failure: a target that answers wrongly, then throws, is a wrong output', async () => {
    let calls = 0;
    const fake = countingClock(() => 1000);
    const call = (x: Payload): Payload => {
      calls += 1;
      if (calls > 12_000) throw new RangeError('out of bounds memory access');
      return calls > 11_000 ? new Uint8Array(3) : fake.call(x);
    };
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [{ target: 'wasm', load: async () => ({ call }) }] }, { timeMs: 40, warmupMs: 0, rounds: 1, seed: 1, clock: fake.clock });
    expect(outcome).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/^output mismatch/);
  });

  it('gives the event loop a turn between tasks, even when no sample reaches YIELD_EVERY_MS', async () => {
    // Counts the event-loop turns taken while the targets are called; 2 ms of measuring never
    // reaches the per-sample turn (100 ms), so the turns seen come from between tasks.
    const fake = countingClock(() => 1000);
    let turns = 0;
    let measuring = true;
    const tick = (): void => {
      turns += 1;
      if (measuring) setImmediate(tick);
    };
    let turnsSeenByCalls = 0;
    const call = (x: Payload): Payload => {
      turnsSeenByCalls = turns;
      return fake.call(x);
    };
    const group = { workload: 'w', size: 'small', input, expected, candidates: [{ target: 'a', load: async () => ({ call }) }, { target: 'b', load: async () => ({ call }) }] };
    const start = turns;
    setImmediate(tick);
    await measureWarmGroup(group, { timeMs: 2, warmupMs: 0, rounds: 1, seed: 1, clock: fake.clock });
    measuring = false;
    expect(turnsSeenByCalls - start).toBeGreaterThan(0);
  });

  it('takes a turn about every YIELD_EVERY_MS of measuring, not after every sample', async () => {
    const spy = spyTarget();
    let turns = 0;
    let measuring = true;
    const tick = (): void => {
      turns += 1;
      if (measuring) setImmediate(tick);
    };
    setImmediate(tick);
    // 1000 samples of 1 ms: about ten turns for the samples, a few between tasks.
    const [outcome] = await measureWarmGroup(spyGroup(spy.call), { ...spyOptions, timeMs: 1000, rounds: 1, clock: spy.clock });
    measuring = false;
    expect(outcome?.state).toBe('completed');
    expect(turns).toBeGreaterThanOrEqual(10);
    expect(turns).toBeLessThanOrEqual(20);
  });
});

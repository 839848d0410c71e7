/**
 * Pins the warm core's exact counts on an injected clock (issue 16, mutation
 * testing): how many calls calibration makes and which batch it picks at the
 * threshold, when a slow first call skips calibration, how samples are
 * converted, what a completed outcome carries, and the wording of a
 * mismatch (sha256 prefixes computed here with node:crypto).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calibrateBatch, measureWarmGroup, mismatchReason, type WarmCandidate } from './measure.js';
import type { Payload } from '../types.js';

const input = new Uint8Array([1, 2, 3]);
const expected = new Uint8Array([3, 2, 1]);
const reverse = (x: Payload): Payload => Uint8Array.from(x as Uint8Array).reverse();

/** A clock (ns) moved only by the calls: `cost(n)` ns for call n (1-based). */
function countingClock(cost: (n: number) => number) {
  let t = 0;
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
      const fake = countingClock((n) => (n === 1 ? firstNs : 1000));
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

describe('mismatchReason', () => {
  it('names both digests by their first 16 hex digits, without the payloads', () => {
    const hex = (p: Uint8Array): string => createHash('sha256').update(p).digest('hex').slice(0, 16);
    expect(mismatchReason(input, expected)).toBe(`output mismatch: sha256 ${hex(input)}… expected ${hex(expected)}…`);
  });
});

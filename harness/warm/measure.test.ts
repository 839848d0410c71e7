import { describe, expect, it } from 'vitest';
import { AUDIT_SHARE, calibrateBatch, measureWarmGroup, YIELD_EVERY_MS, type WarmCandidate } from './measure.js';
import type { Payload } from '../contract/index.js';

const input = new Uint8Array([1, 2, 3]);
const expected = new Uint8Array([3, 2, 1]);
const reverse = (x: Payload): Payload => Uint8Array.from(x as Uint8Array).reverse();

function candidate(target: 'node' | 'wasm', call: (x: Payload) => Payload): WarmCandidate {
  return { target, load: async () => ({ call }) };
}

/** A clock (ns) that only the target moves: 1 µs per call, so counts do not depend on the machine. */
function fakeClock(): { clock: () => number; timed: (call: (x: Payload) => Payload) => (x: Payload) => Payload } {
  let t = 0;
  return {
    clock: () => t,
    timed: (call) => (x) => {
      t += 1000;
      return call(x);
    },
  };
}
const fakeOptions = { timeMs: 40, warmupMs: 0, rounds: 1, seed: 1 };
/** A wrong output of the right length. */
const WRONG = new Uint8Array([9, 9, 9]);

describe('measureWarmGroup', () => {
  it('returns per-call samples for correct targets, batched and counted on the injected clock', async () => {
    // Every call costs 1 µs on the fake clock: calibration batches 16 calls
    // (8 µs < 10 µs <= 16 µs), every sample is 1000 ns per call, and a 2 ms
    // budget per round holds at most 2e6 / 16e3 = 125 samples (audits, which
    // call the target too, take at most a tenth of the budget plus one batch).
    const fake = fakeClock();
    const [node, wasm] = await measureWarmGroup(
      { workload: 'w', size: 'small', input, expected, candidates: [candidate('node', fake.timed(reverse)), candidate('wasm', fake.timed(reverse))] },
      { ...fakeOptions, timeMs: 4, clock: fake.clock },
    );
    for (const outcome of [node, wasm]) {
      expect(outcome?.state).toBe('completed');
      if (outcome?.state !== 'completed') continue;
      expect(outcome.callsPerSample).toBe(16);
      expect(outcome.samplesNs.length).toBeGreaterThanOrEqual(2 * Math.floor(125 / (1 + AUDIT_SHARE) - 1));
      expect(outcome.samplesNs.length).toBeLessThanOrEqual(2 * 126);
      for (const ns of outcome.samplesNs) expect(ns).toBeCloseTo(1000, 6);
      // The first call, the last output of every sample, and every call of each audit batch.
      expect(outcome.checkedOutputs).toBeGreaterThan(1 + outcome.samplesNs.length);
    }
  });

  it('errors a target whose first output is wrong, without timing it', async () => {
    const fake = fakeClock();
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed((x) => x))] }, { ...fakeOptions, rounds: 2, clock: fake.clock });
    expect(outcome).toMatchObject({ state: 'errored', target: 'wasm', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/output mismatch/);
  });

  it('errors a target that goes wrong mid-run (the skipped-work case)', async () => {
    const fake = fakeClock();
    let calls = 0;
    const flaky = (x: Payload): Payload => (++calls > 20_000 ? new Uint8Array(3) : reverse(x));
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(flaky))] }, { ...fakeOptions, rounds: 2, clock: fake.clock });
    expect(outcome).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/output mismatch/);
  });

  it('tells a target that throws mid-run (crashed) from one that answers wrongly', async () => {
    const fake = fakeClock();
    let calls = 0;
    const throwing = (x: Payload): Payload => {
      if (++calls > 20_000) throw new RangeError('out of bounds memory access');
      return reverse(x);
    };
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(throwing))] }, { ...fakeOptions, rounds: 2, clock: fake.clock });
    expect(outcome).toMatchObject({ state: 'errored', failure: 'crashed' });
    // Thrown during a sample (call 20,001 comes after calibration's ~10,100), so tinybench reports it, not the load.
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/^errored: .*out of bounds memory access/);
  });

  it('errors a target that is wrong on every other call, whichever calls those are (audit batches)', async () => {
    for (const wrongWhenOdd of [false, true]) {
      const fake = fakeClock();
      let calls = 0;
      const pingPong = (x: Payload): Payload => (++calls > 1 && calls % 2 === (wrongWhenOdd ? 1 : 0) ? new Uint8Array(3) : reverse(x));
      const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(pingPong))] }, { ...fakeOptions, rounds: 2, clock: fake.clock });
      expect(outcome?.state, `wrong on ${wrongWhenOdd ? 'odd' : 'even'} calls`).toBe('errored');
      expect(outcome?.state === 'errored' && outcome.failure).toBe('wrong-output');
      expect(outcome?.state === 'errored' && outcome.error).toMatch(/output mismatch/);
    }
  });

  it('gives the event loop turns while it measures, so a signal handler can run (one task, one round)', async () => {
    // A macrotask, as a SIGINT handler is, queued from inside a sample (call
    // 20,000, after calibration): it runs during the measurement only if the
    // loop is left between samples. The budget is 3 × YIELD_EVERY_MS on the
    // fake clock (1 µs per call), so turns are due at known calls.
    const fake = fakeClock();
    let calls = 0;
    let fired = false;
    let sawMacrotaskDuringCalls = false;
    const watching = (x: Payload): Payload => {
      if (++calls === 20_000) setImmediate(() => (fired = true));
      sawMacrotaskDuringCalls ||= fired;
      return reverse(x);
    };
    const [outcome] = await measureWarmGroup(
      { workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(watching))] },
      { timeMs: 3 * YIELD_EVERY_MS, warmupMs: 0, rounds: 1, seed: 1, clock: fake.clock },
    );
    expect(outcome?.state).toBe('completed');
    expect(calls).toBeGreaterThan(20_000);
    expect(sawMacrotaskDuringCalls).toBe(true);
  });

  it('errors a target whose first output only is wrong (right length)', async () => {
    const fake = fakeClock();
    let calls = 0;
    const wrongFirst = (x: Payload): Payload => (++calls === 1 ? WRONG : reverse(x));
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(wrongFirst))] }, { ...fakeOptions, clock: fake.clock });
    expect(outcome).toMatchObject({ state: 'errored', target: 'wasm', failure: 'wrong-output' });
    expect(calls).toBe(1);
  });

  it('errors an unbatched target that is wrong after its first call (the per-sample check; no audits at batch 1)', async () => {
    const fake = fakeClock();
    let calls = 0;
    const rightFirst = (x: Payload): Payload => (++calls === 1 ? reverse(x) : WRONG);
    // batchBelowNs 0: one call per sample, so only the last-output check of each sample can see it.
    const [outcome] = await measureWarmGroup(
      { workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(rightFirst))] },
      { ...fakeOptions, batchBelowNs: 0, clock: fake.clock },
    );
    expect(outcome).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/^output mismatch: sha256 \S+ expected \S+$/);
  });

  it('keeps auditing after the first audit: a target wrong on every other call from call 20,000 on is caught', async () => {
    // Calls before the first audit: 1 (first) + 10,000 (calibration warm-up)
    // + 93 (calibration batches) + at most 3 batches of 16: about 10,150.
    // Whichever parity the fault has, it is caught: by the sample's last
    // output when that one is wrong, else only by a later audit batch.
    const messages: string[] = [];
    for (const wrongWhenOdd of [false, true]) {
      const fake = fakeClock();
      let calls = 0;
      const late = (x: Payload): Payload => (++calls > 20_000 && calls % 2 === (wrongWhenOdd ? 1 : 0) ? WRONG : reverse(x));
      const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', fake.timed(late))] }, { ...fakeOptions, clock: fake.clock });
      expect(outcome?.state, `wrong on ${wrongWhenOdd ? 'odd' : 'even'} calls`).toBe('errored');
      if (outcome?.state === 'errored') messages.push(outcome.error);
    }
    expect(messages.filter((m) => /audit batch of 16/.test(m))).toHaveLength(1);
  });

  it('stores a failing load as data', async () => {
    const broken: WarmCandidate = { target: 'wasm', load: async () => { throw new Error('no module'); } };
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [broken] }, fakeOptions);
    expect(outcome).toEqual({ state: 'errored', target: 'wasm', error: 'load or first call failed: no module', failure: 'crashed' });
  });
});

describe('calibrateBatch', () => {
  it('doubles the batch until a batch reaches the threshold on the given clock', () => {
    let t = 0;
    const clock = (): number => t;
    // Each call advances the fake clock by 300 ns: 10 µs needs 34 calls -> batch 64.
    expect(calibrateBatch(() => (t += 300), 10_000, clock)).toBe(64);
    expect(calibrateBatch(() => (t += 20_000), 10_000, clock)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { calibrateBatch, measureWarmGroup, YIELD_EVERY_MS, type WarmCandidate } from './measure.js';
import type { Payload } from '../types.js';

const input = new Uint8Array([1, 2, 3]);
const expected = new Uint8Array([3, 2, 1]);
const reverse = (x: Payload): Payload => Uint8Array.from(x as Uint8Array).reverse();
const options = { timeMs: 30, warmupMs: 5, rounds: 2, seed: 1 };

function candidate(target: 'node' | 'wasm', call: (x: Payload) => Payload): WarmCandidate {
  return { target, load: async () => ({ call }) };
}

describe('measureWarmGroup', () => {
  it('returns per-call samples for correct targets', async () => {
    const [node, wasm] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('node', reverse), candidate('wasm', reverse)] }, options);
    for (const outcome of [node, wasm]) {
      expect(outcome?.state).toBe('completed');
      if (outcome?.state !== 'completed') continue;
      expect(outcome.samplesNs.length).toBeGreaterThan(5);
      expect(outcome.callsPerSample).toBeGreaterThan(1); // a sub-microsecond call is batched
      expect(outcome.checkedOutputs).toBeGreaterThan(outcome.samplesNs.length / 2);
      expect([...outcome.samplesNs].every((s) => s > 0)).toBe(true);
    }
  });

  it('errors a target whose first output is wrong, without timing it', async () => {
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', (x) => x)] }, options);
    expect(outcome).toMatchObject({ state: 'errored', target: 'wasm', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/output mismatch/);
  });

  it('errors a target that goes wrong mid-run (the skipped-work case)', async () => {
    let calls = 0;
    const flaky = (x: Payload): Payload => (++calls > 2000 ? new Uint8Array(3) : reverse(x));
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', flaky)] }, options);
    expect(outcome).toMatchObject({ state: 'errored', failure: 'wrong-output' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/output mismatch/);
  });

  it('tells a target that throws mid-run (crashed) from one that answers wrongly', async () => {
    let calls = 0;
    const throwing = (x: Payload): Payload => {
      if (++calls > 2000) throw new RangeError('out of bounds memory access');
      return reverse(x);
    };
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', throwing)] }, options);
    expect(outcome).toMatchObject({ state: 'errored', failure: 'crashed' });
    expect(outcome?.state === 'errored' && outcome.error).toMatch(/out of bounds memory access/);
  });

  it('errors a target that is wrong on every other call, whichever calls those are (audit batches)', async () => {
    for (const wrongWhenOdd of [false, true]) {
      let calls = 0;
      const pingPong = (x: Payload): Payload => (++calls > 1 && calls % 2 === (wrongWhenOdd ? 1 : 0) ? new Uint8Array(3) : reverse(x));
      const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', pingPong)] }, options);
      expect(outcome?.state, `wrong on ${wrongWhenOdd ? 'odd' : 'even'} calls`).toBe('errored');
      expect(outcome?.state === 'errored' && outcome.failure).toBe('wrong-output');
      expect(outcome?.state === 'errored' && outcome.error).toMatch(/output mismatch/);
    }
  });

  it('gives the event loop turns while it measures, so a signal handler can run (one task, one round)', async () => {
    // A timer is a macrotask, as a SIGINT handler is: it fires during the
    // measurement only if the loop is left between samples. The task's time
    // budget is several YIELD_EVERY_MS, so at least one turn is due.
    let fired = false;
    let sawTimerDuringCalls = false;
    setTimeout(() => {
      fired = true;
    }, 0);
    const watching = (x: Payload): Payload => {
      sawTimerDuringCalls ||= fired;
      return reverse(x);
    };
    const [outcome] = await measureWarmGroup(
      { workload: 'w', size: 'small', input, expected, candidates: [candidate('wasm', watching)] },
      { timeMs: 3 * YIELD_EVERY_MS, warmupMs: 0, rounds: 1, seed: 1 },
    );
    expect(outcome?.state).toBe('completed');
    expect(sawTimerDuringCalls).toBe(true);
  });

  it('stores a failing load as data', async () => {
    const broken: WarmCandidate = { target: 'wasm', load: async () => { throw new Error('no module'); } };
    const [outcome] = await measureWarmGroup({ workload: 'w', size: 'small', input, expected, candidates: [broken] }, options);
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

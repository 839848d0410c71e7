/**
 * The warm (steady-state, in-process) measuring core. No I/O: it takes
 * loaded targets and returns raw samples, or an error as data.
 *
 * Each (workload, size) group runs its targets interleaved: several rounds,
 * each in a freshly shuffled order, so drift on a noisy machine lands on
 * every target alike. Every sample's last output is compared with the
 * expected output outside the timed region; batched samples are also
 * followed, now and then, by an untimed audit batch of the same size whose
 * every output is checked (see {@link AUDIT_SHARE}).
 */
import { Bench } from 'tinybench';
import { createRng, shuffled } from '../stats/rng.js';
import { checkOutput, type ExpectedOutput } from '../verify/check.js';
import type { FailureKind, LoadedTarget, Payload, TargetName } from '../contract/index.js';

/** One entry of a group, not yet loaded: a target, or a calibration control's entry. */
export interface WarmCandidate {
  /** The entry's name in the group (a target name, or a control's label such as "a-again"); unique in the group. */
  readonly target: TargetName | string;
  /** Loads the target (module import, wasm instantiate...). */
  load(): Promise<LoadedTarget>;
  /**
   * This entry's own input and expected output, when it differs from the
   * group's (the planted-difference control calls the same code on a
   * longer input).
   */
  readonly own?: { readonly input: Payload; readonly expected: Payload };
}

/** A (workload, size) group: one input, one expected output, several targets. */
export interface WarmGroup {
  readonly workload: string;
  readonly size: string;
  readonly input: Payload;
  readonly expected: Payload;
  readonly candidates: readonly WarmCandidate[];
}

/** Knobs of the warm benchmark. */
export interface WarmOptions {
  /** Measured time per target, in ms, split over the rounds. */
  readonly timeMs: number;
  /** Warm-up time per target before the first round, in ms. */
  readonly warmupMs: number;
  /** Interleaving rounds. */
  readonly rounds: number;
  /** Seed of the per-round order shuffle. */
  readonly seed: number;
  /** Calls faster than this are batched so timer overhead stays negligible (ns). */
  readonly batchBelowNs?: number;
  /**
   * Monotonic clock in ns for every timing of the group (first call,
   * calibration, samples, audit share, time budget). Default: hrtime. Tests
   * inject a clock that the target advances, so what is measured, batched
   * and audited does not depend on the machine's speed.
   */
  readonly clock?: () => number;
}

/** What the core measured for one target of a group. */
export type WarmOutcome =
  | {
      readonly state: 'completed';
      readonly target: TargetName | string;
      /** Per-call times in ns, one per sample. */
      readonly samplesNs: Float64Array;
      readonly callsPerSample: number;
      /** Outputs compared with the expected output (first call, last call of every sample, every call of audit batches). */
      readonly checkedOutputs: number;
      /** Linear memory at the end, for targets that have one. */
      readonly wasmMemoryBytes?: number;
    }
  | { readonly state: 'errored'; readonly target: TargetName | string; readonly error: string; readonly failure: FailureKind };

const now = (): number => Number(process.hrtime.bigint());
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Longest stretch of measuring without giving the event loop a turn, ms.
 * tinybench runs a synchronous task without ever leaving the microtask
 * queue, so without these turns a Ctrl-C or SIGTERM waited for the whole
 * warm phase (41 s with --time 20000) and the run then ended "completed".
 * The turn is taken between samples, outside the timed region, at most
 * every YIELD_EVERY_MS: a few µs per 100 ms of measuring.
 */
export const YIELD_EVERY_MS = 100;

/** One full event-loop turn (timers, I/O, signals), not just the microtask queue. */
const eventLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Picks calls per sample: doubles the batch until the fastest of three timed
 * batches takes at least `batchBelowNs`, so the timer's own cost (tens of ns)
 * stays under a few percent of every sample.
 */
export function calibrateBatch(call: () => unknown, batchBelowNs: number, clock: () => number = now): number {
  // Let V8 tier the code up first (Liftoff -> TurboFan, interpreter -> JIT):
  // early calls are many times slower and would under-batch.
  const warmUntil = clock() + 20e6;
  for (let i = 0; i < 10_000 && clock() < warmUntil; i++) call();
  for (let batch = 1; batch < 1_000_000; batch *= 2) {
    let fastest = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
      const t0 = clock();
      for (let i = 0; i < batch; i++) call();
      fastest = Math.min(fastest, clock() - t0);
    }
    if (fastest >= batchBelowNs) return batch;
  }
  return 1_000_000;
}

interface Prepared {
  readonly target: TargetName | string;
  readonly loaded: LoadedTarget;
  readonly input: Payload;
  readonly expected: Payload;
  readonly callsPerSample: number;
  readonly samples: number[];
  checked: number;
  error?: string;
  /** Set with `error`: wrong-output for a mismatch, crashed when the target threw. */
  failure?: FailureKind;
}

/** Measures one group; every target ends completed or errored, never thrown. */
export async function measureWarmGroup(group: WarmGroup, options: WarmOptions): Promise<WarmOutcome[]> {
  const rng = createRng(options.seed);
  const clock = options.clock ?? now;
  const prepared: Prepared[] = [];
  const outcomes = new Map<TargetName | string, WarmOutcome>();
  for (const candidate of group.candidates) {
    const input = candidate.own?.input ?? group.input;
    const expected = candidate.own?.expected ?? group.expected;
    try {
      const loaded = await candidate.load();
      const firstStarted = clock();
      const first = loaded.call(input);
      const firstCallNs = clock() - firstStarted;
      const wrong = checkOutput({ kind: 'payload', output: first }, { payload: expected });
      if (wrong) {
        outcomes.set(candidate.target, { state: 'errored', target: candidate.target, error: wrong.reason, failure: wrong.failure });
        continue;
      }
      // A call that takes 100 ms even cold cannot need batching; skip the
      // calibration calls, which would cost seconds for slow targets.
      const callsPerSample = firstCallNs >= 100e6 ? 1 : calibrateBatch(() => loaded.call(input), options.batchBelowNs ?? 10_000, clock);
      prepared.push({ target: candidate.target, loaded, input, expected, callsPerSample, samples: [], checked: 1 });
    } catch (error) {
      outcomes.set(candidate.target, { state: 'errored', target: candidate.target, error: `load or first call failed: ${errorText(error)}`, failure: 'crashed' });
    }
  }

  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({
      time: options.timeMs / options.rounds,
      // Fast calls are bounded by the time budget; slow ones (componentized
      // JS at large sizes) by these minimums, so a round stays affordable.
      iterations: 2,
      warmup: true,
      warmupTime: round === 0 ? options.warmupMs : Math.min(options.warmupMs, 20),
      warmupIterations: 1,
      ...(options.clock ? { now: () => clock() / 1e6 } : { timestampProvider: 'hrtimeNow' as const }),
      retainSamples: true,
      throws: false,
      // Between tasks: a turn of the event loop (signals), then a collection.
      setup: async () => {
        await eventLoopTurn();
        collectGarbage();
      },
    });
    const order = shuffled(prepared.filter((p) => p.error === undefined), rng);
    for (const entry of order) addTask(bench, entry);
    await bench.run();
    for (const task of bench.tasks) {
      const entry = order.find((p) => p.target === task.name);
      if (!entry) continue;
      const result = task.result;
      if (result.state !== 'completed') {
        if (entry.error === undefined) {
          entry.error = result.state === 'errored' ? `errored: ${errorText(result.error)}` : `task ${result.state}`;
          // A task that threw is a crash; one tinybench ended otherwise (aborted) measured nothing, wrong nothing.
          entry.failure = result.state === 'errored' ? 'crashed' : 'not-measured';
        }
        continue;
      }
      for (const ms of result.latency.samples ?? []) entry.samples.push(ms * 1e6);
    }
  }

  for (const entry of prepared) {
    outcomes.set(
      entry.target,
      entry.error !== undefined
        ? { state: 'errored', target: entry.target, error: entry.error, failure: entry.failure ?? 'crashed' }
        : {
            state: 'completed',
            target: entry.target,
            samplesNs: Float64Array.from(entry.samples),
            callsPerSample: entry.callsPerSample,
            checkedOutputs: entry.checked,
            ...(entry.loaded.memoryBytes ? { wasmMemoryBytes: entry.loaded.memoryBytes() } : {}),
          },
    );
  }
  return group.candidates.map((c) => outcomes.get(c.target) as WarmOutcome);
}

/**
 * The share of a batched target's measured time that audit batches may add.
 * Checking only the last output of each batch cannot see a fault whose
 * period divides the batch size: a target that answers wrongly on every
 * other call (a ping-pong buffer, say) passed every check. Checking every
 * output inside the timed loop would time the check, and keeping outputs to
 * check later changes what the garbage collector does (+36% on an
 * allocating call here). So, after a sample, the same number of calls runs
 * untimed with every output checked: after the first sample, then whenever
 * audits have taken less than this share of the time measured so far. For
 * a call of a few ns the check costs ten times the call, so a fixed audit
 * rate would triple the warm phase; a share bounds it.
 */
export const AUDIT_SHARE = 0.1;

/** Adds one target as a tinybench task: batched calls, per-call duration, outputs checked after each sample. */
function addTask(bench: Bench, entry: Prepared): void {
  const { call } = entry.loaded;
  const { input } = entry;
  const expected: ExpectedOutput = { payload: entry.expected };
  const batch = entry.callsPerSample;
  let last: Payload = entry.expected;
  // Both on the bench's clock (ms).
  let measured = 0;
  let audited = 0;
  let turnAt = bench.now();
  /** The checks after each sample: its last output, and now and then an untimed audit batch. */
  const check = (): void => {
    entry.checked += 1;
    const wrongLast = entry.error === undefined ? checkOutput({ kind: 'payload', output: last }, expected) : undefined;
    if (wrongLast) {
      entry.error = wrongLast.reason;
      entry.failure = wrongLast.failure;
    }
    if (batch === 1 || entry.error !== undefined || (audited > 0 && audited > AUDIT_SHARE * measured)) return;
    const auditStart = bench.now();
    for (let i = 0; i < batch; i++) {
      const wrong = checkOutput({ kind: 'payload', output: call(input) }, expected);
      entry.checked += 1;
      if (wrong) {
        entry.error = `${wrong.reason} (call ${i + 1} of an audit batch of ${batch}: the target is wrong on some calls only)`;
        entry.failure = wrong.failure;
        return;
      }
    }
    audited += bench.now() - auditStart;
  };
  bench.add(
    entry.target,
    () => {
      const t0 = bench.now();
      let out: Payload = input;
      for (let i = 0; i < batch; i++) out = call(input);
      const elapsed = bench.now() - t0;
      measured += elapsed;
      last = out;
      return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
    },
    {
      afterEach() {
        check();
        if (bench.now() - turnAt < YIELD_EVERY_MS) return undefined;
        return eventLoopTurn().then(() => {
          turnAt = bench.now();
        });
      },
    },
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

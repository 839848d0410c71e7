/**
 * What the forks of one group measured so far, entry by entry. No I/O.
 *
 * An entry stays paired across processes: it has one sample set per fork,
 * and the forks of every live entry line up (fork i of wasm and fork i of
 * node ran in the same process), which is what the paired ratio needs. An
 * entry that failed once (wrong output, crash) is failed for good and is
 * left out of later forks: a wrong output is never averaged away.
 */
import type { FailureKind } from '../contract/index.js';
import type { ForkRun } from './forks.js';

/** Why an entry failed. */
export interface EntryFailure {
  readonly error: string;
  readonly failure: FailureKind;
}

interface EntryTally {
  readonly forks: Float64Array[];
  readonly callsPerSample: number[];
  checked: number;
  wasmMemoryBytes?: number;
  failed?: EntryFailure;
}

/** The forks of one group, per entry. */
export class ForkTally {
  readonly #entries = new Map<string, EntryTally>();
  #forks = 0;

  constructor(names: readonly string[]) {
    for (const name of names) this.#entries.set(name, { forks: [], callsPerSample: [], checked: 0 });
  }

  /** Entries still measured, in the order given. */
  live(): string[] {
    return [...this.#entries].filter(([, tally]) => tally.failed === undefined).map(([name]) => name);
  }

  /** Forks recorded (failed forks included). */
  get forkCount(): number {
    return this.#forks;
  }

  /** Adds one fork's result. A fork that died fails every entry it was measuring. */
  record(run: ForkRun, measured: readonly string[]): void {
    this.#forks += 1;
    if (run.state === 'errored') {
      for (const name of measured) this.fail(name, { error: run.error, failure: run.failure });
      return;
    }
    for (const name of measured) {
      const outcome = run.outcomes.find((o) => o.name === name);
      if (!outcome) {
        this.fail(name, { error: 'the warm fork did not report this entry', failure: 'not-measured' });
      } else if (outcome.state === 'errored') {
        this.fail(name, { error: outcome.error, failure: outcome.failure });
      } else if (outcome.samplesNs.length === 0) {
        this.fail(name, { error: 'the warm fork took no samples of this entry', failure: 'not-measured' });
      } else {
        const tally = this.#entries.get(name);
        if (!tally || tally.failed) continue;
        tally.forks.push(Float64Array.from(outcome.samplesNs));
        tally.callsPerSample.push(outcome.callsPerSample);
        tally.checked += outcome.checkedOutputs;
        if (outcome.wasmMemoryBytes !== undefined) tally.wasmMemoryBytes = outcome.wasmMemoryBytes;
      }
    }
  }

  /** Marks an entry failed (the first reason is kept). */
  fail(name: string, failure: EntryFailure): void {
    const tally = this.#entries.get(name);
    if (tally && !tally.failed) tally.failed = failure;
  }

  /** Why an entry failed, if it did. */
  failure(name: string): EntryFailure | undefined {
    return this.#entries.get(name)?.failed;
  }

  /** An entry's samples, one array per fork (empty for a failed entry). */
  forks(name: string): readonly Float64Array[] {
    const tally = this.#entries.get(name);
    return tally && !tally.failed ? tally.forks : [];
  }

  /** Calls per sample (the largest any fork chose: forks calibrate on their own). */
  callsPerSample(name: string): number {
    return Math.max(1, ...(this.#entries.get(name)?.callsPerSample ?? []));
  }

  /** Outputs compared with the expected output, over all forks. */
  checked(name: string): number {
    return this.#entries.get(name)?.checked ?? 0;
  }

  /** Linear memory at the end of the last fork, for targets that have one. */
  wasmMemoryBytes(name: string): number | undefined {
    return this.#entries.get(name)?.wasmMemoryBytes;
  }
}

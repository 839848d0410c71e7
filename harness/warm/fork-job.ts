/**
 * The messages between the warm phase and its forks: what one fresh
 * process is asked to measure (a job file) and what it answers (one JSON
 * line on file descriptor 3). Data only, shared by both sides.
 */
import type { FailureKind, PayloadKind, TargetName, WorkloadManifest } from '../contract/index.js';

/** One entry a fork measures: a target on the group's input, or a control's entry on its own input. */
export interface ForkEntry {
  /** Unique in the group: the target's name, or a control's label. */
  readonly name: string;
  /** The target that runs it. */
  readonly target: TargetName;
  /** File holding the input (UTF-8 for text). */
  readonly inputPath: string;
  readonly inputKind: PayloadKind;
  /** File holding the expected output, compared after every sample. */
  readonly expectedPath: string;
  readonly expectedKind: PayloadKind;
  /**
   * Workload calls per measured call (default 1). The planted-difference
   * control runs 21 where its base runs 20: a known ratio by construction.
   * The output of the last call is the one checked.
   */
  readonly repeat?: number;
}

/** What one fork measures: one group, all its entries interleaved, as the in-process warm core does. */
export interface ForkJob {
  /** The workload's manifest (data only: the child never generates input). */
  readonly manifest: WorkloadManifest;
  /** Build artifact paths (harness/paths.ts `workloadArtifacts`). */
  readonly artifacts: { readonly dir: string; readonly definition: string; readonly node: string; readonly wasm: string; readonly wasmInfo: string };
  readonly entries: readonly ForkEntry[];
  /** Warm core knobs for this process. */
  readonly timeMs: number;
  readonly warmupMs: number;
  readonly rounds: number;
  /** Seed of this fork's round orders (differs per fork, so forks do not repeat one order). */
  readonly seed: number;
}

/** One entry's outcome in a fork (samples as a plain array: JSON). */
export type ForkOutcome =
  | {
      readonly state: 'completed';
      readonly name: string;
      readonly samplesNs: readonly number[];
      readonly callsPerSample: number;
      readonly checkedOutputs: number;
      readonly wasmMemoryBytes?: number;
    }
  | { readonly state: 'errored'; readonly name: string; readonly error: string; readonly failure: FailureKind };

/** The fork's one message. */
export interface ForkResult {
  readonly type: 'warm-fork';
  readonly outcomes: readonly ForkOutcome[];
}

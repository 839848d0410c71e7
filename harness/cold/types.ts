/**
 * Types of the cold-start machinery: what is measured (items), what the
 * parent hands a child (the job), what a child reports back (its message),
 * and the raw samples (one per fresh process) that summaries are built from.
 *
 * Raw samples are the record of truth (sightglass model): they are appended
 * to samples.jsonl as they arrive and every summary can be recomputed from them.
 */
import type { PayloadKind, TargetName, WorkloadManifest } from '../contract/index.js';
import type { ColdProcessFigures } from '../contract/samples.js';

// The items and raw samples are part of the results contract (samples.jsonl, run.json progress).
export type {
  ColdBaselineItem,
  ColdFailureKind,
  ColdItem,
  ColdSample,
  ColdSampleBase,
  ColdProcessFigures,
  ColdTargetItem,
  CompletedColdSample,
  ErroredColdSample,
  MemoryFigures,
} from '../contract/samples.js';

// ---------------------------------------------------------------------------
// What is measured
// ---------------------------------------------------------------------------

/** A V8 configuration a cold process runs under (a row of its own in results). */
export interface EngineConfig {
  /** Name recorded in results' `engine` field ("default", "eager", "liftoff-only"). */
  readonly name: string;
  /** Flags placed on the child's node command line, before the script. */
  readonly nodeFlags: readonly string[];
  /** What the configuration shows, for reports. */
  readonly description: string;
  /** The node binary of this configuration (a Node build of the run's --node; default: the run's nodePath). */
  readonly nodePath?: string;
}

// ---------------------------------------------------------------------------
// Parent -> child
// ---------------------------------------------------------------------------

/** The job file a child reads (path on its command line). */
export type ColdJob =
  | {
      readonly kind: 'baseline';
      /**
       * A small file the baseline reads exactly as a target child reads its
       * input: Node's first file read costs ~0.5 ms of one-time setup, and the
       * baseline's harness overhead must match the targets' for subtraction.
       */
      readonly inputPath: string;
    }
  | {
      readonly kind: 'target';
      readonly target: TargetName;
      /** The workload's manifest (data only; the child never generates input). */
      readonly manifest: WorkloadManifest;
      /** Build artifact paths (harness/paths.ts `workloadArtifacts`). */
      readonly artifacts: { readonly dir: string; readonly definition: string; readonly node: string; readonly wasm: string; readonly wasmInfo: string };
      /** File holding the input bytes (UTF-8 for text inputs). */
      readonly inputPath: string;
      readonly inputKind: PayloadKind;
      /** Calls to make in total, the first included (the warm-up curve's length). */
      readonly calls: number;
      /** Stop making calls once this much call time has accumulated (the first call always runs). */
      readonly callBudgetMs?: number;
    };

// ---------------------------------------------------------------------------
// Child -> parent (one JSON object per line on file descriptor 3)
// ---------------------------------------------------------------------------

/** Sent right after the first call returns, so the parent can time spawn -> first result. */
export interface ChildFirstMessage {
  readonly type: 'first';
}

/** The child's full report, sent once before it exits: its own figures plus the clock readings and digests the parent turns into a sample. */
export interface ChildResultMessage extends ColdProcessFigures {
  readonly type: 'result';
  /** process.hrtime.bigint() at the child's first harness line, as a decimal string. */
  readonly startedAtNs: string;
  /** process.hrtime.bigint() when the first call returned, as a decimal string. */
  readonly firstResultAtNs: string;
  /** sha256 (hex) of the first and the last call's outputs (absent for the baseline). */
  readonly firstOutputSha256?: string;
  readonly lastOutputSha256?: string;
}

/** Any line a child sends. */
export type ChildMessage = ChildFirstMessage | ChildResultMessage;

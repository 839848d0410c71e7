/**
 * The target contract: what one way of running a workload (Node, a core Wasm
 * module, a component, a native binary...) provides to the harness. The
 * registry (harness/targets/) holds the adapters; the measuring cores call
 * them through this interface. Part of the bottom layer: imports only the contract.
 */
import type { BuildInfo } from './build.js';
import type { SizeName, TargetName, WorkloadDefinition, WorkloadFunction } from './workload.js';

/**
 * Times one named phase of loading a target (e.g. "import", "compile").
 * Warm runs pass a timer that only runs `fn`; cold-start children record.
 */
export type PhaseTimer = <T>(phase: string, fn: () => Promise<T> | T) => Promise<T>;

/** A target loaded and ready to call. */
export interface LoadedTarget {
  /** Runs the workload once. */
  readonly call: WorkloadFunction;
  /** Linear memory size in bytes, for targets that have one. */
  memoryBytes?(): number;
}

/** A deployable file of a target, for artifact sizes. */
export interface TargetArtifact {
  /** What the file is (e.g. "handler bundle", "core module"). */
  readonly role: string;
  /** Absolute path. */
  readonly path: string;
}

/** Paths of one workload's build outputs (see harness/paths.ts). */
export interface WorkloadArtifactPaths {
  readonly dir: string;
  readonly definition: string;
  readonly node: string;
  readonly wasm: string;
  readonly wasmInfo: string;
  /**
   * The bundle of `workloads/<name>/idiomatic.ts` (the `node-idiomatic` target),
   * present only when the workload has that variant. Optional in the type
   * because the warm and cold job files declare their own copy of this shape;
   * `workloadArtifacts` always sets it.
   */
  readonly idiomatic?: string;
}

/** What a target needs to know about a workload to load it. */
export interface TargetWorkload {
  readonly definition: WorkloadDefinition;
  readonly artifacts: WorkloadArtifactPaths;
}

/** One way of running a workload (Node, a core Wasm module, a component...). */
export interface TargetAdapter {
  /** Target name as used on the command line and in results. */
  readonly name: TargetName;
  /** One line for `--list`. */
  readonly description: string;
  /** Why this workload cannot run on this target, or undefined when it can. */
  unsupportedReason(workload: TargetWorkload): string | undefined;
  /** The files that would be deployed for this target. */
  artifacts(workload: TargetWorkload): TargetArtifact[];
  /** Build facts recorded with results (compiler, flags, hashes). */
  buildInfo(workload: TargetWorkload): BuildInfo;
  /** Loads the target, timing each named phase through `phase`. */
  load(workload: TargetWorkload, phase: PhaseTimer): Promise<LoadedTarget>;
  /** Things a reader of this target's results must know (e.g. a glue cost that dominates); goes to the row's `notes`. */
  notes?(workload: TargetWorkload): string[];
  /**
   * Sizes measured when the user did not pick sizes, with the reason (e.g. the
   * interpreted component takes seconds per call beyond small). Absent = all.
   * Skipped sizes are named in the run's notes, never silently dropped.
   */
  readonly defaultSizes?: { readonly sizes: readonly SizeName[]; readonly why: string };
}

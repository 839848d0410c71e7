/**
 * Every public type of the harness, in one place (as tinybench does), so a
 * workload author, a reporter author and a results consumer read one file.
 *
 * Two contracts live here:
 *  - the workload contract (what a folder under `workloads/` provides), and
 *  - the results contract (`run.json`, schemaVersion 1; extend it, never rename).
 */

// ---------------------------------------------------------------------------
// Workloads
// ---------------------------------------------------------------------------

/** Size presets every workload declares. */
export type SizeName = 'small' | 'medium' | 'large';

/** All size presets, smallest first. */
export const SIZE_NAMES: readonly SizeName[] = ['small', 'medium', 'large'];

/** How a payload travels: raw bytes, or text (UTF-8 on the wire / in linear memory). */
export type PayloadKind = 'bytes' | 'text';

/** A workload input or output as the Node implementation sees it. */
export type Payload = Uint8Array | string;

/** Names of the execution targets the harness knows. */
export type TargetName = 'node' | 'wasm' | 'component' | 'as-component';

/** AssemblyScript runtimes we allow (`stub` never frees memory, so it is excluded). */
export type AscRuntime = 'minimal' | 'incremental';

/** One size preset of a workload. */
export interface SizePreset {
  /** What this size means in workload terms, e.g. "64 KiB payload". */
  readonly description: string;
  /** Parameters the input generator reads (record counts, dimensions...). */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * The declarative part of a workload: the manifest. Everything here is data so
 * it can be listed, recorded in results and checked without running anything.
 */
export interface WorkloadManifest {
  /** Folder name under `workloads/`; lower-case, dash-separated. */
  readonly name: string;
  /** One line: what a serverless function doing this looks like. */
  readonly description: string;
  /** What the workload stresses (e.g. "integer arithmetic", "string marshalling"). */
  readonly stresses: readonly string[];
  /** Input and output payload kinds. */
  readonly payload: { readonly input: PayloadKind; readonly output: PayloadKind };
  /** The three size presets. */
  readonly sizes: Readonly<Record<SizeName, SizePreset>>;
  /** How the AssemblyScript implementation is compiled, and why. */
  readonly asc: {
    readonly runtime: AscRuntime;
    /** Why this runtime suits the workload's allocation pattern. */
    readonly why: string;
    /** Extra asc flags, e.g. ["--enable", "simd"]. Recorded with every result. */
    readonly extraFlags?: readonly string[];
  };
  /**
   * Targets this workload cannot be expressed in, each with the reason. The
   * report shows the gap instead of silently dropping the row.
   */
  readonly unsupportedTargets?: Readonly<Partial<Record<TargetName, string>>>;
}

/** A workload: its manifest plus the deterministic input generator. */
export interface WorkloadDefinition extends WorkloadManifest {
  /**
   * Builds the input for a size preset. Must be a pure function of
   * (size, seed): the committed expected outputs depend on it.
   */
  generateInput(size: SizeName, seed: number): Payload;
}

/** The signature of a workload's TypeScript implementation (`node.ts` exports `run`). */
export type WorkloadFunction = (input: Payload) => Payload;

/** One committed expected output (`expected.json` per workload). */
export interface ExpectedOutput {
  /** SHA-256 (hex) of the generated input, so a changed generator is caught. */
  readonly inputSha256: string;
  /** SHA-256 (hex) of the output bytes (UTF-8 for text outputs). */
  readonly outputSha256: string;
  /** Output length in bytes. */
  readonly outputBytes: number;
}

/** Contents of a workload's `expected.json`. */
export interface ExpectedFile {
  /** The seed the committed vectors were generated with. */
  readonly seed: number;
  /** One expected output per size preset. */
  readonly sizes: Readonly<Record<SizeName, ExpectedOutput>>;
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

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
  buildInfo(workload: TargetWorkload): Record<string, unknown>;
  /** Loads the target, timing each named phase through `phase`. */
  load(workload: TargetWorkload, phase: PhaseTimer): Promise<LoadedTarget>;
}

/**
 * The workload contract: what a folder under `workloads/` provides (a
 * manifest, a seeded input generator, a TypeScript implementation and
 * committed expected outputs). Part of the bottom layer: imports nothing.
 */

/** Size presets every workload declares. */
export type SizeName = 'small' | 'medium' | 'large';

/** All size presets, smallest first. */
export const SIZE_NAMES: readonly SizeName[] = ['small', 'medium', 'large'];

/** How a payload travels: raw bytes, or text (UTF-8 on the wire / in linear memory). */
export type PayloadKind = 'bytes' | 'text';

/** A workload input or output as the Node implementation sees it. */
export type Payload = Uint8Array | string;

/**
 * Name of an execution target, as used on the command line and in results.
 * A plain string in the contract: the target registry (harness/targets/) is
 * the only list of targets, so a results reader never needs updating for a new one.
 */
export type TargetName = string;

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


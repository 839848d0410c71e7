/** The options of one benchmark run, after parsing and defaults. */
import type { LambdaOptions } from '../options/lambda.js';
import type { PlacementName, SizeName, TargetName } from '../types.js';

/** Everything a run needs to know. Recorded as `config` in run.json. */
export interface BenchOptions {
  readonly workloads: readonly string[];
  readonly targets: readonly TargetName[];
  readonly sizes: readonly SizeName[];
  /** True when the user chose `--sizes` (targets' `defaultSizes` then do not apply). */
  readonly sizesExplicit: boolean;
  readonly placements: readonly PlacementName[];
  /** Warm: measured ms per task in each process (split over rounds); 0 skips warm. */
  readonly timeMs: number;
  /** Warm: warm-up ms per task. */
  readonly warmupMs: number;
  /** Warm: interleaving rounds in each process. */
  readonly rounds: number;
  /** Warm: fresh processes per group, each measuring every target of the group (the unit of replication). */
  readonly forks: number;
  /** Warm: ceiling of processes for a group whose verdict stays unresolved. */
  readonly maxForks: number;
  /** Warm: time the processes beyond `forks` may take in all, ms. */
  readonly resolveBudgetMs: number;
  /** Warm: measure the calibration controls (A/A pair and planted difference) with the run. */
  readonly controls: boolean;
  /** Seed for input generation, orders and bootstrap. */
  readonly seed: number;
  /** Cold: fresh-process samples per workload × target × engine; 0 skips cold. */
  readonly coldSamples: number;
  /** Cold: the sizes measured cold. */
  readonly coldSizes: readonly SizeName[];
  /** Cold: engine configurations (keys of ENGINE_CONFIGS). */
  readonly engines: readonly string[];
  /** Cold: calls recorded one by one after the first (the warm-up curve). */
  readonly coldCalls: number;
  /** Cold: cap on the call time of one process after the first call (bounds slow targets' warm-up curves). */
  readonly coldCallBudgetMs: number;
  /** Cold: per-sample timeout. */
  readonly coldTimeoutMs: number;
  /** Smoke run. */
  readonly quick: boolean;
  /** Terminal: end with the full table instead of the compact one (absent in runs recorded before the flag). */
  readonly wide?: boolean;
  /** Run directory. */
  readonly outDir: string;
  /**
   * Node majors measured (`--node`; the CLI fills in the default before the
   * run). Absent: the host's Node alone, as in runs recorded before the flag.
   * See harness/node-builds/select.ts.
   */
  readonly node?: readonly string[];
  /** Lambda placement settings (harness/options/lambda.ts; read by lambda/measure). */
  readonly lambda: LambdaOptions;
}

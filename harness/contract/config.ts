/**
 * The options of a run as run.json records them (`config`): what `--resume`
 * reads back and what a reader needs to know how a run was measured. The
 * options module parses flags into these shapes; this file only says what
 * they are, so every reader and writer agrees without importing the CLI.
 *
 * Fields added after the first published runs are optional: a run recorded
 * before a field existed has none, and readers say what that meant then.
 */
import type { SizeName, TargetName } from './workload.js';

/** Where a result was measured: in this machine's processes, or as a Lambda function. */
export type PlacementName = 'local' | 'lambda';

/** Lambda instruction set architectures (what Lambda prices and runs). */
export type LambdaArch = 'x86_64' | 'arm64';

/** Every architecture, in display order (what `--arch` accepts). */
export const LAMBDA_ARCHES: readonly LambdaArch[] = ['x86_64', 'arm64'];

/** The Lambda placement's options as recorded (`config.lambda`). */
export interface LambdaConfig {
  /** Memory sizes in MB, swept (interleaved). */
  readonly memory: readonly number[];
  readonly arch: readonly LambdaArch[];
  /** A Lambda-API endpoint URL; absent with `aws` false means the embedded local Lambda. */
  readonly endpoint?: string;
  /** Real AWS through the standard credential chain. */
  readonly aws: boolean;
  readonly region?: string;
  /** Deploy (idempotently) before measuring; false with --no-deploy. */
  readonly deploy: boolean;
  /** Function name prefix. */
  readonly prefix: string;
  /** Execution role ARN, its account id masked (results never hold an account id). */
  readonly role?: string;
  /** Lambda runtime identifier of the functions (e.g. nodejs22.x). */
  readonly runtime: string;
  /** Function timeout in seconds. */
  readonly timeoutSeconds: number;
  /** Warm samples per function in each of its execution environments. */
  readonly samples: number;
  /** Execution environments per function the warm samples come from (absent in runs before environments: one). */
  readonly environments?: number;
  /** Untimed, verified invocations per function in each environment before its warm samples (absent in early runs). */
  readonly warmup?: number;
  /** Forced cold samples per function. */
  readonly coldSamples: number;
  /** Sizes measured on Lambda. */
  readonly sizes: readonly SizeName[];
  /** A load run (--load): the ramp, the invocation paths, reserved concurrency (lambda/load; absent: one call at a time). */
  readonly load?: LoadConfig;
}

/** The ramp of a load run as parsed from `--load <spec>` (harness/options/load.ts has the grammar). */
export interface LoadSpecConfig {
  /** The text it was parsed from (or the default's text). */
  readonly text: string;
  /** rate and poisson: open loop at n events/s; concurrency: closed loop with n callers; storm: n events at once onto a cold function. */
  readonly kind: 'rate' | 'poisson' | 'concurrency' | 'storm';
  /** Events per second, callers, or events per storm, one per step, in order. */
  readonly levels: readonly number[];
  /** Sending time of each step, ms (0 for a storm: its events leave at once). */
  readonly durationMs: number;
  /** Storms only: how long a storm's events may take to be answered and read back from the logs, ms (`@wait`). */
  readonly waitMs?: number;
  /** Quiet time after each step, ms. */
  readonly settleMs: number;
  /**
   * Levels ending in `..`: a function's ramp on a path stops after its first
   * step the host or client limited (INVALID); throttles and errors never stop it.
   * Absent in runs written before the stop rule, which ran every step.
   */
  readonly untilHostLimit?: boolean;
}

/** A load run's settings. */
export interface LoadConfig {
  readonly spec: LoadSpecConfig;
  /** Invocation paths: sync Invoke, async Invoke (Event), EventBridge PutEvents, a scheduled rule's invocations. */
  readonly paths: ReadonlyArray<'sync' | 'event' | 'eventbridge' | 'scheduled'>;
  /** The scheduled path's ScheduleExpression (`rate(1 minute)`); present only when that path runs. */
  readonly schedule?: string;
  /** Reserved concurrency set on every function for the run; absent: none. */
  readonly reserved?: number;
  /**
   * Times the ramp runs, each repeat in fresh execution environments; the
   * percentile intervals come from across them (absent in runs written
   * before repeats: one).
   */
  readonly repeats?: number;
}

/** Everything a run was told, after parsing and defaults (`config` in run.json). */
export interface RunConfig {
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
  /** Warm: fresh processes per group (absent in runs before forks: one process). */
  readonly forks?: number;
  /** Warm: ceiling of processes for a group whose verdict stays unresolved (absent before forks). */
  readonly maxForks?: number;
  /** Warm: time the processes beyond `forks` may take in all, ms (absent before forks). */
  readonly resolveBudgetMs?: number;
  /** Warm: the calibration controls were measured with the run (absent before controls: not measured). */
  readonly controls?: boolean;
  /** Seed for input generation, orders and bootstrap. */
  readonly seed: number;
  /** Cold: fresh-process samples per workload × target × engine; 0 skips cold. */
  readonly coldSamples: number;
  /** Cold: the sizes measured cold. */
  readonly coldSizes: readonly SizeName[];
  /** Cold: V8 engine configurations. */
  readonly engines: readonly string[];
  /** Cold: calls recorded one by one after the first (the warm-up curve). */
  readonly coldCalls: number;
  /** Cold: cap on the call time of one process after the first call, ms. */
  readonly coldCallBudgetMs: number;
  /** Cold: per-sample timeout, ms. */
  readonly coldTimeoutMs: number;
  /** Smoke run. */
  readonly quick: boolean;
  /** Terminal: the full table instead of the compact one (absent in runs before the flag). */
  readonly wide?: boolean;
  /** Run directory, as displayed (relative to the project when inside it). */
  readonly outDir: string;
  /**
   * Node majors measured, warm, cold and on Lambda (absent in runs before
   * --node: the host's Node, `environment.node`). With anything but the
   * host's major alone, rows carry the major in their engine (`node22`).
   */
  readonly node?: readonly string[];
  /** Lambda placement settings. */
  readonly lambda: LambdaConfig;
}

/**
 * The harness's public types. The contracts themselves live in
 * `harness/contract/` (the bottom layer, importing nothing of the project):
 * this file re-exports them while importers move to the contract module, and
 * holds the target adapter interface.
 */
export * from './contract/workload.js';
export * from './contract/config.js';
import type { Payload, SizeName, TargetName, WorkloadDefinition, WorkloadFunction } from './contract/workload.js';
import type { PlacementName } from './contract/config.js';

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
  buildInfo(workload: TargetWorkload): Record<string, unknown>;
  /** Loads the target, timing each named phase through `phase`. */
  load(workload: TargetWorkload, phase: PhaseTimer): Promise<LoadedTarget>;
  /** Things a reader of this target's results must know (e.g. a glue cost that dominates); goes to `ResultBase.notes`. */
  notes?(workload: TargetWorkload): string[];
  /**
   * Sizes measured when the user did not pick sizes, with the reason (e.g. the
   * interpreted component takes seconds per call beyond small). Absent = all.
   * Skipped sizes are named in the run's notes, never silently dropped.
   */
  readonly defaultSizes?: { readonly sizes: readonly SizeName[]; readonly why: string };
}

// ---------------------------------------------------------------------------
// Results contract (run.json, schemaVersion 1). Extend it; never rename.
// ---------------------------------------------------------------------------

/** Distribution summary of timing samples, in nanoseconds. */
export interface TimingStats {
  readonly medianNs: number;
  readonly p75Ns: number;
  readonly p99Ns: number;
  /** Median absolute deviation. */
  readonly madNs: number;
  readonly meanNs: number;
  readonly minNs: number;
  readonly maxNs: number;
  readonly samples: number;
  /**
   * 95% confidence interval of the median. Warm rows measured in several
   * processes (`WarmStats.forks`) take it across processes; otherwise it is
   * the order-statistics interval of these samples.
   */
  readonly ci95Ns: readonly [number, number];
  /** Samples beyond Tukey's fences, counted and kept (never dropped). */
  readonly outliers?: OutlierCounts;
}

/**
 * Tukey-fence outliers of a set of samples: beyond 1.5 IQR from the
 * quartiles (mild) or 3 IQR (severe, also counted in low/high).
 */
export interface OutlierCounts {
  /** Below Q1 - 1.5 IQR. */
  readonly low: number;
  /** Above Q3 + 1.5 IQR. */
  readonly high: number;
  /** Beyond 3 IQR on either side. */
  readonly severe: number;
}

/**
 * How a warm row's samples spread between and within the fresh processes
 * ("forks") that measured it. Both are relative standard errors of a median,
 * so they compare: when `betweenCv` is the larger, one process could not
 * have seen the row's real uncertainty.
 */
export interface ForkSpread {
  /** Processes that measured the row. */
  readonly forks: number;
  /** Each process's median, ns, in fork order. */
  readonly mediansNs: readonly number[];
  /** Standard deviation of the log of the process medians (≈ relative spread between processes). */
  readonly betweenCv: number;
  /** Median over processes of the relative standard error of one process's median, from its own samples. */
  readonly withinCv: number;
}

/** Warm (steady-state, in-process) figures of one result. */
export interface WarmStats extends TimingStats {
  /** Calls timed together per sample (per-call time reported) for sub-10 µs calls. */
  readonly callsPerSample: number;
  /** Between- and within-process spread, when the row was measured in several processes. */
  readonly forks?: ForkSpread;
}

/**
 * How a result compares with the baseline target (node). `unresolved`: the
 * interval contains 1 but is too wide to rule out a difference beyond the
 * noise threshold, and the sampling budget ran out. `too-few-samples`: too
 * few independent units (processes, environments) for any 95% interval to
 * mean something; no verdict is given.
 */
export type Verdict = 'faster' | 'slower' | 'no-significant-difference' | 'unresolved' | 'too-few-samples';

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = ['faster', 'slower', 'no-significant-difference', 'unresolved', 'too-few-samples'];

/** What a comparison's interval rests on: its unit of replication and how many there were. */
export interface ReplicationBasis {
  /**
   * `process`: fresh processes (warm forks, cold samples); `environment`:
   * Lambda execution environments; `sample`: samples of one process or one
   * environment (older runs), which sees no between-process variation.
   */
  readonly unit: 'process' | 'environment' | 'sample';
  /** Independent units behind the interval. */
  readonly count: number;
}

/** Ratio of a target's median to node's (below 1 = faster than node), with its 95% CI. */
export interface VsBaseline {
  readonly ratio: number;
  readonly ci95: readonly [number, number];
  readonly verdict: Verdict;
  /** What the interval rests on (absent in runs before replication was recorded). */
  readonly basis?: ReplicationBasis;
}

/**
 * One calibration check of a run: a comparison whose true ratio is known by
 * construction (1 for the A/A pair, the planted factor for the planted pair).
 */
export interface ControlCheck {
  /** What was compared, e.g. "sha256 node vs the same, measured as a second entry". */
  readonly what: string;
  /** The true ratio, by construction. */
  readonly expectedRatio: number;
  readonly ratio: number;
  readonly ci95: readonly [number, number];
  readonly verdict: Verdict;
  readonly basis: ReplicationBasis;
  /** A/A: said "no significant difference"; planted: the interval contains the expected ratio and excludes 1. */
  readonly passed: boolean;
  /** One line a reader understands, e.g. "A/A: no significant difference, 1.004x [0.991-1.017]". */
  readonly summary: string;
}

/** The calibration controls measured with a run (see harness/controls/). */
export interface RunCalibration {
  readonly workload: string;
  readonly size: SizeName;
  readonly aa: ControlCheck;
  readonly planted: ControlCheck;
  /** Both checks passed; when false every output says so at the top. */
  readonly passed: boolean;
}

/** One cold-start phase summarised over fresh-process samples, in nanoseconds. */
export interface PhaseStats {
  readonly medianNs: number;
  readonly p99Ns: number;
  readonly ci95Ns: readonly [number, number];
  readonly samples: number;
}

/** Cold-start figures from fresh processes (see harness/cold/). */
export interface ColdStats {
  /** Completed fresh-process samples. */
  readonly samples: number;
  /** Failed samples (crash, timeout), counted and described, never averaged in. */
  readonly failedSamples: number;
  /** Per named phase (processStart, import | read/compile/instantiate, firstCall, ...). */
  readonly phases: Readonly<Record<string, PhaseStats>>;
  /** Spawn to first result, measured by the parent. */
  readonly timeToFirstResult: PhaseStats;
  /** Median latency of call i (0 = first call) across samples: the warm-up curve. */
  readonly warmupCurveNs: readonly number[];
  /** Reasons of failed samples with stderr tails. */
  readonly failures?: readonly string[];
}

/** Artifact size of what would be deployed. */
export interface ArtifactBytes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Per file, when a target deploys several (e.g. transpiled component: glue + core modules). */
  readonly files?: ReadonlyArray<{ readonly role: string; readonly path: string; readonly raw: number; readonly gzip: number; readonly brotli: number; readonly brotliQuality?: number }>;
}

/** Resource use of a target. */
export interface ResourceStats {
  /** Median peak RSS of the cold process (process.resourceUsage().maxRSS). */
  readonly peakRssBytes?: number;
  readonly heapUsedBytes?: number;
  readonly heapTotalBytes?: number;
  readonly externalBytes?: number;
  readonly arrayBuffersBytes?: number;
  /** Linear memory of the module, for Wasm targets. */
  readonly wasmMemoryBytes?: number;
  readonly cpuUserMs?: number;
  readonly cpuSystemMs?: number;
  readonly artifactBytes: ArtifactBytes;
}

/** Fields every result has, whatever its status. */
export interface ResultBase {
  readonly workload: string;
  readonly target: TargetName;
  readonly placement: PlacementName;
  readonly size: SizeName;
  /**
   * Engine configuration for cold rows ("default", "eager", "liftoff-only");
   * with Node versions as a run dimension, the Node major first (`node22`,
   * `node22/eager`; harness/node-builds/select.ts).
   */
  readonly engine?: string;
  /** `process.version` of the Node the row ran on (absent in runs before --node). */
  readonly nodeVersion?: string;
  /** `process.versions.v8` of that Node. */
  readonly v8Version?: string;
  /** True only when every checked output matched the expected output. */
  readonly verified: boolean;
  /** How outputs were checked: against committed vectors, or against node's output for another seed. */
  readonly verifiedAgainst?: 'committed' | 'node-reference';
  /** Build facts (compiler, runtime, flags, artifact hash). */
  readonly build?: Readonly<Record<string, unknown>>;
  /** Things a reader must know to interpret this row (e.g. a glue cost that dominates). */
  readonly notes?: readonly string[];
}

/**
 * A figure a row lacks because the endpoint does not provide it (an emulator
 * without GetFunction, without a log tail, without configuration changes): a
 * capability gap, shown as "n/a" with its reason, never INVALID (that is for
 * wrong outputs) nor FAILED (that is for rows not measured at all).
 */
export interface UnavailableFigure {
  /** The figures missing, e.g. ["REPORT Duration", "Billed Duration", "cost"]. */
  readonly figures: readonly string[];
  /** The API call that did not provide them, e.g. "GetFunction", "Invoke LogType Tail". */
  readonly api: string;
  /** Its HTTP status, when it answered. */
  readonly httpStatus?: number;
  /** One line, e.g. "not available from this endpoint: UpdateFunctionConfiguration → HTTP 404". */
  readonly reason: string;
}

/** A result with figures. */
export interface CompletedResult extends ResultBase {
  readonly status: 'completed';
  /** Figures this row lacks because the endpoint does not provide them (the figures it has are sound). */
  readonly unavailable?: readonly UnavailableFigure[];
  readonly warm?: WarmStats;
  readonly vsNode?: VsBaseline;
  /**
   * Warm ratio against the fastest verified Node variant of the row's group
   * (lowest warm median among the Node-side targets that completed, e.g.
   * node-idiomatic's node:crypto), paired per process like vsNode. Present on
   * rows that are not a Node variant when that fastest variant is not `node`
   * itself (when it is, vsNode already is this comparison). "Wasm or what a
   * team would write in Node" is judged on it; vsNode stays the
   * same-algorithm comparison.
   */
  readonly vsFastestNode?: VsBaseline & { readonly baseline: TargetName };
  readonly cold?: ColdStats;
  readonly coldVsNode?: VsBaseline;
  readonly resources?: ResourceStats;
  /** Placement-specific figures (e.g. Lambda REPORT blocks). */
  readonly [extension: string]: unknown;
}

/**
 * What kind of failure an errored row is. Only `wrong-output` means the
 * target computed something else than the expected output (reports say
 * INVALID); the others mean it could not be measured (reports say FAILED):
 * - `crashed`: the code under test threw, exited or returned no answer it could parse;
 * - `timeout`: it ran past its time limit;
 * - `unreachable`: the endpoint gave no answer (refused, reset, no answer in time);
 * - `not-measured`: anything else that left no figures (a setup step failed, an API answered with an error, no sample accepted).
 */
export type FailureKind = 'wrong-output' | 'crashed' | 'timeout' | 'unreachable' | 'not-measured';

/** Every failure kind, in the order reports list them. */
export const FAILURE_KINDS: readonly FailureKind[] = ['wrong-output', 'crashed', 'timeout', 'unreachable', 'not-measured'];

/** A result that failed: a wrong output, or something that kept it from being measured. Never reported as a timing. */
export interface ErroredResult extends ResultBase {
  readonly status: 'errored';
  /**
   * What kind of failure. Absent in runs written before the field existed,
   * whose reports printed every errored row INVALID: read as `wrong-output`
   * (see {@link failureOf}) so they re-render as they did.
   */
  readonly failure?: FailureKind;
  readonly error: string;
}

/** The failure kind of an errored row (`wrong-output` for rows of older runs, which have none). */
export function failureOf(result: ErroredResult): FailureKind {
  return result.failure ?? 'wrong-output';
}

/** A combination the workload declares impossible for the target (shown as a gap, not dropped). */
export interface UnsupportedResult extends ResultBase {
  readonly status: 'unsupported';
  readonly error: string;
}

/** One row of run.json. */
export type ResultRecord = CompletedResult | ErroredResult | UnsupportedResult;

/** Where and on what a run happened. */
export interface EnvironmentInfo {
  readonly node: string;
  readonly v8: string;
  readonly execArgv: readonly string[];
  readonly cpu: string;
  readonly cores: number;
  readonly os: string;
  readonly totalMemoryBytes: number;
  readonly git: string | null;
  readonly gitDirty?: boolean;
  /** Tool versions (assemblyscript, tinybench, jco...). */
  readonly tools: Readonly<Record<string, string>>;
  /** sha256 of every artifact measured, by path relative to the project. */
  readonly artifactHashes: Readonly<Record<string, string>>;
}

/**
 * Where a run stands. `running` is written before anything is measured;
 * `completed` at the end; `interrupted` on SIGINT/SIGTERM, or by the run's
 * guardian (or a reader) when the process died without saying (SIGKILL, a
 * crash); `failed` on a fatal error. Runs written before this field existed
 * have none and are complete.
 */
export type RunState = 'running' | 'completed' | 'interrupted' | 'failed';

/** The process that measures (or measured) a run: enough for a reader to tell a live run from a dead one. */
export interface RunOwner {
  readonly pid: number;
  readonly hostname: string;
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat field 22), so a reused pid is not mistaken for the run. */
  readonly startTicks?: number;
  /** /proc/sys/kernel/random/boot_id: ticks since boot mean nothing across a reboot. */
  readonly bootId?: string;
}

/** How a run that did not complete ended. */
export interface RunEnding {
  readonly at: string;
  /** The signal that stopped it (SIGINT, SIGTERM), when one was caught. */
  readonly signal?: string;
  /** One line: why. */
  readonly reason: string;
  /** Who recorded the ending: the run itself, its guardian process, or a reader that found the process gone. */
  readonly recordedBy: 'run' | 'guardian' | 'reader';
}

/** One continuation of an interrupted run with --resume. */
export interface RunResumption {
  readonly at: string;
  readonly owner: RunOwner;
  /** The environment of the resumed part (it may differ from the first part's: other commit, other load). */
  readonly environment: EnvironmentInfo;
  /** Groups already finished when it started. */
  readonly finishedBefore: number;
}

/**
 * Work of the run: which groups are planned and finished (resume skips
 * finished ones), and the raw samples of unfinished groups, so a run that
 * stops keeps every sample taken. Samples of finished groups live in rows
 * (and samples.jsonl); a completed run keeps only the group lists.
 */
export interface RunProgress {
  /** Group ids in run order: `warm/<workload>/<size>`, `cold`, `lambda/<workload>/<size>`. */
  readonly planned: readonly string[];
  readonly finished: readonly string[];
  /** Cold samples taken by the unfinished cold mode (harness/cold ColdSample, minus what every sample repeats). */
  readonly coldSamples?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** The Lambda group in progress: its id and its samples so far, by function name. */
  readonly lambdaGroup?: { readonly group: string; readonly functions: Readonly<Record<string, unknown>> };
}

/** The whole run.json. */
export interface RunRecord {
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Absent in runs written before run states existed: those are complete. */
  readonly state?: RunState;
  readonly owner?: RunOwner;
  /** Why a run that is not completed stopped. */
  readonly ending?: RunEnding;
  /** Every --resume of this run, in order. */
  readonly resumes?: readonly RunResumption[];
  readonly progress?: RunProgress;
  readonly environment: EnvironmentInfo;
  readonly config: Readonly<Record<string, unknown>>;
  readonly results: readonly ResultRecord[];
  /** Baseline processes and other run-wide figures (e.g. empty node process start). */
  readonly baselines?: Readonly<Record<string, unknown>>;
  /** Run-wide notes for readers. */
  readonly notes?: readonly string[];
  /** The A/A and planted-difference controls measured with the run (absent when skipped, and in older runs). */
  readonly calibration?: RunCalibration;
}

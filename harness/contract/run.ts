/**
 * The whole run.json (schemaVersion 2): where and on what a run happened,
 * the options it was given, its rows, its baselines and calibration controls,
 * and where it stands (state, owner, progress) so a stopped run keeps what it
 * measured. Part of the bottom layer: imports only the contract.
 */
import type { Baselines } from './baselines.js';
import type { RunConfig } from './config.js';
import type { ResultRecord } from './rows.js';
import type { KeptColdSample, PendingLambdaFunction } from './samples.js';
import type { ReplicationBasis, Verdict } from './stats.js';
import type { SizeName } from './workload.js';

/** The version of run.json this contract describes (version-1 runs are migrated on read). */
export const SCHEMA_VERSION = 2;

/**
 * The outcome of a calibration check, or of the controls as a whole:
 * - `passed`: the comparison said what the truth is (A/A: no significant
 *   difference; planted: the known direction, its interval holding the known ratio);
 * - `failed`: the method was caught wrong: a difference claimed where there is
 *   none, the wrong direction, or an interval that excludes the known ratio;
 * - `inconclusive`: the run was too short to tell: the interval holds the
 *   known ratio but is too wide to resolve it (or rests on too few units).
 * Runs written before this field had a `passed` boolean; the reader
 * (harness/run-file/) reads true as `passed`, false as `failed`.
 */
export type CalibrationState = 'passed' | 'failed' | 'inconclusive';

/** Every calibration state, for the schema. */
export const CALIBRATION_STATES: readonly CalibrationState[] = ['passed', 'failed', 'inconclusive'];

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
  /** Whether the comparison told the known truth, was caught wrong, or could not tell (see CalibrationState). */
  readonly state: CalibrationState;
  /** One line a reader understands, e.g. "A/A: no significant difference, 1.004x [0.991-1.017]". */
  readonly summary: string;
}

/** The calibration controls measured with a run (see harness/controls/). */
export interface RunCalibration {
  readonly workload: string;
  readonly size: SizeName;
  readonly aa: ControlCheck;
  readonly planted: ControlCheck;
  /** `failed` when either check failed, else `inconclusive` when either was, else `passed`; every output opens with a banner unless passed. */
  readonly state: CalibrationState;
}

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
 * crash); `failed` on a fatal error. Version-1 runs written before this
 * field existed had none and are complete.
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
  /** Cold samples taken by the unfinished cold mode. */
  readonly coldSamples?: readonly KeptColdSample[];
  /** The Lambda group in progress: its id and its samples so far, by function name. */
  readonly lambdaGroup?: { readonly group: string; readonly functions: Readonly<Record<string, PendingLambdaFunction>> };
}

/** The whole run.json. */
export interface RunRecord {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Where the run stands (version-1 runs written before states existed are complete). */
  readonly state: RunState;
  readonly owner?: RunOwner;
  /** Why a run that is not completed stopped. */
  readonly ending?: RunEnding;
  /** Every --resume of this run, in order. */
  readonly resumes?: readonly RunResumption[];
  readonly progress?: RunProgress;
  readonly environment: EnvironmentInfo;
  readonly config: RunConfig;
  readonly results: readonly ResultRecord[];
  /** Baseline processes and other run-wide figures (empty node process start, Lambda Power Tuning picks). */
  readonly baselines?: Baselines;
  /** Run-wide notes for readers. */
  readonly notes?: readonly string[];
  /** The A/A and planted-difference controls measured with the run (absent when skipped, and in older runs). */
  readonly calibration?: RunCalibration;
}

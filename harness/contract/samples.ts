/**
 * Raw samples, the record of truth: one line of samples.jsonl each (warm
 * forks, cold processes, Lambda functions), each with the run's id, and the
 * samples an unfinished run keeps in run.json (`progress`). Every summary can
 * be recomputed from them. Part of the bottom layer: imports only the contract.
 */
import type { LambdaArch } from './config.js';
import type { LoadEventRecord } from './load.js';
import type { LambdaRetries } from './lambda.js';
import type { FailureKind, UnavailableFigure } from './rows.js';
import type { SizeName, TargetName } from './workload.js';

// ---------------------------------------------------------------------------
// Cold processes
// ---------------------------------------------------------------------------

/** One target of one workload at one size, under one engine configuration. */
export interface ColdTargetItem {
  readonly kind: 'target';
  readonly workload: string;
  readonly target: TargetName;
  readonly size: SizeName;
  readonly engine: string;
}

/** The empty baseline process: starts node, loads nothing, reports, exits. */
export interface ColdBaselineItem {
  readonly kind: 'baseline';
  readonly engine: string;
}

/** Anything a cold sample is taken of. */
export type ColdItem = ColdTargetItem | ColdBaselineItem;

/** Heap figures of process.memoryUsage(), in bytes. */
export interface MemoryFigures {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
}

/** Fields every raw cold sample has. */
export interface ColdSampleBase {
  readonly type: 'cold';
  readonly item: ColdItem;
  /** Stable key of the item (see `itemKey`). */
  readonly key: string;
  /** Round (0-based) of the shuffled schedule this sample was taken in. */
  readonly round: number;
  /** Position in the whole run (0-based). */
  readonly sequence: number;
  /** The exact command line: argv[0] is the node binary. */
  readonly argv: readonly string[];
  /** Environment variables removed from the child's environment (see ColdRunOptions.env). */
  readonly envRemoved: readonly string[];
  /** Parent's wall time from spawn until the child exited (or was killed), ns. */
  readonly wallNs: number;
}

/**
 * What a fresh process measured about itself and reported before exiting:
 * the child's report (harness/cold/types.ts) carries these figures and the
 * completed sample keeps them as they came, so they are declared once.
 */
export interface ColdProcessFigures {
  /** Reading the job and the input file: harness overhead, outside every target phase. */
  readonly harnessNs: number;
  /** The target's load phases, in the order the adapter ran them (empty for the baseline). */
  readonly phases: ReadonlyArray<{ readonly name: string; readonly ns: number }>;
  /** Latency of every call made, first call first (empty for the baseline). */
  readonly callsNs: readonly number[];
  /** process.memoryUsage() after the first call (or at start, for the baseline) and at the end. */
  readonly memoryAfterFirstCall: MemoryFigures;
  readonly memoryAtEnd: MemoryFigures;
  /** Linear memory of the target after the first call and at the end, when it has one. */
  readonly wasmMemoryAfterFirstCallBytes?: number;
  readonly wasmMemoryAtEndBytes?: number;
  /** process.resourceUsage() at the end: maxRSS converted from KiB to bytes, CPU times in µs. */
  readonly maxRssBytes: number;
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  /** What the process ran under. */
  readonly node: string;
  readonly v8: string;
  readonly execArgv: readonly string[];
}

/** A sample whose process ran to the end, reported, exited 0 and produced the expected outputs. */
export interface CompletedColdSample extends ColdSampleBase, ColdProcessFigures {
  readonly state: 'completed';
  /** Parent spawn -> child's first harness line (both CLOCK_MONOTONIC), ns. */
  readonly processStartNs: number;
  /** Parent spawn -> the child's "first" line received by the parent, ns. */
  readonly timeToFirstResultNs: number;
  /** Parent spawn -> first call returned, by the child's clock (no pipe latency), ns. */
  readonly timeToFirstResultChildNs: number;
  /** True when both digests matched the expected output (always true for a completed target sample; absent for the baseline). */
  readonly verified?: boolean;
}

/**
 * Why a sample failed. `mismatch` (wrong output) and `prepare` (the item could
 * not be set up; no process started) make the whole item errored; the others
 * are counted as failed samples and the item stands on the rest.
 */
export type ColdFailureKind = 'timeout' | 'crash' | 'exit-code' | 'bad-message' | 'spawn' | 'mismatch' | 'prepare';

/** A sample that failed: no timing from it is ever published. */
export interface ErroredColdSample extends ColdSampleBase {
  readonly state: 'errored';
  readonly failure: ColdFailureKind;
  readonly error: string;
  /** Last lines of the child's stderr. */
  readonly stderrTail: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
}

/** One raw cold sample. */
export type ColdSample = CompletedColdSample | ErroredColdSample;

/** What every cold sample repeats (command line, Node and V8 versions): run.json keeps it once, in `environment`. */
export type RepeatedColdField = 'argv' | 'envRemoved' | 'node' | 'v8' | 'execArgv';

/** A cold sample as run.json keeps it while the cold mode is unfinished (`progress.coldSamples`): the repeated fields dropped. */
export type KeptColdSample = Omit<CompletedColdSample, RepeatedColdField> | Omit<ErroredColdSample, 'argv' | 'envRemoved'>;

// ---------------------------------------------------------------------------
// Lambda functions
// ---------------------------------------------------------------------------

/** Figures of a function's accepted invocations, index-aligned. */
export interface LambdaSampleSeries {
  readonly clientNs: readonly number[];
  readonly durationMs: readonly number[];
  readonly billedMs: readonly number[];
  readonly handlerNs: readonly number[];
  readonly maxMemoryUsedMB: readonly number[];
  /** Init Duration (cold series only). */
  readonly initMs: readonly number[];
  /** Id of the environment that served each sample: an index into the function's environments. */
  readonly environment: readonly number[];
}

/** How an execution environment began: the priming call, a forced configuration change, or a replacement Lambda made. */
export type LambdaEnvironmentStart = 'priming' | 'forced' | 'replaced';

/** The samples of one function of the Lambda group in progress (`progress.lambdaGroup.functions`). */
export interface PendingLambdaFunction {
  readonly warm: LambdaSampleSeries;
  readonly cold: LambdaSampleSeries;
  readonly warmDropped: number;
  readonly coldDropped: number;
  readonly counters: LambdaRetries;
  /** The first failure, when there was one. */
  readonly error?: string;
  readonly failure?: FailureKind;
  readonly missingApi: boolean;
  /** False when the endpoint sends no log tail. */
  readonly reports: boolean;
  readonly unavailable: readonly UnavailableFigure[];
  readonly runtimeClients: readonly string[];
  readonly environments: ReadonlyArray<{ readonly block: number; readonly start: LambdaEnvironmentStart }>;
}

// ---------------------------------------------------------------------------
// samples.jsonl lines
// ---------------------------------------------------------------------------

/** Identity of the row (or calibration entry) a warm line belongs to. */
export type WarmLineSubject =
  | { readonly workload: string; readonly target: TargetName; readonly placement: 'local'; readonly size: SizeName; readonly engine?: string }
  | { readonly control: string; readonly workload: string; readonly size: SizeName };

/** One warm process's samples of one target, as the measuring mode hands it over. */
export type WarmSamples = WarmLineSubject & {
  readonly kind: 'warm';
  /** Index of the process (fork) among the group's. */
  readonly fork: number;
  readonly callsPerSample: number;
  /** Per-call time of each sample, ns. */
  readonly samplesNs: readonly number[];
};

/** One cold process, as the measuring mode hands it over. */
export type ColdSamples = ColdSample & { readonly kind: 'cold' };

/** One Lambda function's samples at one size, as the measuring mode hands them over. */
export interface LambdaSamples {
  readonly kind: 'lambda';
  readonly workload: string;
  readonly target: TargetName;
  readonly placement: 'lambda';
  readonly size: SizeName;
  readonly memoryMB: number;
  readonly arch: LambdaArch;
  readonly endpoint: string;
  readonly functionName: string;
  /** Absent when the function was not sampled. */
  readonly warm?: LambdaSampleSeries;
  readonly cold?: LambdaSampleSeries;
  readonly counters?: LambdaRetries;
}

/** The events of one step of a load run for one function on one path. */
export interface LambdaLoadSamples {
  readonly kind: 'lambda-load';
  readonly path: 'sync' | 'event' | 'eventbridge' | 'scheduled';
  /** The path as reports name it. */
  readonly pathLabel: string;
  /** Index of the step in the ramp, from 0. */
  readonly step: number;
  /** Which repeat of the ramp, from 0 (absent in runs written before repeats). */
  readonly repeat?: number;
  /** Events per second or callers. */
  readonly level: number;
  readonly workload: string;
  readonly target: TargetName;
  readonly functionName: string;
  /** Epoch ms at the step's start: the events' times are relative to it. */
  readonly epochAtStartMs: number;
  readonly events: readonly LoadEventRecord[];
}

/** What a measuring mode records: one line of samples.jsonl before the run stamps its id on it. */
export type SamplesRecord = WarmSamples | ColdSamples | LambdaSamples | LambdaLoadSamples;

/** Every line of samples.jsonl carries the id of the run it belongs to. */
export interface RunStamp {
  readonly runId: string;
}

/** A warm line of samples.jsonl. */
export type WarmSampleLine = WarmSamples & RunStamp;
/** A cold line of samples.jsonl. */
export type ColdSampleLine = ColdSamples & RunStamp;
/** A Lambda line of samples.jsonl. */
export type LambdaSampleLine = LambdaSamples & RunStamp;
/** A load line of samples.jsonl. */
export type LambdaLoadSampleLine = LambdaLoadSamples & RunStamp;
/** Any line of samples.jsonl. */
export type SampleLine = WarmSampleLine | ColdSampleLine | LambdaSampleLine | LambdaLoadSampleLine;

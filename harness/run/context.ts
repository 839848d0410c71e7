/** What every measuring mode of a run shares. */
import type { BenchOptions } from './options.js';
import type { ProgressTracker } from './progress.js';
import type { ResultTable } from './results.js';
import type { ProgressUpdate } from './progress-update.js';
import type { CatalogEntry } from '../workloads/catalog.js';
import type { EmptyProcessBaseline, LoadRecord, PowerTuningRecord, RunCalibration, SamplesRecord } from '../contract/index.js';
import type { NodeSelection } from '../node-builds/select.js';

/** Where measured data goes as it is produced (run.json + samples.jsonl, or memory in tests). */
export interface RunSink {
  /** Records raw samples (one JSON line; the run stamps its id on it). */
  samples(record: SamplesRecord): void;
  /** Persists the rows so far (called after every task). */
  checkpoint(): void;
  /** Progress for humans, as data (units done of planned, what runs now): the CLI's view draws it. */
  progress(update: ProgressUpdate): void;
  /** A note every reader of the results must see. */
  note(message: string): void;
  /** The run's calibration controls, as measured so far (the latest call wins). */
  calibration?(result: RunCalibration): void;
}

/**
 * What must run when the run is interrupted (closing a local Lambda, which
 * ends its environments and removes their cgroups and work directories).
 */
export interface CleanupRegistry {
  /** Registers `close`; returns the function that unregisters it (call it after closing normally). */
  add(close: () => Promise<void>): () => void;
}

/** The run's baselines while it runs: the empty-process baselines (cold mode) and the Power Tuning picks (Lambda placement). */
export interface BaselineLists {
  readonly emptyProcess: EmptyProcessBaseline[];
  readonly lambdaPowerTuning: PowerTuningRecord[];
  /** Set by the load mode (--load) when it starts, and filled step by step. */
  lambdaLoad?: LoadRecord;
}

/** The shared state of one run. */
export interface RunContext {
  readonly options: BenchOptions;
  readonly catalog: readonly CatalogEntry[];
  readonly table: ResultTable;
  readonly sink: RunSink;
  /** Run-wide figures (run.json `baselines`), one list per kind, each filled by its one writer. */
  readonly baselines: BaselineLists;
  /** Planned and finished groups, and samples of unfinished ones (a resumed run skips finished groups). */
  readonly progress: ProgressTracker;
  /** Cleanup an interruption runs. */
  readonly cleanup: CleanupRegistry;
  /** The Node builds measured (absent: the host's Node alone, no Node dimension in rows). */
  readonly nodes?: NodeSelection;
}

/** Catalog entries selected by the options, in option order. */
export function selectedWorkloads(context: RunContext): CatalogEntry[] {
  return context.options.workloads.map((name) => {
    const entry = context.catalog.find((e) => e.definition.name === name);
    if (!entry) throw new Error(`unknown workload ${name}`);
    return entry;
  });
}

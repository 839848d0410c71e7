/**
 * One benchmark run, wired from its parts: warm, cold and Lambda modes fill
 * one result table; run.json is written before anything is measured (state
 * `running`), rewritten after every task and at the end (`completed`);
 * reporters run at the end over the finished record. A resumed run starts
 * from an interrupted run's record and skips its finished groups.
 */
import { displayPath } from './display-path.js';
import { captureEnvironment } from './environment.js';
import { runLocalCold } from './local-cold.js';
import { runLocalWarm } from './local-warm.js';
import { runLocalNative } from './local-native.js';
import { ResultTable } from './results.js';
import { selectedWorkloads, type BaselineLists, type RunContext } from './context.js';
import type { BenchOptions } from './options.js';
import { recordedConfig } from '../options/record.js';
import { currentOwner } from './owner.js';
import { plannedGroups, ProgressTracker } from './progress.js';
import type { ProgressUpdate } from './progress-update.js';
import { findTarget } from '../targets/index.js';
import { selectNodes } from '../node-builds/select.js';
import type { CatalogEntry } from '../workloads/catalog.js';
import { SCHEMA_VERSION, type Baselines, type RunCalibration, type RunRecord, type RunResumption, type RunState, type SampleLine } from '../contract/index.js';

/** A measuring mode: fills the table for the selected workloads. */
export type Mode = (context: RunContext) => Promise<void>;

/** Which modes run, given the options. Later placements and modes register here. */
export function modesFor(options: BenchOptions, extra: { lambda?: Mode } = {}): Mode[] {
  const modes: Mode[] = [];
  if (options.placements.includes('local') && options.timeMs > 0) modes.push(runLocalWarm, runLocalNative);
  if (options.placements.includes('local') && options.coldSamples > 0) modes.push(runLocalCold);
  if (options.placements.includes('lambda') && extra.lambda) modes.push(extra.lambda);
  return modes;
}

/** Where the run's data goes, and how its owner (the CLI) follows it. */
export interface RunIo {
  /** Writes run.json (every checkpoint, and the start and the end). */
  persist(run: RunRecord): void;
  /** Appends one raw-sample line. */
  samples(record: SampleLine): void;
  /** Progress of the phase running now (harness/cli/progress-view.ts draws it). */
  progress(update: ProgressUpdate): void;
  /**
   * Receives the run's controls as soon as it exists: `snapshot` builds the
   * record as it stands (state `running`, unfinished samples included) for a
   * signal handler to write; `cleanup` runs what an interruption must close.
   */
  attach?(controls: RunControls): void;
}

/** What the owner of a run can do while it runs. */
export interface RunControls {
  snapshot(): RunRecord;
  cleanup(): Promise<void>;
}

/**
 * Runs the modes and returns the finished record; `persist` sees every
 * checkpoint. With `resumed` (a run.json of an interrupted run, its options
 * in `options`) it keeps that run's id, rows, notes, baselines and finished
 * groups, records the resumption, and the modes redo only unfinished work.
 */
export async function runBench(
  runId: string,
  options: BenchOptions,
  catalog: readonly CatalogEntry[],
  modes: readonly Mode[],
  io: RunIo,
  resumed?: RunRecord,
): Promise<RunRecord> {
  const startedAt = resumed?.startedAt ?? new Date().toISOString();
  const owner = currentOwner();
  const table = new ResultTable();
  if (resumed) table.restore(resumed.results);
  const notes: string[] = [...(resumed?.notes ?? [])];
  const baselines: BaselineLists = {
    emptyProcess: [...(resumed?.baselines?.emptyProcess ?? [])],
    lambdaPowerTuning: [...(resumed?.baselines?.lambdaPowerTuning ?? [])],
    ...(resumed?.baselines?.lambdaLoad ? { lambdaLoad: resumed.baselines.lambdaLoad } : {}),
  };
  const progress = new ProgressTracker(plannedGroups(options), resumed?.progress);
  const closers = new Set<() => Promise<void>>();
  let environment: RunRecord['environment'] | undefined;
  let resumes: RunResumption[] = [...(resumed?.resumes ?? [])];
  let calibration: RunCalibration | undefined = resumed?.calibration;
  const nodes = selectNodes(options.node);
  for (const gap of nodes.missing) if (!notes.some((n) => n.startsWith(`Node ${gap.major} `))) notes.push(`Node ${gap.major} not measured: ${gap.reason}`);
  const context: RunContext = {
    options,
    nodes,
    catalog,
    table,
    baselines,
    progress,
    cleanup: {
      add(close) {
        closers.add(close);
        return () => closers.delete(close);
      },
    },
    sink: {
      samples: (sample) => io.samples({ runId, ...sample }),
      checkpoint: () => io.persist(record('running')),
      progress: io.progress,
      note: (message) => {
        if (!notes.includes(message)) notes.push(message);
      },
      calibration: (result) => {
        calibration = result;
      },
    },
  };
  // Captured lazily, so a signal that arrives while it is being taken still gets a valid run.json.
  const artifacts = (): string[] =>
    selectedWorkloads(context).flatMap((entry) => options.targets.flatMap((name) => findTarget(name)?.artifacts(entry).map((a) => a.path) ?? []));
  const currentEnvironment = (): RunRecord['environment'] => (environment ??= captureEnvironment(artifacts()));
  const record = (state: RunState): RunRecord => ({
    schemaVersion: SCHEMA_VERSION,
    runId,
    startedAt,
    finishedAt: new Date().toISOString(),
    state,
    owner,
    ...(resumes.length > 0 ? { resumes } : {}),
    progress: progress.snapshot(),
    environment: resumed?.environment ?? currentEnvironment(),
    // No absolute home path (it names the user) in a shared run.json: --resume takes the directory from its argument.
    // Typed, field for field what the options module produced (harness/options/record.ts): the role masked, and no
    // absolute home path (it names the user) in a shared run.json: --resume takes the directory from its argument.
    config: recordedConfig(options, displayPath(options.outDir)),
    results: table.rows(),
    ...(hasBaselines(baselines) ? { baselines: recordedBaselines(baselines) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(calibration ? { calibration } : {}),
  });
  io.attach?.({
    snapshot: () => record('running'),
    cleanup: async () => {
      await Promise.allSettled([...closers].map((close) => close()));
    },
  });
  if (resumed) {
    const at = new Date().toISOString();
    resumes = [...resumes, { at, owner, environment: captureEnvironment(artifacts()), finishedBefore: progress.finished().length }];
    const pending = resumed.progress;
    if (pending?.coldSamples?.length) {
      context.sink.note(`resumed ${at}: the cold mode continued its seeded schedule after the ${pending.coldSamples.length} samples taken before the interruption`);
    }
    if (pending?.lambdaGroup) {
      context.sink.note(`resumed ${at}: the unfinished Lambda group ${pending.lambdaGroup.group} was measured again from its start (its interrupted attempt's samples are not used)`);
    }
  }
  // run.json exists before anything is measured: an interruption from here on leaves a readable run.
  io.persist(record('running'));
  currentEnvironment();
  if (options.seed !== 1) context.sink.note(`seed ${options.seed} is not the committed vectors' seed: outputs were verified against the node implementation's output`);
  for (const mode of modes) {
    await mode(context);
    context.sink.checkpoint();
  }
  const finished = record('completed');
  io.persist(finished);
  return finished;
}

function hasBaselines(lists: BaselineLists): boolean {
  return lists.emptyProcess.length > 0 || lists.lambdaPowerTuning.length > 0 || lists.lambdaLoad !== undefined;
}

/** The non-empty lists, copied (run.json is written while the lists still grow). */
function recordedBaselines(lists: BaselineLists): Baselines {
  return {
    ...(lists.emptyProcess.length > 0 ? { emptyProcess: [...lists.emptyProcess] } : {}),
    ...(lists.lambdaPowerTuning.length > 0 ? { lambdaPowerTuning: [...lists.lambdaPowerTuning] } : {}),
    ...(lists.lambdaLoad !== undefined ? { lambdaLoad: { ...lists.lambdaLoad, steps: [...lists.lambdaLoad.steps] } } : {}),
  };
}

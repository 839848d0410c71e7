/**
 * One benchmark run, wired from its parts: warm, cold and Lambda modes fill
 * one result table; run.json is rewritten after every task; reporters run at
 * the end over the finished record.
 */
import { captureEnvironment } from './environment.js';
import { runLocalCold } from './local-cold.js';
import { runLocalWarm } from './local-warm.js';
import { ResultTable } from './results.js';
import { selectedWorkloads, type RunContext, type RunSink } from './context.js';
import type { BenchOptions } from './options.js';
import { findTarget } from '../targets/index.js';
import type { CatalogEntry } from '../workloads/catalog.js';
import type { RunRecord } from '../types.js';

/** A measuring mode: fills the table for the selected workloads. */
export type Mode = (context: RunContext) => Promise<void>;

/** Which modes run, given the options. Later placements and modes register here. */
export function modesFor(options: BenchOptions, extra: { lambda?: Mode } = {}): Mode[] {
  const modes: Mode[] = [];
  if (options.placements.includes('local') && options.timeMs > 0) modes.push(runLocalWarm);
  if (options.placements.includes('local') && options.coldSamples > 0) modes.push(runLocalCold);
  if (options.placements.includes('lambda') && extra.lambda) modes.push(extra.lambda);
  return modes;
}

/** Runs the modes and returns the finished record; `persist` sees every checkpoint. */
export async function runBench(
  runId: string,
  options: BenchOptions,
  catalog: readonly CatalogEntry[],
  modes: readonly Mode[],
  io: { persist(run: RunRecord): void; samples(record: Record<string, unknown>): void; progress(message: string): void },
): Promise<RunRecord> {
  const startedAt = new Date().toISOString();
  const table = new ResultTable();
  const notes: string[] = [];
  const baselines: Record<string, unknown> = {};
  let environment: RunRecord['environment'] | undefined;
  const record = (finishedAt: string): RunRecord => ({
    schemaVersion: 1,
    runId,
    startedAt,
    finishedAt,
    environment: environment as RunRecord['environment'],
    config: { ...options },
    results: table.rows(),
    ...(Object.keys(baselines).length > 0 ? { baselines } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  });
  const sink: RunSink = {
    samples: io.samples,
    checkpoint: () => io.persist(record(new Date().toISOString())),
    progress: io.progress,
    note: (message) => {
      if (!notes.includes(message)) notes.push(message);
    },
  };
  const context: RunContext = { options, catalog, table, sink, baselines };
  const artifacts = selectedWorkloads(context).flatMap((entry) =>
    options.targets.flatMap((name) => findTarget(name)?.artifacts(entry).map((a) => a.path) ?? []),
  );
  environment = captureEnvironment(artifacts);
  if (options.seed !== 1) sink.note(`seed ${options.seed} is not the committed vectors' seed: outputs were verified against the node implementation's output`);
  for (const mode of modes) {
    await mode(context);
    sink.checkpoint();
  }
  const finished = record(new Date().toISOString());
  io.persist(finished);
  return finished;
}

/**
 * Runs the lambda placement in-process for tests, the way the bench wires it
 * (a RunContext over a fresh result table), and hands back what it wrote:
 * rows, run notes and raw sample records.
 */
import { runLambda } from './mode.js';
import type { LambdaOptions } from '../../harness/options/lambda.js';
import { ProgressTracker } from '../../harness/run/progress.js';
import { ResultTable } from '../../harness/run/results.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import type { RunContext } from '../../harness/run/context.js';
import type { BenchOptions } from '../../harness/run/options.js';
import type { ResultRecord } from '../../harness/contract/index.js';
import type { SamplesRecord } from '../../harness/contract/index.js';

/** What one in-process lambda placement run wrote. */
export interface LambdaRun {
  readonly rows: ResultRecord[];
  readonly notes: string[];
  readonly samples: SamplesRecord[];
  /** The run's baselines (Lambda power tuning lands here). */
  readonly baselines: RunContext['baselines'];
  readonly catalog: RunContext['catalog'];
}

/** A RunContext as the bench wires it, over a fresh result table, with the notes and sample records it collects. */
export interface FixtureContext {
  readonly context: RunContext;
  readonly notes: string[];
  readonly samples: SamplesRecord[];
}

/** Builds the context of an in-process lambda placement run (small size, seed 1, --quick) from its options. */
export async function lambdaFixtureContext(options: { readonly workloads: readonly string[]; readonly targets: readonly string[]; readonly lambda: unknown }): Promise<FixtureContext> {
  const notes: string[] = [];
  const samples: SamplesRecord[] = [];
  const context: RunContext = {
    options: { ...options, sizes: ['small'], placements: ['lambda'], seed: 1, quick: true } as unknown as BenchOptions,
    catalog: await loadCatalog(),
    table: new ResultTable(),
    baselines: { emptyProcess: [], lambdaPowerTuning: [] },
    sink: { samples: (r) => samples.push(r), checkpoint: () => undefined, progress: () => undefined, note: (n) => notes.push(n) },
    progress: new ProgressTracker([]),
    cleanup: { add: () => () => undefined },
  };
  return { context, notes, samples };
}

/** Runs `runLambda` over `workloads` × `targets` at the small size with `lambda` options (from lambdaOptionsFrom). */
export async function runLambdaPlacement(lambda: LambdaOptions, workloads: readonly string[], targets: readonly string[]): Promise<LambdaRun> {
  const { context, notes, samples } = await lambdaFixtureContext({ workloads, targets, lambda });
  await runLambda(context);
  return { rows: context.table.rows(), notes, samples, baselines: context.baselines, catalog: context.catalog };
}

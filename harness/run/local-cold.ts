/**
 * The `local` placement's cold mode: fresh processes per sample, all items
 * interleaved in seeded rounds (harness/cold), summarised into the rows the
 * warm mode started (default engine) or rows of their own (other engines).
 */
import { coldVsNode, planColdItems, runColdSamples, summariseCold, withArtifacts, type ColdInput, type ColdTargetItem } from '../cold/index.js';
import { measureArtifacts } from '../resources/artifacts.js';
import { findTarget } from '../targets/index.js';
import { selectedWorkloads, type RunContext } from './context.js';
import { prepareReference } from './reference.js';
import type { RowKey } from './results.js';
import type { TargetAdapter } from '../types.js';

/** The engine every warm row runs with; cold rows of this engine merge into warm rows. */
const DEFAULT_ENGINE = 'default';

/** Runs cold samples for the selected workloads × targets × cold sizes × engines. */
export async function runLocalCold(context: RunContext): Promise<void> {
  const { options, table, sink } = context;
  const workloads = selectedWorkloads(context);
  const rowKey = (item: ColdTargetItem): RowKey => ({
    workload: item.workload,
    target: item.target,
    placement: 'local',
    size: item.size,
    ...(item.engine === DEFAULT_ENGINE ? {} : { engine: item.engine }),
  });
  const adapterOf = (item: ColdTargetItem): TargetAdapter => findTarget(item.target) as TargetAdapter;
  const entryOf = (name: string) => workloads.find((e) => e.definition.name === name);

  const planned = planColdItems({ workloads: options.workloads, targets: options.targets, sizes: options.coldSizes, engines: options.engines });
  const items = planned.filter((item) => {
    if (item.kind === 'baseline') return true;
    const adapter = adapterOf(item);
    const entry = entryOf(item.workload);
    const reason = entry ? adapter.unsupportedReason(entry) : 'unknown workload';
    if (reason) {
      table.unsupported(rowKey(item), reason);
      return false;
    }
    return true;
  });

  const prepare = async (item: ColdTargetItem): Promise<ColdInput> => {
    const entry = entryOf(item.workload);
    if (!entry) throw new Error(`unknown workload ${item.workload}`);
    const reference = await prepareReference(entry, item.size, options.seed);
    if (reference.state === 'errored') throw new Error(reference.error);
    return { workload: entry, input: reference.input, expectedOutputSha256: reference.expectedSha256 };
  };

  const samples = await runColdSamples({
    items,
    samples: options.coldSamples,
    seed: options.seed,
    prepare,
    calls: options.coldCalls + 1,
    callBudgetMs: options.coldCallBudgetMs,
    timeoutMs: options.coldTimeoutMs,
    onSample: (sample, done, total) => {
      sink.samples({ kind: 'cold', ...sample });
      sink.progress(`cold ${done}/${total}: ${sample.key}`);
    },
  });

  const ratios = coldVsNode(samples, { seed: options.seed });
  for (const summary of summariseCold(samples)) {
    const { item } = summary;
    if (item.kind === 'baseline') {
      context.baselines[`emptyProcess/${item.engine}`] =
        summary.status === 'completed' ? { engine: item.engine, cold: summary.cold, resources: summary.resources } : { engine: item.engine, error: summary.error };
      continue;
    }
    const key = rowKey(item);
    if (summary.status === 'errored') {
      table.fail(key, `cold: ${summary.error}`);
      continue;
    }
    const adapter = adapterOf(item);
    const entry = entryOf(item.workload);
    if (!entry) continue;
    const coldVs = ratios.get(summary.key);
    const notes = adapter.notes?.(entry);
    table.complete(key, {
      build: adapter.buildInfo(entry),
      ...(notes && notes.length > 0 ? { notes } : {}),
      cold: summary.cold,
      ...(coldVs ? { coldVsNode: coldVs } : {}),
      resources: withArtifacts(summary.resources, measureArtifacts(adapter, entry)),
    });
  }
  sink.checkpoint();
}

/**
 * The `local` placement's cold mode: fresh processes per sample, all items
 * interleaved in seeded rounds (harness/cold), summarised into the rows the
 * warm mode started (default engine) or rows of their own (other engines).
 */
import { coldVsNode, findEngine, itemKey, planColdItems, runColdSamples, scheduleColdSamples, summariseCold, withArtifacts, type ColdInput, type ColdTargetItem } from '../cold/index.js';
import { measureArtifacts } from '../resources/artifacts.js';
import { findTarget, isDriverTarget } from '../targets/index.js';
import { selectedWorkloads, type RunContext } from './context.js';
import { COLD_GROUP } from './progress.js';
import { prepareReference } from './reference.js';
import type { RowKey } from './results.js';
import type { ColdSample, EngineConfig } from '../cold/types.js';
import type { NodeBuild } from '../node-builds/builds.js';
import { composeEngine, versionFields } from '../node-builds/select.js';
import type { FailureKind, TargetAdapter } from '../contract/index.js';

/** The engine every warm row runs with; cold rows of this engine merge into warm rows. */
const DEFAULT_ENGINE = 'default';

/** True for a sample whose process was ended by SIGINT or SIGTERM, which the cold runner never sends. */
function stoppedFromOutside(sample: ColdSample): boolean {
  return sample.state === 'errored' && (sample.signal === 'SIGINT' || sample.signal === 'SIGTERM');
}

/**
 * The engine configurations cold processes run under: every --engines
 * configuration on every Node build of the run, named as rows name them
 * (`default`/`eager` without the Node dimension, `node22`/`node22/eager`
 * with it), each with its build's binary; and the engines of majors this
 * machine cannot run, for their skipped rows.
 */
function coldEngines(context: RunContext): { engines: EngineConfig[]; buildOf: Map<string, NodeBuild>; skipped: Array<{ engine: string; reason: string }> } {
  const configs = context.options.engines.map((name) => {
    const config = findEngine(name);
    if (!config) throw new Error(`unknown engine configuration "${name}"`);
    return config;
  });
  const nodes = context.nodes;
  if (!nodes) return { engines: configs, buildOf: new Map(), skipped: [] };
  const buildOf = new Map<string, NodeBuild>();
  const engines = nodes.builds.flatMap((build) =>
    configs.map((config) => {
      const name = composeEngine(nodes.dimension, build.major, config.name) ?? DEFAULT_ENGINE;
      buildOf.set(name, build);
      return { ...config, name, nodePath: build.path };
    }),
  );
  const skipped = nodes.missing.flatMap((gap) => configs.map((config) => ({ engine: composeEngine(true, gap.major, config.name) as string, reason: gap.reason })));
  return { engines, buildOf, skipped };
}

/** Least time between two run.json rewrites while cold samples arrive, ms. */
const COLD_CHECKPOINT_MS = 1000;

/** Runs cold samples for the selected workloads × targets × cold sizes × engines. */
export async function runLocalCold(context: RunContext): Promise<void> {
  const { options, table, sink } = context;
  if (context.progress.isFinished(COLD_GROUP)) return;
  const workloads = selectedWorkloads(context);
  const rowKey = (item: Pick<ColdTargetItem, 'workload' | 'target' | 'size' | 'engine'>): RowKey => ({
    workload: item.workload,
    target: item.target,
    placement: 'local',
    size: item.size,
    ...(item.engine === DEFAULT_ENGINE ? {} : { engine: item.engine }),
  });
  const { engines, buildOf, skipped } = coldEngines(context);
  for (const gap of skipped) {
    for (const workload of options.workloads) for (const target of options.targets) for (const size of options.coldSizes) table.unsupported(rowKey({ workload, target, size, engine: gap.engine }), gap.reason);
  }
  const adapterOf = (item: ColdTargetItem): TargetAdapter => findTarget(item.target) as TargetAdapter;
  const entryOf = (name: string) => workloads.find((e) => e.definition.name === name);

  // The native reference has no cold start to compare (no Node, no Wasm compile): warm only.
  const coldTargets = options.targets.filter((t) => !isDriverTarget(t));
  const planned = planColdItems({ workloads: options.workloads, targets: coldTargets, sizes: options.coldSizes, engines: engines.map((e) => e.name) }, engines);
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

  // The cold runner keeps a failed preparation as text; its kind (a stale reference is a wrong output) is kept here.
  const referenceFailures = new Map<string, FailureKind>();
  const referenceKey = (item: ColdTargetItem): string => `${item.workload}|${item.size}`;
  const prepare = async (item: ColdTargetItem): Promise<ColdInput> => {
    const entry = entryOf(item.workload);
    if (!entry) throw new Error(`unknown workload ${item.workload}`);
    const reference = await prepareReference(entry, item.size, options.seed);
    if (reference.state === 'errored') {
      referenceFailures.set(referenceKey(item), reference.failure);
      throw new Error(reference.error);
    }
    return { workload: entry, input: reference.input, expectedOutputSha256: reference.expectedSha256 };
  };

  // A resumed run continues the same seeded schedule: samples already taken are kept and not taken again,
  // and an item stopped by a wrong output stays stopped.
  const previous = [...context.progress.coldSamples];
  const stoppedKeys = new Set(previous.filter((p) => p.state === 'errored' && (p.failure === 'mismatch' || p.failure === 'prepare')).map((p) => p.key));
  const skip = new Set(previous.map((p) => p.sequence));
  if (stoppedKeys.size > 0) {
    for (const scheduled of scheduleColdSamples(items, options.coldSamples, options.seed)) {
      if (stoppedKeys.has(itemKey(scheduled.item))) skip.add(scheduled.sequence);
    }
  }
  sink.progress({ phase: 'cold', kind: 'step', label: 'preparing inputs and expected outputs' });
  let lastCheckpoint = performance.now();
  const taken = await runColdSamples({
    items,
    samples: options.coldSamples,
    seed: options.seed,
    skip,
    prepare,
    calls: options.coldCalls + 1,
    callBudgetMs: options.coldCallBudgetMs,
    timeoutMs: options.coldTimeoutMs,
    engines,
    onSample: (sample, done, total) => {
      // A child ended by SIGINT/SIGTERM was stopped from outside (a terminal's Ctrl-C reaches the whole
      // foreground group; the runner itself only uses SIGKILL, on timeouts): not a measurement of the
      // target. It is left out, so a resumed run takes that sample again.
      if (stoppedFromOutside(sample)) {
        sink.note('cold: a sample whose process was stopped by SIGINT/SIGTERM from outside the harness was not counted');
        return;
      }
      sink.samples({ kind: 'cold', ...sample });
      // Kept in run.json until the rows are summarised. Rewriting run.json (which grows with every
      // sample: megabytes in a full run) after each one would cost more than the samples; at most once
      // a second bounds that, a SIGINT/SIGTERM handler writes all of them, and after a SIGKILL the
      // samples of the last second are still in samples.jsonl.
      context.progress.coldSamples.push(sample);
      if (performance.now() - lastCheckpoint >= COLD_CHECKPOINT_MS) {
        lastCheckpoint = performance.now();
        sink.checkpoint();
      }
      sink.progress({ phase: 'cold', kind: 'work', done, planned: total, label: sample.key });
    },
  });
  const samples = [...previous, ...taken.filter((sample) => !stoppedFromOutside(sample))].sort((a, b) => a.sequence - b.sequence);
  // Summarising takes seconds of its own (bootstrap intervals per row): a step of its own, not the last sample standing still.
  sink.progress({ phase: 'cold', kind: 'step', label: `summarising ${samples.length} samples (medians, bootstrap intervals)` });

  const ratios = coldVsNode(samples, { seed: options.seed });
  for (const summary of summariseCold(samples)) {
    const { item } = summary;
    if (item.kind === 'baseline') {
      // One per engine: a resumed cold mode summarises every sample again, so a baseline recorded before is replaced.
      const list = context.baselines.emptyProcess;
      const kept = list.filter((b) => b.engine !== item.engine);
      list.splice(0, list.length, ...kept,
        summary.state === 'completed' ? { engine: item.engine, state: 'completed', cold: summary.cold, resources: summary.resources } : { engine: item.engine, state: 'errored', error: summary.error });
      continue;
    }
    const key = rowKey(item);
    if (summary.state === 'errored') {
      const failure = summary.failure === 'wrong-output' ? summary.failure : (referenceFailures.get(referenceKey(item)) ?? summary.failure);
      table.fail(key, `cold: ${summary.error}`, failure);
      continue;
    }
    const adapter = adapterOf(item);
    const entry = entryOf(item.workload);
    if (!entry) continue;
    const coldVs = ratios.get(summary.key);
    const notes = adapter.notes?.(entry);
    const build = buildOf.get(item.engine);
    table.complete(key, {
      ...(build ? versionFields(build) : {}),
      build: adapter.buildInfo(entry),
      ...(notes && notes.length > 0 ? { notes } : {}),
      cold: summary.cold,
      ...(coldVs ? { coldVsNode: coldVs } : {}),
      resources: withArtifacts(summary.resources, measureArtifacts(adapter, entry)),
    });
  }
  context.progress.finish(COLD_GROUP);
  sink.checkpoint();
  sink.progress({ phase: 'cold', kind: 'end', label: `${samples.length} samples` });
}

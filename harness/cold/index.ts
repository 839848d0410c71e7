/**
 * Cold starts in fresh processes: the public surface for the CLI.
 *
 *   const items = planColdItems({ workloads, targets, sizes, engines });
 *   const samples = await runColdSamples({ items, samples: 30, seed, prepare, onSample });  // prepare: see harness/run/local-cold.ts (prepareReference)
 *   const summaries = summariseCold(samples);      // pure: rerun on samples.jsonl any time
 *   const ratios = coldVsNode(samples, { seed });  // time to first result vs node, bootstrap CI
 *   // per completed target summary: { cold: s.cold, resources: withArtifacts(s.resources, measureArtifacts(adapter, entry)) }
 */
import { ENGINE_CONFIGS } from './engines.js';
import type { ArtifactBytes, ResourceStats, SizeName, TargetName } from '../contract/index.js';
import type { ColdResourceFigures } from './summary.js';
import type { ColdItem, EngineConfig } from './types.js';

export { DEFAULT_ENGINE, ENGINE_CONFIGS, findEngine } from './engines.js';
export { COLD_CHILD_SCRIPT, DEFAULT_REMOVED_ENV, runColdSamples, type ColdInput, type ColdRunOptions } from './rounds.js';
export { nodeSpawner, takeColdSample, type Clock, type Spawner } from './sample.js';
export { itemKey, scheduleColdSamples } from './schedule.js';
export { coldVsNode, phaseStats, summariseCold, summariseItem, warmupCurve, type ColdItemSummary, type ColdResourceFigures } from './summary.js';
export type * from './types.js';

/** What to measure cold. */
export interface ColdPlan {
  readonly workloads: readonly string[];
  readonly targets: readonly TargetName[];
  readonly sizes: readonly SizeName[];
  /** Engine configuration names (default: ["default"]). */
  readonly engines?: readonly string[];
  /** Add the empty baseline process for each engine (default true). */
  readonly baseline?: boolean;
}

/**
 * Expands a plan into items: one per workload × target × size × engine, plus
 * one empty baseline per engine. Every engine keeps its node rows: the flags
 * change process start for every target (see engines.ts), so a Wasm row is
 * only compared with node under the same flags.
 */
export function planColdItems(plan: ColdPlan, engines: readonly EngineConfig[] = ENGINE_CONFIGS): ColdItem[] {
  const items: ColdItem[] = [];
  for (const name of plan.engines ?? ['default']) {
    const engine = engines.find((candidate) => candidate.name === name);
    if (!engine) throw new Error(`unknown engine configuration "${name}" (known: ${engines.map((e) => e.name).join(', ')})`);
    if (plan.baseline ?? true) items.push({ kind: 'baseline', engine: name });
    for (const workload of plan.workloads) {
      for (const target of plan.targets) {
        for (const size of plan.sizes) items.push({ kind: 'target', workload, target, size, engine: name });
      }
    }
  }
  return items;
}

/** Completes cold resource figures with the artifact sizes into the results contract's ResourceStats. */
export function withArtifacts(figures: ColdResourceFigures, artifactBytes: ArtifactBytes): ResourceStats & ColdResourceFigures {
  return { ...figures, artifactBytes };
}

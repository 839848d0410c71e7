/**
 * Builds every target's artifacts of every workload, from the registry: each
 * target's descriptor says how (`TargetBuild`), this module says when. Targets
 * are built in waves: a target whose build reads another's artifacts
 * (`after`) waits for that one; the targets of one wave build side by side
 * (the componentize children run while AssemblyScript wrapping runs here).
 * Within a target, workloads build one after another unless it declares a
 * bound (`parallel`).
 */
import { freemem } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as steps from './steps.js';
import * as componentSteps from './component-steps.js';
import { buildComponent } from './components.js';
import { BUILD_DIR, ROOT, workloadArtifacts } from '../paths.js';
import { TARGETS } from '../targets/index.js';
import { discoverWorkloadSources } from '../workloads/discover.js';
import type { TargetDescriptor } from '../targets/descriptor.js';
import type { BuildReport, BuildTools, BuildWorkload, TargetBuild } from './target-build.js';
import type { WorkloadDefinition } from '../contract/index.js';

/** The real tools, as every target's build receives them. */
export const BUILD_TOOLS: BuildTools = { buildDir: BUILD_DIR, steps, componentSteps, buildComponent };

/** Which targets and workloads to build (default: all of both). */
export interface BuildSelection {
  readonly targets?: readonly string[];
  readonly workloads?: readonly string[];
}

/**
 * The targets in build order, grouped in waves: each target after the ones
 * its build reads. An `after` naming a target outside `targets` is taken as
 * built already (a selection); a cycle is an error.
 */
export function buildWaves(targets: readonly Pick<TargetDescriptor, 'name' | 'build'>[]): Array<Array<Pick<TargetDescriptor, 'name' | 'build'>>> {
  const names = new Set(targets.map((t) => t.name));
  const done = new Set<string>();
  const waves: Array<Array<Pick<TargetDescriptor, 'name' | 'build'>>> = [];
  let left = [...targets];
  while (left.length > 0) {
    const ready = left.filter((t) => (t.build.after ?? []).every((name) => done.has(name) || !names.has(name)));
    if (ready.length === 0) throw new Error(`target builds wait on each other: ${left.map((t) => `${t.name} after ${(t.build.after ?? []).join(', ')}`).join('; ')}`);
    waves.push(ready);
    for (const t of ready) done.add(t.name);
    left = left.filter((t) => !ready.includes(t));
  }
  return waves;
}

/** Each workload's sources, its definition (imported from workload.ts) and its artifact paths; `only` limits them. */
export async function buildWorkloads(only?: readonly string[]): Promise<BuildWorkload[]> {
  const out: BuildWorkload[] = [];
  for (const source of discoverWorkloadSources(ROOT)) {
    if (only && !only.includes(source.name)) continue;
    const definition = ((await import(pathToFileURL(source.definition).href)) as { default: WorkloadDefinition }).default;
    if (definition.name !== source.name) throw new Error(`workloads/${source.name}: manifest name is "${definition.name}"`);
    out.push({ source, definition, artifacts: workloadArtifacts(source.name) });
  }
  return out;
}

/**
 * Builds the selected targets' artifacts of the given workloads; `report`
 * hears of every step as it ends. Failed steps are reported, never thrown.
 */
export async function buildTargets(
  workloads: readonly BuildWorkload[],
  report: (step: BuildReport) => void,
  selection: BuildSelection = {},
  tools: BuildTools = BUILD_TOOLS,
): Promise<BuildReport[]> {
  const chosen = TARGETS.filter((t) => !selection.targets || selection.targets.includes(t.name));
  const chosenWorkloads = workloads.filter((w) => !selection.workloads || selection.workloads.includes(w.source.name));
  const all: BuildReport[] = [];
  for (const wave of buildWaves(chosen)) {
    await Promise.all(
      wave.map(async (target) => {
        const jobs = chosenWorkloads.map((w) => async () => {
          const steps = await target.build.workload(tools, w);
          for (const step of steps) report(step);
          all.push(...steps);
        });
        await runJobs(jobs, target.build.parallel);
      }),
    );
  }
  return all;
}

/**
 * Runs jobs one after another, or with at most `bound.max` at once where a
 * job starts next to running ones only when free memory (read when it would
 * start) covers `bound.memoryBytes`. Fresh jobs return at once, so this only
 * throttles real builds.
 */
async function runJobs(jobs: ReadonlyArray<() => Promise<void>>, bound: TargetBuild['parallel']): Promise<void> {
  if (!bound) {
    for (const job of jobs) await job();
    return;
  }
  const running = new Set<Promise<void>>();
  let next = 0;
  while (next < jobs.length || running.size > 0) {
    const mayStart = running.size === 0 || (running.size < bound.max && freemem() >= bound.memoryBytes);
    if (next < jobs.length && mayStart) {
      const task: Promise<void> = jobs[next++]!().then(() => {
        running.delete(task);
      });
      running.add(task);
      // Let a fresh job settle before deciding on the next one.
      await Promise.race([task, new Promise((r) => setTimeout(r, 0))]);
      continue;
    }
    await Promise.race(running);
  }
}

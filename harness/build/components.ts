/**
 * Builds both component targets for every workload that does not declare
 * them unsupported, after the workload loop of harness/build/main.ts:
 *
 *  - `component`:    build/workloads/<name>/node.mjs -> jco componentize -> jco transpile
 *  - `as-component`: generated entry -> asc -> jco embed + jco new -> jco transpile
 *
 * Each is skipped when the content hash of its inputs (sources, world, tool
 * versions, flags) matches its stamp (harness/build/cache.ts), so a second
 * `npm run build` rebuilds no component. StarlingMonkey builds take ~10 s and
 * ~800 MB each: they run in child processes, at most two at a time and only
 * while free memory allows another. A failed component does not stop the
 * build: its error is written next to it, and loading it reports that error
 * (so a run records an errored row instead of crashing).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashInputs, isFresh, writeStamp } from './cache.js';
import {
  COMPONENTIZE_FLAGS,
  EMBED_FLAGS,
  TRANSPILE_FLAGS,
  asComponentAscFlags,
  componentToolVersions,
  componentizeJs,
  describeFile,
  probeGlue,
  transpileComponent,
  wrapAssemblyScript,
  ascEntryText,
  type StepCost,
} from './component-steps.js';
import type { StepOutcome } from './steps.js';
import { BUILD_DIR, ROOT, workloadArtifacts } from '../paths.js';
import { discoverWorkloadSources, type WorkloadSources } from '../workloads/discover.js';
import type { ComponentBuildInfo } from '../../wasm/component-info.js';
import { componentPaths, type ComponentKind, type ComponentPaths } from '../../wasm/component-paths.js';
import { workloadWorld, type WorkloadWorld } from '../../wasm/component-wit.js';
import type { WorkloadDefinition } from '../types.js';

/** At most this many componentize jobs at once (each ~800 MB RSS, one core). */
export const MAX_PARALLEL_COMPONENTIZE = 2;

/** Free memory a componentize job needs before it may start next to another (peak ~790 MB seen, plus margin). */
export const COMPONENTIZE_MEMORY_BYTES = 1024 * 1024 * 1024;

/** Bump when the build record's shape or the build recipe changes, to rebuild every component. */
const RECIPE_VERSION = 1;

/** Seed of the probe call's input (the committed vectors' seed; any seed would do). */
const PROBE_SEED = 1;

/** Outcome of one component. */
export interface ComponentOutcome {
  readonly workload: string;
  readonly kind: ComponentKind;
  readonly outcome: StepOutcome | 'failed' | 'unsupported';
  /** Why it failed, or why the workload declares the target unsupported. */
  readonly reason?: string;
}

/** What `buildComponents` did. */
export interface ComponentBuildSummary {
  readonly built: number;
  readonly fresh: number;
  readonly failed: number;
  readonly outcomes: readonly ComponentOutcome[];
}

/**
 * Builds every workload's components (call after the workload loop: it needs
 * each workload's built definition and node bundle). `record` receives the
 * same outcomes as every other build step; `only` limits the build to some workloads.
 */
export async function buildComponents(
  record: (what: string, outcome: StepOutcome) => void = () => {},
  options: { readonly only?: readonly string[] } = {},
): Promise<ComponentBuildSummary> {
  const tools = componentToolVersions();
  const asJobs: Array<() => Promise<ComponentOutcome>> = [];
  const jsJobs: Array<() => Promise<ComponentOutcome>> = [];
  const outcomes: ComponentOutcome[] = [];
  for (const source of discoverWorkloadSources(ROOT)) {
    if (options.only && !options.only.includes(source.name)) continue;
    const definition = await importDefinition(source.name);
    if (!definition) {
      for (const kind of ['as-component', 'component'] as const) outcomes.push({ workload: source.name, kind, outcome: 'failed', reason: 'the workload itself is not built (no workload.mjs)' });
      continue;
    }
    const world = workloadWorld(definition, source.dir);
    for (const kind of ['as-component', 'component'] as const) {
      const unsupported = definition.unsupportedTargets?.[kind];
      if (unsupported !== undefined) {
        outcomes.push({ workload: source.name, kind, outcome: 'unsupported', reason: unsupported });
        continue;
      }
      const job = (): Promise<ComponentOutcome> => buildOne(kind, source, definition, world, tools);
      (kind === 'component' ? jsJobs : asJobs).push(job);
    }
  }
  // AssemblyScript wrapping is light and runs in this process, alongside the componentize children.
  const [asOutcomes, jsOutcomes] = await Promise.all([runSequentially(asJobs), runBoundedByMemory(jsJobs)]);
  outcomes.push(...asOutcomes, ...jsOutcomes);
  for (const o of outcomes) {
    if (o.outcome === 'built' || o.outcome === 'fresh') record(`${o.workload}/${o.kind}`, o.outcome);
    if (o.outcome === 'failed') process.stderr.write(`[build] ${o.workload}/${o.kind} FAILED: ${o.reason}\n`);
  }
  const count = (what: ComponentOutcome['outcome']): number => outcomes.filter((o) => o.outcome === what).length;
  return { built: count('built'), fresh: count('fresh'), failed: count('failed'), outcomes };
}

async function buildOne(
  kind: ComponentKind,
  source: WorkloadSources,
  definition: WorkloadDefinition,
  world: WorkloadWorld,
  tools: Record<string, string>,
): Promise<ComponentOutcome> {
  const paths = componentPaths(source.name, kind);
  const key = `${kind}-${source.name}`;
  const inputs = kind === 'component' ? [workloadArtifacts(source.name).node] : [...listTs(join(source.dir, 'assembly')), ...listTs(join(ROOT, 'wasm', 'assembly'))];
  if (world.source !== 'derived') inputs.push(world.source);
  // The generated AssemblyScript entry is derived text: it enters the hash through the settings.
  const entryText = kind === 'as-component' ? ascEntryText(paths, source.assembly) : '';
  const flags: Record<string, readonly string[]> = kind === 'component' ? { componentize: COMPONENTIZE_FLAGS, transpile: TRANSPILE_FLAGS } : { asc: asComponentAscFlags(definition), embed: EMBED_FLAGS, transpile: TRANSPILE_FLAGS };
  const settings = JSON.stringify({ RECIPE_VERSION, kind, world: world.text, entryText, flags, tools });
  if (isFresh(BUILD_DIR, key, settings, [paths.info, paths.glue, paths.component])) return { workload: source.name, kind, outcome: 'fresh' };
  const errorFile = paths.error;
  rmSync(paths.info, { force: true });
  try {
    writeInto(paths, paths.wit, world.text);
    const steps: Record<string, StepCost> = {};
    if (kind === 'component') {
      steps['componentize'] = await componentizeJs(workloadArtifacts(source.name).node, paths);
    } else {
      writeInto(paths, paths.ascEntry, entryText);
      Object.assign(steps, await wrapAssemblyScript(definition, paths, world.text));
    }
    const transpiled = await transpileComponent(paths);
    steps['transpile'] = transpiled.cost;
    const component = describeFile(paths.component);
    const glueProbe = await probeGlue(paths, definition.generateInput('small', PROBE_SEED), transpiled.glue.sha256);
    const heaviest = Object.entries(steps).find(([, cost]) => cost.peakRssBytes !== undefined);
    const info: ComponentBuildInfo = {
      kind,
      engine:
        kind === 'component'
          ? `StarlingMonkey (SpiderMonkey, interpreted; componentize-js ${tools['componentize-js']})`
          : `AssemblyScript ${tools['assemblyscript']} core module, ${definition.asc.runtime} runtime, canonical ABI in wasm/assembly/component-abi.ts`,
      tools,
      world: { source: world.source === 'derived' ? 'derived' : relative(ROOT, world.source), sha256: describeFile(paths.wit).sha256 },
      flags,
      component,
      transpiled: { glue: transpiled.glue, coreModules: transpiled.coreModules },
      buildCost: {
        stepsMs: Object.fromEntries(Object.entries(steps).map(([step, cost]) => [step, Math.round(cost.ms)])),
        ...(heaviest ? { peakRssBytes: heaviest[1].peakRssBytes, peakRssOf: `${heaviest[0]} (process tree, GNU time)` } : {}),
      },
      glueProbe,
    };
    writeFileSync(paths.info, `${JSON.stringify(info, null, 2)}\n`);
    rmSync(errorFile, { force: true });
    writeStamp(BUILD_DIR, key, { hash: hashInputs(inputs, settings), inputs });
    return { workload: source.name, kind, outcome: 'built' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    writeInto(paths, errorFile, `${reason}\n`);
    return { workload: source.name, kind, outcome: 'failed', reason };
  }
}

async function importDefinition(name: string): Promise<WorkloadDefinition | undefined> {
  const path = workloadArtifacts(name).definition;
  if (!existsSync(path)) return undefined;
  // The mtime query keeps a rebuilt definition from being served from this process's module cache.
  const url = `${pathToFileURL(path).href}?mtime=${statSync(path).mtimeMs}`;
  return ((await import(url)) as { default: WorkloadDefinition }).default;
}

async function runSequentially<T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = [];
  for (const job of jobs) results.push(await job());
  return results;
}

/**
 * Runs jobs with at most MAX_PARALLEL_COMPONENTIZE at once; a job starts next
 * to running ones only when free memory (read when it would start) covers it.
 * Fresh jobs return at once, so this only throttles real builds.
 */
async function runBoundedByMemory<T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  const running = new Set<Promise<void>>();
  let next = 0;
  while (next < jobs.length || running.size > 0) {
    const mayStart = running.size === 0 || (running.size < MAX_PARALLEL_COMPONENTIZE && freemem() >= COMPONENTIZE_MEMORY_BYTES);
    if (next < jobs.length && mayStart) {
      const index = next++;
      const task: Promise<void> = jobs[index]!().then((result) => {
        results[index] = result;
        running.delete(task);
      });
      running.add(task);
      // Let a fresh job settle before deciding on the next one.
      await Promise.race([task, new Promise((r) => setTimeout(r, 0))]);
      continue;
    }
    await Promise.race(running);
  }
  return results;
}

function writeInto(paths: ComponentPaths, file: string, text: string): void {
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(file, text);
}

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTs(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

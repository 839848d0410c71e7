/**
 * Builds one workload's component by a target's recipe: the recipe (in the
 * target's folder, e.g. harness/targets/component/build.ts) says which
 * inputs count, which flags, and how the component binary is made; this
 * engine does what every component target shares: the WIT world, the content
 * hash cache (harness/build/cache.ts: a second `npm run build` rebuilds no
 * component), `jco transpile`, the probe call, and the build record. A failed
 * component does not stop the build: its error is written next to it, and
 * loading it reports that error (so a run records an errored row instead of
 * crashing).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { hashInputs, isFresh, writeStamp } from './cache.js';
import { componentToolVersions, describeFile, probeGlue, transpileComponent, type StepCost } from './component-steps.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import type { BuildReport, BuildWorkload } from './target-build.js';
import type { ComponentBuildInfo } from '../../wasm/component-info.js';
import { componentPaths, type ComponentPaths } from '../../wasm/component-paths.js';
import { workloadWorld } from '../../wasm/component-wit.js';

/** Bump when the build record's shape or the build recipe changes, to rebuild every component. */
const RECIPE_VERSION = 1;

/** Seed of the probe call's input (the committed vectors' seed; any seed would do). */
const PROBE_SEED = 1;

/** How one component target makes its component; the rest is shared (buildComponent). */
export interface ComponentRecipe {
  /** The target's name: its build folder (`build/workloads/<name>/<kind>/`) and the record's `kind`. */
  readonly kind: string;
  /** Files whose contents decide a rebuild, besides the world, the generated text, the flags and the tool versions. */
  inputs(workload: BuildWorkload): string[];
  /** Source generated for this build (it enters the hash through the settings); empty when none. */
  generated(paths: ComponentPaths, workload: BuildWorkload): string;
  /** Tool flags, recorded with the component and hashed. */
  flags(workload: BuildWorkload): Record<string, readonly string[]>;
  /** Writes `paths.component` (and the generated source, where its tools read it); returns each step's cost. */
  make(workload: BuildWorkload, paths: ComponentPaths, witText: string, generated: string): Promise<Record<string, StepCost>>;
  /** The record's `engine` line: what runs the workload's code inside the component. */
  engine(tools: Readonly<Record<string, string>>, workload: BuildWorkload): string;
}

let toolVersions: Record<string, string> | undefined;

/** Builds (or confirms fresh) one workload's component by `recipe`. */
export async function buildComponent(recipe: ComponentRecipe, workload: BuildWorkload): Promise<BuildReport> {
  const { source, definition } = workload;
  const kind = recipe.kind;
  const what = `${source.name}/${kind}`;
  const tools = (toolVersions ??= componentToolVersions());
  const world = workloadWorld(definition, source.dir);
  const paths = componentPaths(source.name, kind);
  const key = `${kind}-${source.name}`;
  const inputs = recipe.inputs(workload);
  if (world.source !== 'derived') inputs.push(world.source);
  // Generated source is derived text: it enters the hash through the settings.
  const entryText = recipe.generated(paths, workload);
  const flags = recipe.flags(workload);
  const settings = JSON.stringify({ RECIPE_VERSION, kind, world: world.text, entryText, flags, tools });
  if (isFresh(BUILD_DIR, key, settings, [paths.info, paths.glue, paths.component])) return { what, outcome: 'fresh' };
  const errorFile = paths.error;
  rmSync(paths.info, { force: true });
  try {
    writeInto(paths, paths.wit, world.text);
    const steps: Record<string, StepCost> = { ...(await recipe.make(workload, paths, world.text, entryText)) };
    const transpiled = await transpileComponent(paths);
    steps['transpile'] = transpiled.cost;
    const component = describeFile(paths.component);
    const glueProbe = await probeGlue(paths, definition.generateInput('small', PROBE_SEED), transpiled.glue.sha256);
    const heaviest = Object.entries(steps).find(([, cost]) => cost.peakRssBytes !== undefined);
    const info: ComponentBuildInfo = {
      kind,
      engine: recipe.engine(tools, workload),
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
    return { what, outcome: 'built' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    writeInto(paths, errorFile, `${reason}\n`);
    return { what, outcome: 'failed', reason };
  }
}

function writeInto(paths: ComponentPaths, file: string, text: string): void {
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(file, text);
}

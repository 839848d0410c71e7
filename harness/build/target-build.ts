/**
 * The seam between `npm run build` (harness/tools/build-all.ts) and the targets:
 * each target's descriptor carries a `TargetBuild`, and the build runs it for
 * every workload with the tools injected. Types only: a target folder is
 * loaded by cold-start and warm children, so it must not import esbuild,
 * asc or jco itself; it reaches them through `BuildTools`.
 */
import type * as steps from './steps.js';
import type * as componentSteps from './component-steps.js';
import type { ComponentRecipe } from './components.js';
import type { WorkloadSources } from '../workloads/discover.js';
import type { WorkloadArtifactPaths, WorkloadDefinition } from '../contract/index.js';

/** One workload as a target's build sees it: its sources, its built definition, its artifact paths. */
export interface BuildWorkload {
  readonly source: WorkloadSources;
  readonly definition: WorkloadDefinition;
  readonly artifacts: Required<WorkloadArtifactPaths>;
}

/**
 * What one step did. A failed step does not stop the build: it is reported,
 * and loading the target for that workload reports the error, so a run
 * records an errored row instead of crashing.
 */
export type BuildReport =
  | { readonly what: string; readonly outcome: steps.StepOutcome }
  | { readonly what: string; readonly outcome: 'failed'; readonly reason: string }
  /** Nothing to build, and why: an optional toolchain is missing, or the workload has no source in the target's language. */
  | { readonly what: string; readonly outcome: 'skipped'; readonly reason: string };

/** The build tools, handed to a target's build by harness/tools/build-all.ts. */
export interface BuildTools {
  /** Where stamps live (the build directory). */
  readonly buildDir: string;
  /** esbuild bundles and asc compiles, each cached by content hash. */
  readonly steps: Pick<typeof steps, 'bundle' | 'compileAssemblyScript' | 'ascFlags'>;
  /** The steps that make a component (componentize, AssemblyScript wrapping) and their flags. */
  readonly componentSteps: typeof componentSteps;
  /** Builds one workload's component by a target's recipe (cached; transpiled, probed, recorded). */
  buildComponent(recipe: ComponentRecipe, workload: BuildWorkload): Promise<BuildReport>;
}

/** How a target's artifacts are built. */
export interface TargetBuild {
  /** Targets whose artifacts this build reads (the component target reads node's bundle): they are built first. */
  readonly after?: readonly string[];
  /**
   * Workloads are built one after another, unless the steps may run side by
   * side: then at most `max` at once, and a step starts next to running ones
   * only while free memory covers `memoryBytes` more.
   */
  readonly parallel?: { readonly max: number; readonly memoryBytes: number };
  /** Builds (or confirms fresh) this target's artifacts of one workload. */
  workload(tools: BuildTools, workload: BuildWorkload): Promise<readonly BuildReport[]>;
}

/**
 * Build of the `component` target: the workload's esbuild bundle (node's
 * artifact, so node builds first) -> `jco componentize` (StarlingMonkey, in a
 * child process of ~800 MB) -> `jco transpile` (shared: build/components.ts).
 * StarlingMonkey builds take ~10 s and ~800 MB each: at most two at a time,
 * and only while free memory allows another.
 */
import type { ComponentRecipe } from '../../build/components.js';
import type { BuildTools, TargetBuild } from '../../build/target-build.js';

/** Free memory a componentize job needs before it may start next to another (peak ~790 MB seen, plus margin). */
export const COMPONENTIZE_MEMORY_BYTES = 1024 * 1024 * 1024;

function recipe(tools: BuildTools): ComponentRecipe {
  const steps = tools.componentSteps;
  return {
    kind: 'component',
    inputs: ({ artifacts }) => [artifacts.node],
    generated: () => '',
    flags: () => ({ componentize: steps.COMPONENTIZE_FLAGS, transpile: steps.TRANSPILE_FLAGS }),
    make: async ({ artifacts }, paths) => ({ componentize: await steps.componentizeJs(artifacts.node, paths) }),
    engine: (versions) => `StarlingMonkey (SpiderMonkey, interpreted; componentize-js ${versions['componentize-js']})`,
  };
}

/** Componentizes each workload that does not declare the target unsupported. */
export const componentBuild: TargetBuild = {
  after: ['node'],
  parallel: { max: 2, memoryBytes: COMPONENTIZE_MEMORY_BYTES },
  async workload(tools, workload) {
    if (workload.definition.unsupportedTargets?.['component'] !== undefined) return [];
    return [await tools.buildComponent(recipe(tools), workload)];
  },
};

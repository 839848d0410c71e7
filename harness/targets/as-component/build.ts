/**
 * Build of the `as-component` target: a generated AssemblyScript entry (the
 * workload's core `run` lifted to the canonical ABI of
 * wasm/assembly/component-abi.ts) -> asc -> `jco embed` + `jco new` ->
 * `jco transpile` (shared: build/components.ts). Light: runs in the build
 * process, beside the componentize children.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { typeScriptFiles } from '../../build/cache.js';
import { ROOT } from '../../paths.js';
import type { ComponentRecipe } from '../../build/components.js';
import type { BuildTools, TargetBuild } from '../../build/target-build.js';

function recipe(tools: BuildTools): ComponentRecipe {
  const steps = tools.componentSteps;
  return {
    kind: 'as-component',
    inputs: ({ source }) => [...typeScriptFiles(join(source.dir, 'assembly')), ...typeScriptFiles(join(ROOT, 'wasm', 'assembly'))],
    generated: (paths, { source }) => steps.ascEntryText(paths, source.assembly),
    flags: ({ definition }) => ({ asc: steps.asComponentAscFlags(definition), embed: steps.EMBED_FLAGS, transpile: steps.TRANSPILE_FLAGS }),
    make: async ({ definition }, paths, witText, entryText) => {
      mkdirSync(paths.dir, { recursive: true });
      writeFileSync(paths.ascEntry, entryText);
      return steps.wrapAssemblyScript(definition, paths, witText);
    },
    engine: (versions, { definition }) =>
      `AssemblyScript ${versions['assemblyscript']} core module, ${definition.asc.runtime} runtime, canonical ABI in wasm/assembly/component-abi.ts`,
  };
}

/** Wraps each workload's AssemblyScript module as a component, unless the workload declares the target unsupported. */
export const asComponentBuild: TargetBuild = {
  async workload(tools, workload) {
    if (workload.definition.unsupportedTargets?.['as-component'] !== undefined) return [];
    return [await tools.buildComponent(recipe(tools), workload)];
  },
};

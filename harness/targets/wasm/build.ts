/** Build of the `wasm` target: the workload's AssemblyScript entry compiled by asc to a core module, with its build record. */
import type { TargetBuild } from '../../build/target-build.js';

/** Compiles each workload's `assembly/index.ts` to `build/workloads/<name>/module.wasm` (flags: the manifest's, see steps.ascFlags). */
export const wasmBuild: TargetBuild = {
  async workload(tools, { source, definition, artifacts }) {
    const outcome = await tools.steps.compileAssemblyScript(tools.buildDir, `wl-${source.name}-asc`, source.assembly, artifacts.wasm, artifacts.wasmInfo, definition);
    return [{ what: `${source.name}/module.wasm`, outcome }];
  },
};

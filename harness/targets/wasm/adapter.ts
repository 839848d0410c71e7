/** The `wasm` target: the workload's AssemblyScript implementation as a core module in V8. */
import { existsSync, readFileSync } from 'node:fs';
import { bindWorkload, compileModule, instantiateModule, readModuleBytes } from '../../../wasm/loader.js';
import type { BuildInfo, TargetAdapter } from '../../contract/index.js';

/** Loads `module.wasm` in named phases: read, compile, instantiate (then binds the ABI). */
export const wasmTarget: TargetAdapter = {
  name: 'wasm',
  description: 'AssemblyScript implementation compiled to a core Wasm module (-O3), run by V8; bytes copied through linear memory',
  unsupportedReason: () => undefined,
  artifacts: (workload) => [{ role: 'core module', path: workload.artifacts.wasm }],
  buildInfo: (workload) =>
    existsSync(workload.artifacts.wasmInfo) ? (JSON.parse(readFileSync(workload.artifacts.wasmInfo, 'utf8')) as BuildInfo) : {},
  async load(workload, phase) {
    const bytes = await phase('read', () => readModuleBytes(workload.artifacts.wasm));
    const module = await phase('compile', () => compileModule(bytes));
    const instance = await phase('instantiate', () => instantiateModule(module));
    const bound = bindWorkload(instance, workload.definition.payload);
    return { call: bound.call, memoryBytes: bound.memoryBytes };
  },
};

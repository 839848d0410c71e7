/**
 * The `as-component` target: the workload's AssemblyScript module wrapped as
 * a Wasm component (canonical ABI in wasm/assembly/component-abi.ts, then
 * `jco embed` + `jco new`), transpiled with `jco transpile`, run in Node.
 * Same guest code as `wasm`: the difference is what the component model's
 * generated glue costs.
 */
import { componentArtifacts, componentBuildInfo, declaredUnsupported, glueNotes, loadComponent } from '../shared/component-adapter.js';
import type { TargetAdapter } from '../../contract/index.js';

/** Notes true of every `as-component` result, whatever the workload. */
export const asComponentNotes: readonly string[] = [
  'same AssemblyScript code as the wasm target; the difference is jco\'s glue: per-call task bookkeeping, ' +
    'input lowered through cabi_realloc, output lifted with a copy, post-return call',
];

/** Loads the transpiled AssemblyScript component in named phases: import-glue, read, compile, instantiate. */
export const asComponentTarget: TargetAdapter = {
  name: 'as-component',
  description: 'AssemblyScript implementation wrapped as a Wasm component (canonical ABI in AS, jco embed + new), jco transpile glue in V8',
  unsupportedReason: (workload) => declaredUnsupported('as-component', workload),
  artifacts: (workload) => componentArtifacts('as-component', workload),
  buildInfo: (workload) => componentBuildInfo('as-component', workload),
  load: (workload, phase) => loadComponent('as-component', workload, phase),
  notes: (workload) => [...asComponentNotes, ...glueNotes('as-component', workload)],
};

/**
 * The `component` target: the workload's TypeScript implementation, compiled
 * unchanged (its esbuild bundle) to a Wasm component with `jco componentize`
 * (StarlingMonkey, `--disable all`), transpiled with `jco transpile`, run in Node.
 */
import { componentArtifacts, componentBuildInfo, declaredUnsupported, glueNotes, loadComponent } from '../shared/component-adapter.js';
import type { TargetAdapter } from '../../contract/index.js';

/** Notes true of every `component` result, whatever the workload. */
export const componentNotes: readonly string[] = [
  "the workload's JS runs inside the component on StarlingMonkey's interpreter (SpiderMonkey without JIT): " +
    'ahead-of-time compilation (--aot, weval) downloads a binary at first use and cannot be built offline, so it is not measured',
];

/** Loads the transpiled StarlingMonkey component in named phases: import-glue, read, compile, instantiate. */
export const componentTarget: TargetAdapter = {
  name: 'component',
  description: 'TypeScript implementation compiled unchanged to a Wasm component (jco componentize, StarlingMonkey), jco transpile glue in V8',
  unsupportedReason: (workload) => declaredUnsupported('component', workload),
  artifacts: (workload) => componentArtifacts('component', workload),
  buildInfo: (workload) => componentBuildInfo('component', workload),
  load: (workload, phase) => loadComponent('component', workload, phase),
  notes: (workload) => [...componentNotes, ...glueNotes('component', workload)],
  defaultSizes: {
    sizes: ['small'],
    why: 'StarlingMonkey interprets the JS: one call takes about 1-2 s at medium and 5-80 s at large, beyond a default run\'s budget; pass --sizes to measure them',
  },
};

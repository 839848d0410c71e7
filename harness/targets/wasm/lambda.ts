/** Lambda handler of the `wasm` target: the core module read, compiled and instantiated at INIT (top-level await), called per event. */
import { fromRoot } from '../../paths.js';
import { HANDLER_MODULE, lit, type HandlerTemplate } from '../shared/handler-template.js';

const LOADER_MODULE = fromRoot('wasm', 'loader.ts');

/** wasm: `module.wasm` packaged next to the handler, loaded at INIT. */
export const wasmLambda: HandlerTemplate = {
  description: 'the AssemblyScript core module, compiled and instantiated at INIT, bytes copied through linear memory',
  entrySource: (w) =>
    [
      `import { fileURLToPath } from 'node:url';`,
      `import { loadWorkloadModule } from ${lit(LOADER_MODULE)};`,
      `import { createHandler } from ${lit(HANDLER_MODULE)};`,
      `const bound = await loadWorkloadModule(fileURLToPath(new URL('./module.wasm', import.meta.url)), ${lit(w.payload)});`,
      `export const handler = createHandler(bound.call, ${lit(w.payload)});`,
    ].join('\n'),
  extraFiles: (w) => [{ name: 'module.wasm', path: w.artifacts.wasm }],
};

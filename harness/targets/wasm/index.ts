/** The `wasm` target (AssemblyScript core module): its adapter, build, Lambda handler and display, in one descriptor. */
import { wasmTarget } from './adapter.js';
import { wasmBuild } from './build.js';
import { wasmLambda } from './lambda.js';
import type { TargetDescriptor } from '../descriptor.js';

/** The `wasm` target. */
export const wasm: TargetDescriptor = {
  name: 'wasm',
  role: 'alternative',
  adapter: wasmTarget,
  build: wasmBuild,
  lambda: wasmLambda,
  display: {
    label: 'wasm',
    order: 2,
    colour: '#f28e2b',
    option: 'a second implementation in AssemblyScript compiled to a core WebAssembly module, loaded and called from a Node.js handler',
    upkeep: 'Bad, because it is a second implementation (AssemblyScript) to keep equal to the TypeScript one, with its own compiler and build.',
  },
};

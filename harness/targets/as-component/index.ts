/** The `as-component` target (the AssemblyScript module wrapped as a component): its adapter, build, Lambda handler and display, in one descriptor. */
import { asComponentTarget } from './adapter.js';
import { asComponentBuild } from './build.js';
import { componentLambda } from '../shared/component-lambda.js';
import type { TargetDescriptor } from '../descriptor.js';

/** The `as-component` target. */
export const asComponent: TargetDescriptor = {
  name: 'as-component',
  role: 'alternative',
  adapter: asComponentTarget,
  build: asComponentBuild,
  lambda: componentLambda('as-component', 'the AssemblyScript module wrapped as a component, transpiled glue + core module loaded at INIT'),
  display: {
    label: 'as-component',
    order: 4,
    colour: '#9c755f',
    option: 'the AssemblyScript module wrapped as a Wasm component (canonical ABI), transpiled and run in Node.js',
    upkeep: 'Bad, because it needs both the AssemblyScript implementation and the component toolchain.',
  },
};

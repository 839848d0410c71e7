/** The `component` target (the TypeScript componentized on StarlingMonkey): its adapter, build, Lambda handler and display, in one descriptor. */
import { componentTarget } from './adapter.js';
import { componentBuild } from './build.js';
import { componentLambda } from '../shared/component-lambda.js';
import type { TargetDescriptor } from '../descriptor.js';

/** The `component` target. */
export const component: TargetDescriptor = {
  name: 'component',
  role: 'alternative',
  adapter: componentTarget,
  build: componentBuild,
  lambda: componentLambda('component', 'the TypeScript implementation componentized with jco (StarlingMonkey), transpiled glue + core module loaded at INIT'),
  display: {
    label: 'component',
    order: 3,
    colour: '#b07aa1',
    option: 'the unchanged TypeScript compiled to a Wasm component (jco componentize, StarlingMonkey), transpiled and run in Node.js',
    upkeep: 'Bad, because it needs the component toolchain (jco componentize, StarlingMonkey), which ships a JavaScript engine inside the artifact.',
  },
};

/** The `node` target (the baseline every ratio is against): its adapter, build, Lambda handler and display, in one descriptor. */
import { nodeTarget } from './adapter.js';
import { nodeBuild } from './build.js';
import { nodeLambda } from './lambda.js';
import type { TargetDescriptor } from '../descriptor.js';

/** The `node` target. */
export const node: TargetDescriptor = {
  name: 'node',
  role: 'baseline',
  adapter: nodeTarget,
  build: nodeBuild,
  lambda: nodeLambda,
  display: {
    label: 'node',
    order: 0,
    colour: '#4e79a7',
    option: 'plain Node.js: the TypeScript implementation bundled with esbuild, as a Lambda handler runs it today (the baseline)',
    upkeep: 'Good, because it is what runs today: one implementation, no Wasm build, no ABI between JavaScript and Wasm to maintain.',
  },
};

/**
 * The `node-idiomatic` target (a Node variant: what Wasm is compared with,
 * never an alternative to move to): its adapter, build, Lambda handler and
 * display, in one descriptor.
 */
import { nodeIdiomaticTarget } from './adapter.js';
import { nodeIdiomaticBuild } from './build.js';
import { nodeIdiomaticLambda } from './lambda.js';
import type { TargetDescriptor } from '../descriptor.js';

/** The `node-idiomatic` target. */
export const nodeIdiomatic: TargetDescriptor = {
  name: 'node-idiomatic',
  role: 'node-variant',
  adapter: nodeIdiomaticTarget,
  build: nodeIdiomaticBuild,
  lambda: nodeIdiomaticLambda,
  display: {
    label: 'node-idiomatic',
    order: 1,
    colour: '#76b7b2',
    option: "the Node.js code a team would deploy, using Node's own built-ins where they differ from the port (node:crypto for sha256)",
    upkeep: "Good, because it is plain Node.js calling Node's own built-ins: no Wasm build, no second implementation to keep equal.",
  },
};

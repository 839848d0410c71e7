/** The `node` target: the workload's TypeScript implementation, bundled as it would be deployed, in V8. */
import { pathToFileURL } from 'node:url';
import type { TargetAdapter, WorkloadFunction } from '../../contract/index.js';

/** Runs the esbuild bundle of `workloads/<name>/node.ts`. */
export const nodeTarget: TargetAdapter = {
  name: 'node',
  description: 'TypeScript implementation, bundled with esbuild, run by V8 (what a Node Lambda handler runs)',
  unsupportedReason: () => undefined,
  artifacts: (workload) => [{ role: 'handler bundle (minified ESM)', path: workload.artifacts.node }],
  buildInfo: () => ({ bundler: 'esbuild', minified: true }),
  async load(workload, phase) {
    const module = await phase('import', () => import(pathToFileURL(workload.artifacts.node).href) as Promise<{ run?: WorkloadFunction }>);
    const run = module.run;
    if (typeof run !== 'function') throw new Error(`${workload.artifacts.node} does not export run()`);
    return { call: run };
  },
};

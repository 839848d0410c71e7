/**
 * Build of the `node-idiomatic` target: bundles a workload's `idiomatic.ts`
 * as `node.ts` is bundled (minified ESM, packages inlined: what a Lambda
 * handler deploys), and removes a bundle left by a variant that was deleted,
 * so no stale code is measured under the workload's name.
 */
import { existsSync, rmSync } from 'node:fs';
import type { BuildTools, TargetBuild } from '../../build/target-build.js';
import type { StepOutcome } from '../../build/steps.js';
import type { WorkloadSources } from '../../workloads/discover.js';

/** Bundles the workload's idiomatic variant to `outfile`, or removes `outfile` when the workload has none. */
export async function bundleIdiomatic(
  tools: Pick<BuildTools, 'buildDir' | 'steps'>,
  source: Pick<WorkloadSources, 'name' | 'idiomatic'>,
  outfile: string,
): Promise<StepOutcome> {
  if (source.idiomatic === undefined) {
    if (!existsSync(outfile)) return 'fresh';
    rmSync(outfile);
    return 'built';
  }
  return tools.steps.bundle(tools.buildDir, { key: `wl-${source.name}-idiomatic`, entry: source.idiomatic, outfile, inlinePackages: true, minify: true });
}

/** Bundles each workload's idiomatic.ts to `build/workloads/<name>/idiomatic.mjs`. */
export const nodeIdiomaticBuild: TargetBuild = {
  async workload(tools, { source, artifacts }) {
    return [{ what: `${source.name}/idiomatic.mjs`, outcome: await bundleIdiomatic(tools, source, artifacts.idiomatic) }];
  },
};

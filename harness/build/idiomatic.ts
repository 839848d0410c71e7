/**
 * Build step of the `node-idiomatic` target: bundles a workload's
 * `idiomatic.ts` as `node.ts` is bundled (minified ESM, packages inlined:
 * what a Lambda handler deploys), and removes a bundle left by a variant that
 * was deleted, so no stale code is measured under the workload's name.
 */
import { existsSync, rmSync } from 'node:fs';
import { bundle, type StepOutcome } from './steps.js';
import type { WorkloadSources } from '../workloads/discover.js';

/** Bundles the workload's idiomatic variant to `outfile`, or removes `outfile` when the workload has none. */
export async function bundleIdiomatic(buildDir: string, source: Pick<WorkloadSources, 'name' | 'idiomatic'>, outfile: string): Promise<StepOutcome> {
  if (source.idiomatic === undefined) {
    if (!existsSync(outfile)) return 'fresh';
    rmSync(outfile);
    return 'built';
  }
  return bundle(buildDir, { key: `wl-${source.name}-idiomatic`, entry: source.idiomatic, outfile, inlinePackages: true, minify: true });
}

/**
 * The `node-idiomatic` target: the Node code a team would actually deploy,
 * where Node has a built-in that differs from the port (`node:crypto` for
 * sha256). It runs `workloads/<name>/idiomatic.ts`, bundled like node.ts, in V8.
 *
 * It exists because the `node` target is a same-algorithm port: against it,
 * "consider Wasm" can be advice that makes a real handler slower than what
 * the team would have written. It is not the baseline (ratios stay against
 * `node`); it is one of the Node variants a verdict can compare Wasm with.
 * A workload without a variant declares why in its manifest
 * (harness/workloads/idiomatic.ts), and its rows are gaps with that reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../paths.js';
import { idiomaticSource } from '../../workloads/discover.js';
import { headerWhy } from '../../workloads/idiomatic.js';
import type { TargetAdapter, TargetWorkload, WorkloadFunction, WorkloadManifest } from '../../contract/index.js';

/**
 * Why a workload that has no `idiomatic.ts` has no node-idiomatic code, or
 * undefined when it has the variant. Its manifest's own reason comes first
 * (as every placement reads it); this one covers a manifest that says nothing.
 */
export function missingVariantReason(name: string): string | undefined {
  if (idiomaticSource(ROOT, name) !== undefined) return undefined;
  return `no idiomatic Node variant: workloads/${name}/idiomatic.ts does not exist and the manifest does not say why node.ts already is the idiomatic code (unsupportedTargets['node-idiomatic'], see harness/workloads/idiomatic.ts)`;
}

/** Why the workload has no node-idiomatic code (its declared reason, else a missing variant), or undefined when it has. */
export function idiomaticGap(manifest: Pick<WorkloadManifest, 'name' | 'unsupportedTargets'>): string | undefined {
  return manifest.unsupportedTargets?.['node-idiomatic'] ?? missingVariantReason(manifest.name);
}

/** Why the variant differs from the port: the first paragraph of its header comment; undefined without a variant. */
export function idiomaticWhy(name: string): string | undefined {
  const source = idiomaticSource(ROOT, name);
  return source === undefined ? undefined : headerWhy(readFileSync(source, 'utf8'));
}

function bundleOf(workload: TargetWorkload): string {
  const path = workload.artifacts.idiomatic;
  if (path === undefined) throw new Error(`${workload.definition.name}: artifact paths without the idiomatic bundle (build them with workloadArtifacts)`);
  return path;
}

/** Runs the esbuild bundle of `workloads/<name>/idiomatic.ts`. */
export const nodeIdiomaticTarget: TargetAdapter = {
  name: 'node-idiomatic',
  description: 'The Node code a team would deploy (workloads/<name>/idiomatic.ts, e.g. node:crypto for sha256), bundled with esbuild, run by V8; not the baseline (node is the same-algorithm port)',
  unsupportedReason: (workload) => idiomaticGap(workload.definition),
  // A workload without a variant deploys nothing for this target.
  artifacts: (workload) => (idiomaticGap(workload.definition) === undefined ? [{ role: 'handler bundle (minified ESM)', path: bundleOf(workload) }] : []),
  buildInfo: (workload) => {
    const why = idiomaticWhy(workload.definition.name);
    return why === undefined ? {} : { bundler: 'esbuild', minified: true, source: `workloads/${workload.definition.name}/idiomatic.ts`, why };
  },
  notes: (workload) => {
    const why = idiomaticWhy(workload.definition.name);
    return why ? [`idiomatic Node code, not the wasm module's algorithm (node is that comparison). ${why}`] : [];
  },
  async load(workload, phase) {
    const bundle = bundleOf(workload);
    if (!existsSync(bundle)) throw new Error(`${bundle} is not built: run \`npm run build\``);
    const module = await phase('import', () => import(pathToFileURL(bundle).href) as Promise<{ run?: WorkloadFunction }>);
    const run = module.run;
    if (typeof run !== 'function') throw new Error(`${bundle} does not export run()`);
    return { call: run };
  },
};

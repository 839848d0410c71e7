/** Build of the `node` target: `workloads/<name>/node.ts` bundled with esbuild (minified ESM, packages inlined: what a Lambda handler deploys). */
import type { TargetBuild } from '../../build/target-build.js';

/** Bundles each workload's node.ts to `build/workloads/<name>/node.mjs`. */
export const nodeBuild: TargetBuild = {
  async workload(tools, { source, artifacts }) {
    const outcome = await tools.steps.bundle(tools.buildDir, { key: `wl-${source.name}-node`, entry: source.node, outfile: artifacts.node, inlinePackages: true, minify: true });
    return [{ what: `${source.name}/node.mjs`, outcome }];
  },
};

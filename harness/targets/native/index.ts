/**
 * The `native` reference: each workload's C source (the c-wasm target's)
 * compiled by gcc -O2 into a small driver that times its own calls. Not an
 * option to deploy: it says how far each Wasm build is from the machine's
 * physical limit (Jangda et al. measured Wasm 1.45-1.55x slower than native
 * on SPEC CPU). Local warm only, measured by harness/run/local-native.ts in
 * as many driver processes as a warm group has forks; cold starts and Lambda
 * do not apply. Optional: without gcc its rows say "skipped: needs gcc".
 */
import { join } from 'node:path';
import { detectOnce, findGcc } from '../../toolchains/detect.js';
import { runToolchainStep } from '../shared/toolchain-build.js';
import { toolchainArtifact, toolchainBuildInfo, toolchainGap } from '../shared/toolchain-wasm.js';
import type { TargetBuild } from '../../build/target-build.js';
import type { TargetAdapter } from '../../contract/index.js';
import type { TargetDescriptor } from '../descriptor.js';


/** Detected once per build, not once per workload. */
const toolchainOnce = detectOnce(findGcc);
/** The driver executable next to the workload's other artifacts. */
export const NATIVE_FILE = 'native';

/** -O2 as C is usually shipped, for the build machine's own CPU baseline (no -march=native: results must travel); no fused multiply-add, as in c-wasm. */
export const NATIVE_FLAGS = ['-O2', '-ffp-contract=off', '-std=c11'];

/** Compiles `workloads/<name>/c/<name>.c` with wasm/c/native-driver.c. */
export const nativeBuild: TargetBuild = {
  async workload(_tools, { source, definition, artifacts }) {
    if (definition.unsupportedTargets?.['native'] !== undefined) return [];
    const file = join(source.dir, 'c', `${source.name}.c`);
    const driver = join(source.dir, '..', '..', 'wasm', 'c', 'native-driver.c');
    const header = join(source.dir, '..', '..', 'wasm', 'c', 'abi.h');
    const { path, record } = toolchainArtifact({ artifacts }, NATIVE_FILE);
    return [
      runToolchainStep({
        what: `${source.name}/${NATIVE_FILE}`,
        toolchain: toolchainOnce(),
        sources: [file, driver, header],
        missingSources: `not ported to C: workloads/${source.name}/c/${source.name}.c does not exist`,
        flags: NATIVE_FLAGS,
        args: (outfile) => [...NATIVE_FLAGS, '-o', outfile, file, driver],
        outfile: path,
        recordFile: record,
      }),
    ];
  },
};

/** Why a workload has no native driver, or undefined when it has one. */
export function nativeGap(workload: Parameters<TargetAdapter['unsupportedReason']>[0]): string | undefined {
  return toolchainGap('native', NATIVE_FILE, workload);
}

const nativeAdapter: TargetAdapter = {
  name: 'native',
  description: 'reference: the C implementation compiled by gcc -O2, timed by its own driver process (local warm only; how far Wasm is from native code)',
  unsupportedReason: nativeGap,
  artifacts: (workload) => [{ role: 'native executable', path: toolchainArtifact(workload, NATIVE_FILE).path }],
  buildInfo: (workload) => toolchainBuildInfo(workload, NATIVE_FILE),
  // Never loaded into a Node process: local-native.ts runs the driver. A caller that tries anyway learns why.
  load: async () => {
    throw new Error('the native reference runs in its own driver process (harness/run/local-native.ts), not in Node');
  },
};

/** The `native` reference. */
export const native: TargetDescriptor = {
  name: 'native',
  role: 'reference',
  adapter: nativeAdapter,
  build: nativeBuild,
  optIn: 'needs an optional system toolchain; name it in --targets',
  display: {
    label: 'native',
    order: 7,
    addedAt: '2026-11-29T06:29:01Z',
    colour: '#79706e',
    option: 'the same C compiled to native code (a reference for how far WebAssembly is from the hardware, not an option for a Node.js Lambda)',
    upkeep: 'Neutral, because it is a measuring reference, not something to deploy.',
  },
};

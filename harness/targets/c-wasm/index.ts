/**
 * The `c-wasm` target: each workload's `c/<name>.c` compiled by clang to a
 * wasm32-wasi core module against wasi-libc (malloc, memcpy, qsort; no WASI
 * imports are left, so it loads like the other modules), run by V8 through
 * the same loader. Optional: without clang, lld, wasi-libc and the wasm32
 * builtins its rows say "skipped: needs ...".
 */
import { join } from 'node:path';
import { detectOnce, findClangWasi } from '../../toolchains/detect.js';
import { runToolchainStep } from '../shared/toolchain-build.js';
import { toolchainLambda } from '../shared/toolchain-lambda.js';
import { toolchainArtifact, toolchainWasmAdapter } from '../shared/toolchain-wasm.js';
import type { TargetBuild } from '../../build/target-build.js';
import type { TargetDescriptor } from '../descriptor.js';


/** Detected once per build, not once per workload. */
const toolchainOnce = detectOnce(findClangWasi);
const FILE = 'c.wasm';

/**
 * -O2 as C is usually shipped; -ffp-contract=off so no multiply-add is fused
 * and the doubles of matmul and graph match the other languages bit for bit;
 * a reactor without an entry point, exports named in wasm/c/abi.c.
 */
export const C_WASM_FLAGS = ['--target=wasm32-wasi', '-O2', '-ffp-contract=off', '-std=c11', '-nostartfiles', '-Wl,--no-entry', '-Wl,--strip-all'];

/** Compiles `workloads/<name>/c/<name>.c` with wasm/c/abi.c. */
export const cWasmBuild: TargetBuild = {
  async workload(_tools, { source, definition, artifacts }) {
    if (definition.unsupportedTargets?.['c-wasm'] !== undefined) return [];
    const file = join(source.dir, 'c', `${source.name}.c`);
    const abi = join(source.dir, '..', '..', 'wasm', 'c', 'abi.c');
    const header = join(source.dir, '..', '..', 'wasm', 'c', 'abi.h');
    const { path, record } = toolchainArtifact({ artifacts }, FILE);
    return [
      runToolchainStep({
        what: `${source.name}/${FILE}`,
        toolchain: toolchainOnce(),
        sources: [file, abi, header],
        missingSources: `not ported to C: workloads/${source.name}/c/${source.name}.c does not exist`,
        flags: C_WASM_FLAGS,
        args: (outfile) => [...C_WASM_FLAGS, '-o', outfile, file, abi],
        outfile: path,
        recordFile: record,
      }),
    ];
  },
};

/** The `c-wasm` target. */
export const cWasm: TargetDescriptor = {
  name: 'c-wasm',
  role: 'alternative',
  adapter: toolchainWasmAdapter('c-wasm', 'C implementation compiled by clang with wasi-libc to a core Wasm module (-O2), run by V8; bytes copied through linear memory', FILE),
  build: cWasmBuild,
  lambda: toolchainLambda('the C (wasi-libc) core module, compiled and instantiated at INIT, bytes copied through linear memory', FILE),
  optIn: 'needs an optional system toolchain; name it in --targets',
  display: {
    label: 'c-wasm',
    order: 6,
    addedAt: '2026-11-29T06:09:57Z',
    colour: '#bab0ac',
    option: 'a second implementation in C compiled with clang and wasi-libc to a core WebAssembly module, loaded and called from a Node.js handler',
    upkeep: 'Bad, because it is a second implementation (C, with manual memory management) to keep equal to the TypeScript one, with clang and wasi-libc in the build.',
  },
};

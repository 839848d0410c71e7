/**
 * The `rust` target: each workload's `rust/lib.rs` (std only, no crates)
 * compiled by rustc to a wasm32-unknown-unknown core module, run by V8
 * through the same loader as the AssemblyScript module. Optional: without a
 * rustc that has the wasm32 standard library its rows say "skipped: needs
 * rustc libstd-rust-dev-wasm32".
 */
import { join } from 'node:path';
import { detectOnce, findRust } from '../../toolchains/detect.js';
import { runToolchainStep } from '../shared/toolchain-build.js';
import { toolchainLambda } from '../shared/toolchain-lambda.js';
import { toolchainArtifact, toolchainWasmAdapter } from '../shared/toolchain-wasm.js';
import type { TargetBuild } from '../../build/target-build.js';
import type { TargetDescriptor } from '../descriptor.js';


/** Detected once per build, not once per workload. */
const toolchainOnce = detectOnce(findRust);
const FILE = 'rust.wasm';

/** Release settings a Rust team ships to Wasm with: opt-level 3, symbols stripped, no debug info. */
export const RUST_FLAGS = ['--edition', '2021', '--target', 'wasm32-unknown-unknown', '--crate-type', 'cdylib', '-C', 'opt-level=3', '-C', 'strip=symbols'];

/** Compiles `workloads/<name>/rust/lib.rs` (it includes wasm/rust/abi.rs) with the first rustc that has wasm32. */
export const rustBuild: TargetBuild = {
  async workload(_tools, { source, definition, artifacts }) {
    if (definition.unsupportedTargets?.['rust'] !== undefined) return [];
    const lib = join(source.dir, 'rust', 'lib.rs');
    const abi = join(source.dir, '..', '..', 'wasm', 'rust', 'abi.rs');
    const { path, record } = toolchainArtifact({ artifacts }, FILE);
    return [
      runToolchainStep({
        what: `${source.name}/${FILE}`,
        toolchain: toolchainOnce(),
        sources: [lib, abi],
        missingSources: `not ported to Rust: workloads/${source.name}/rust/lib.rs does not exist`,
        flags: RUST_FLAGS,
        args: (outfile) => [...RUST_FLAGS, '-o', outfile, lib],
        outfile: path,
        recordFile: record,
      }),
    ];
  },
};

/** The `rust` target. */
export const rust: TargetDescriptor = {
  name: 'rust',
  role: 'alternative',
  adapter: toolchainWasmAdapter('rust', 'Rust implementation (std only) compiled by rustc to a core Wasm module (opt-level 3), run by V8; bytes copied through linear memory', FILE),
  build: rustBuild,
  lambda: toolchainLambda('the Rust core module, compiled and instantiated at INIT, bytes copied through linear memory', FILE),
  optIn: 'needs an optional system toolchain; name it in --targets',
  display: {
    label: 'rust',
    order: 5,
    addedAt: '2026-11-29T06:09:57Z',
    colour: '#ff9da7',
    option: 'a second implementation in Rust (std only) compiled to a core WebAssembly module, loaded and called from a Node.js handler',
    upkeep: 'Bad, because it is a second implementation (Rust) to keep equal to the TypeScript one, with a Rust toolchain in the build.',
  },
};

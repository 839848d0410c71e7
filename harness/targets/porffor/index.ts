/**
 * The `porffor` target: the same TypeScript as the `node` target (its
 * esbuild bundle), compiled ahead of time to a core Wasm module by porffor
 * (npm package `porffor`, an optional dependency), run by V8. porffor takes
 * no JavaScript values across its exports, so the adapter writes inputs and
 * reads outputs in porffor's own memory layout (binding.ts). Workloads
 * porffor cannot compile or gets wrong are rows whose reason the build
 * recorded (build.ts). Deployable to Lambda with the same binding (lambda.ts).
 */
import { bindPorffor } from './binding.js';
import { PORFFOR_FILE, porfforBuild } from './build.js';
import { porfforLambda } from './lambda.js';
import { compileModule, readModuleBytes } from '../../../wasm/loader.js';
import { readToolchainRecord } from '../shared/toolchain-build.js';
import { toolchainArtifact, toolchainGap } from '../shared/toolchain-wasm.js';
import type { TargetAdapter } from '../../contract/index.js';
import type { TargetDescriptor } from '../descriptor.js';

const adapter: TargetAdapter = {
  name: 'porffor',
  description: 'the node target\'s TypeScript (its bundle) compiled ahead of time to a core Wasm module by porffor, run by V8; inputs written in porffor\'s memory layout',
  unsupportedReason: (workload) => toolchainGap('porffor', PORFFOR_FILE, workload),
  artifacts: (workload) => [{ role: 'core module', path: toolchainArtifact(workload, PORFFOR_FILE).path }],
  buildInfo: (workload) => {
    const record = readToolchainRecord(toolchainArtifact(workload, PORFFOR_FILE).record);
    return record?.state === 'built' ? { compiler: record.compiler, flags: record.flags, sha256: record.sha256, bytes: record.bytes } : {};
  },
  notes: () => [
    'porffor 0.61 frees no memory (no garbage collector): the binding starts a fresh instance when its allocations pass half of linear memory (or memory passes 1 GiB), inside the timed call that finds it so',
  ],
  async load(workload, phase) {
    const bytes = await phase('read', () => readModuleBytes(toolchainArtifact(workload, PORFFOR_FILE).path));
    const module = await phase('compile', () => compileModule(bytes));
    // porffor's module imports nothing (no console or clock is used by the workloads).
    const instance = await phase('instantiate', () => WebAssembly.instantiate(module, {}));
    const bound = await phase('init', () => bindPorffor(module, workload.definition.payload, { instance }));
    return { call: bound.call, memoryBytes: bound.memoryBytes };
  },
};

/** The `porffor` target. */
export const porffor: TargetDescriptor = {
  name: 'porffor',
  role: 'alternative',
  adapter,
  build: porfforBuild,
  lambda: porfforLambda,
  optIn: 'a pre-1.0 compiler that reproduces only noop here (README: Wasm source languages); name it in --targets',
  display: {
    label: 'porffor',
    order: 6.5,
    addedAt: '2026-11-29T07:20:00Z',
    colour: '#59a14f',
    option: 'the same TypeScript compiled ahead of time to a core WebAssembly module by porffor, loaded and called from a Node.js handler',
    upkeep: 'Neutral, because it is the same TypeScript, but porffor is pre-1.0 and compiles only part of JavaScript correctly: each release must be re-verified per workload.',
  },
};

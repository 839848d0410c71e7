/**
 * Build of the `porffor` target: the `node` target's bundle wrapped by
 * shim.ts, compiled by porffor to a core Wasm module, then run once on every
 * size's committed input and checked against the committed output. A
 * workload porffor cannot compile, or whose module throws or answers wrongly
 * at some size, gets a build record saying so ("porffor 0.61.13 cannot
 * compile: ...", "... output differs from the expected output at small"):
 * its rows carry that reason instead of being absent or failing mid-run.
 * Cached by a hash of the compiler version, the flags and the shim source.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkOutput } from '../../verify/check.js';
import { readToolchainRecord, type ToolchainRecord } from '../shared/toolchain-build.js';
import { toolchainArtifact } from '../shared/toolchain-wasm.js';
import { bindPorffor } from './binding.js';
import { compileWithPorffor, findPorffor, PORFFOR_FLAGS } from './compiler.js';
import { porfforShimSource } from './shim.js';
import { SIZE_NAMES, type ExpectedFile, type WorkloadDefinition } from '../../contract/index.js';
import type { BuildReport, TargetBuild } from '../../build/target-build.js';

/** The module's file name in build/workloads/<name>/. */
export const PORFFOR_FILE = 'porffor.wasm';

/** A build record; a recorded failure also keeps the inputs it failed with, so the same inputs are not compiled again. */
type PorfforRecord = ToolchainRecord | { readonly state: 'skipped'; readonly reason: string; readonly inputsSha256: string };

function write(recordFile: string, record: PorfforRecord): void {
  mkdirSync(dirname(recordFile), { recursive: true });
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
}

/** Runs the module on every size's input; the first wrong or failing size, in words, or undefined when all are right. */
export async function verifyPorfforModule(wasm: Uint8Array<ArrayBuffer>, definition: WorkloadDefinition, expected: ExpectedFile, compiler: string): Promise<string | undefined> {
  const module = await WebAssembly.compile(wasm);
  for (const size of SIZE_NAMES) {
    const want = expected.sizes[size];
    try {
      // A fresh instance per size, as a cold start would see it.
      const bound = bindPorffor(module, definition.payload, { instance: await WebAssembly.instantiate(module, {}) });
      const output = bound.call(definition.generateInput(size, expected.seed));
      const wrong = checkOutput({ kind: 'payload', output }, { sha256: want.outputSha256, bytes: want.outputBytes });
      if (wrong !== undefined) return `${compiler} output differs from the expected output at ${size} (${wrong.reason})`;
    } catch (error) {
      return `${compiler} module fails at ${size}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200)}`;
    }
  }
  return undefined;
}

/** Compiles and verifies one workload's porffor module, or records why there is none. */
export const porfforBuild: TargetBuild = {
  after: ['node'],
  async workload(_tools, { source, definition, artifacts }): Promise<readonly BuildReport[]> {
    const what = `${source.name}/${PORFFOR_FILE}`;
    const { path, record } = toolchainArtifact({ artifacts }, PORFFOR_FILE);
    if (definition.unsupportedTargets?.['porffor'] !== undefined) return [];
    const toolchain = findPorffor();
    if (toolchain.state === 'missing') {
      const reason = `skipped: needs ${toolchain.needs} (${toolchain.why}; npm ci installs it: package.json lists it as an optional dependency)`;
      write(record, { state: 'skipped', reason });
      return [{ what, outcome: 'skipped', reason }];
    }
    const shim = porfforShimSource(readFileSync(artifacts.node, 'utf8'));
    const inputsSha256 = createHash('sha256').update(JSON.stringify({ compiler: toolchain.version, flags: PORFFOR_FLAGS })).update(shim).digest('hex');
    const previous = readToolchainRecord(record) as PorfforRecord | undefined;
    // A recorded failure of the same inputs is as fresh as a built module: porffor would fail the same way.
    if (previous !== undefined && 'inputsSha256' in previous && previous.inputsSha256 === inputsSha256 && (previous.state === 'skipped' || existsSync(path))) {
      return [{ what, outcome: 'fresh' }];
    }
    const shimFile = `${path}.shim.js`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(shimFile, shim);
    const compiled = compileWithPorffor(toolchain.command, shimFile, path);
    if (!compiled.ok) {
      const reason = `${toolchain.version} cannot compile: ${compiled.error}`;
      write(record, { state: 'skipped', reason, inputsSha256 });
      return [{ what, outcome: 'skipped', reason }];
    }
    const wasm = new Uint8Array(readFileSync(path));
    const expected = JSON.parse(readFileSync(source.expected, 'utf8')) as ExpectedFile;
    const wrong = await verifyPorfforModule(wasm, definition, expected, toolchain.version);
    if (wrong !== undefined) {
      write(record, { state: 'skipped', reason: wrong, inputsSha256 });
      return [{ what, outcome: 'skipped', reason: wrong }];
    }
    write(record, {
      state: 'built',
      compiler: toolchain.version,
      flags: PORFFOR_FLAGS,
      sources: [artifacts.node],
      inputsSha256,
      sha256: createHash('sha256').update(wasm).digest('hex'),
      bytes: wasm.length,
    });
    return [{ what, outcome: 'built' }];
  },
};

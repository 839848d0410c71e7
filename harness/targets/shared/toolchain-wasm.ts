/**
 * The adapter of a Wasm core module built by a system toolchain (rust,
 * c-wasm): the same loader and calling convention as the AssemblyScript
 * module (wasm/loader.ts), so the comparison between source languages is the
 * code each compiler generated and nothing else. Why a workload has no row is
 * read from the build's record: a missing toolchain ("skipped: needs ...") or
 * no source in that language.
 */
import { join } from 'node:path';
import { bindWorkload, compileModule, instantiateModule, readModuleBytes } from '../../../wasm/loader.js';
import { readToolchainRecord } from './toolchain-build.js';
import type { TargetAdapter, TargetWorkload } from '../../contract/index.js';

/** Where a toolchain target's artifact and its build record live. */
export function toolchainArtifact(workload: Pick<TargetWorkload, 'artifacts'>, file: string): { path: string; record: string } {
  const path = join(workload.artifacts.dir, file);
  return { path, record: `${path}.json` };
}

/** Why a toolchain target has no row for this workload: declared in the manifest, or left by the build; undefined when it is built. */
export function toolchainGap(name: string, file: string, workload: TargetWorkload): string | undefined {
  const declared = workload.definition.unsupportedTargets?.[name];
  if (declared !== undefined) return declared;
  const record = readToolchainRecord(toolchainArtifact(workload, file).record);
  if (record === undefined) return `not built: npm run build has not run for ${name} since it was added`;
  return record.state === 'skipped' ? record.reason : undefined;
}

/** The build facts a toolchain target's rows record (empty when nothing was built). */
export function toolchainBuildInfo(workload: Pick<TargetWorkload, 'artifacts'>, file: string): ReturnType<TargetAdapter['buildInfo']> {
  const record = readToolchainRecord(toolchainArtifact(workload, file).record);
  return record?.state === 'built' ? { compiler: record.compiler, flags: record.flags, sha256: record.sha256, bytes: record.bytes } : {};
}

/** A core-module adapter over `build/workloads/<name>/<file>`. */
export function toolchainWasmAdapter(name: string, description: string, file: string): TargetAdapter {
  return {
    name,
    description,
    unsupportedReason: (workload) => toolchainGap(name, file, workload),
    artifacts: (workload) => [{ role: 'core module', path: toolchainArtifact(workload, file).path }],
    buildInfo: (workload) => toolchainBuildInfo(workload, file),
    async load(workload, phase) {
      const bytes = await phase('read', () => readModuleBytes(toolchainArtifact(workload, file).path));
      const module = await phase('compile', () => compileModule(bytes));
      const instance = await phase('instantiate', () => instantiateModule(module));
      const bound = bindWorkload(instance, workload.definition.payload);
      return { call: bound.call, memoryBytes: bound.memoryBytes };
    },
  };
}

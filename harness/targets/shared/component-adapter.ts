/**
 * What the two component targets share: reading the build record
 * (wasm/component-info.ts), listing the transpiled files as artifacts, and
 * loading the transpiled component in named phases (wasm/component-loader.ts).
 * Imports nothing heavy: cold-start children load these adapters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readComponentInfo, type ComponentBuildInfo } from '../../../wasm/component-info.js';
import { loadTranspiledComponent } from '../../../wasm/component-loader.js';
import { componentPaths, type ComponentKind } from '../../../wasm/component-paths.js';
import { envReadNote, measureEnvReadCost, type EnvReadCost } from '../../../wasm/component-glue.js';
import type { BuildInfo, LoadedTarget, PhaseTimer, TargetArtifact, TargetWorkload } from '../../contract/index.js';

/** The build record of a workload's component; throws with the build's error when it was not built. */
export function requireComponentInfo(kind: ComponentKind, workload: TargetWorkload): ComponentBuildInfo {
  const paths = componentPaths(workload.definition.name, kind);
  const info = readComponentInfo(paths.info);
  if (info) return info;
  const why = existsSync(paths.error) ? readFileSync(paths.error, 'utf8').trim() : 'no build record; run `npm run build`';
  throw new Error(`${kind} for ${workload.definition.name} is not built: ${why}`);
}

/** The workload's own declaration that it cannot be expressed in this target. */
export function declaredUnsupported(kind: ComponentKind, workload: TargetWorkload): string | undefined {
  return workload.definition.unsupportedTargets?.[kind];
}

/** Deployable files: the JS glue and every core module it instantiates. */
export function componentArtifacts(kind: ComponentKind, workload: TargetWorkload): TargetArtifact[] {
  const paths = componentPaths(workload.definition.name, kind);
  const info = readComponentInfo(paths.info);
  // Unbuilt: name the glue anyway, so sizing reports a missing file instead of a silent zero.
  if (!info) return [{ role: 'JS glue (jco transpile)', path: paths.glue }];
  return [
    { role: 'JS glue (jco transpile)', path: paths.glue },
    ...info.transpiled.coreModules.map((core, i) => ({
      role: info.transpiled.coreModules.length === 1 ? 'core module (jco transpile)' : `core module ${i + 1} (jco transpile)`,
      path: join(paths.transpiledDir, core.file),
    })),
  ];
}

/** Build facts recorded with every result; never throws (an unbuilt component records its error). */
export function componentBuildInfo(kind: ComponentKind, workload: TargetWorkload): BuildInfo {
  try {
    return { ...requireComponentInfo(kind, workload) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Loads the transpiled component: import-glue, read, compile, instantiate. */
export async function loadComponent(kind: ComponentKind, workload: TargetWorkload, phase: PhaseTimer): Promise<LoadedTarget> {
  const info = requireComponentInfo(kind, workload);
  const paths = componentPaths(workload.definition.name, kind);
  return loadTranspiledComponent(
    { glue: paths.glue, dir: paths.transpiledDir, coreModules: info.transpiled.coreModules.map((core) => core.file) },
    workload.definition.payload,
    phase,
  );
}

let envReadCost: EnvReadCost | undefined;

/** Notes every component result carries: the glue's per-call environment reads, priced on this machine now. */
export function glueNotes(kind: ComponentKind, workload: TargetWorkload): string[] {
  const info = readComponentInfo(componentPaths(workload.definition.name, kind).info);
  if (!info) return [];
  // Priced once per process (~0.2 s): the same machine and moment as the measurements it explains.
  envReadCost ??= measureEnvReadCost();
  return [envReadNote(info.glueProbe.envReadsPerCall, envReadCost)];
}

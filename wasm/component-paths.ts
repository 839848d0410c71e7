/**
 * Where a workload's component builds live, for both component targets:
 * `build/workloads/<name>/<kind>/`. Kept apart from harness/paths.ts so the
 * component targets stay self-contained.
 */
import { join } from 'node:path';
import { workloadArtifacts } from '../harness/paths.js';

/** The component target a build belongs to (its name: `component`, `as-component`); it names the build folder. */
export type ComponentKind = string;

/** Build outputs of one workload's component. */
export interface ComponentPaths {
  /** Output folder. */
  readonly dir: string;
  /** The WIT world it was built against (a copy, derived or overridden). */
  readonly wit: string;
  /** The component binary (`jco componentize`, or `jco embed` + `jco new`). */
  readonly component: string;
  /** `jco transpile` output folder: JS glue plus core modules. */
  readonly transpiledDir: string;
  /** The JS glue `jco transpile` writes (name set by `--name`). */
  readonly glue: string;
  /** Build record (ComponentBuildInfo, JSON). */
  readonly info: string;
  /** Left instead of the build record when the build failed: the error, for loading to report. */
  readonly error: string;
  /** as-component only: generated AssemblyScript entry. */
  readonly ascEntry: string;
  /** as-component only: the core module before `jco embed`. */
  readonly coreModule: string;
}

/** The name passed to `jco transpile --name`: files are `<name>.js`, `<name>.core*.wasm`. */
export const TRANSPILE_NAME = 'component';

/** Paths of a workload's component of the given kind. */
export function componentPaths(workload: string, kind: ComponentKind): ComponentPaths {
  const dir = join(workloadArtifacts(workload).dir, kind);
  const transpiledDir = join(dir, 'js');
  return {
    dir,
    wit: join(dir, 'world.wit'),
    component: join(dir, 'component.wasm'),
    transpiledDir,
    glue: join(transpiledDir, `${TRANSPILE_NAME}.js`),
    info: join(dir, 'component.json'),
    error: join(dir, 'error.txt'),
    ascEntry: join(dir, 'entry.ts'),
    coreModule: join(dir, 'core.wasm'),
  };
}

/**
 * The build record of one component (`component.json`), written by
 * harness/build/components.ts and read by the component target adapters for
 * artifacts, build facts and notes. Sizes and hashes come from the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ComponentKind } from './component-paths.js';

/** One file of a build, with its size and hash. */
export interface BuiltFile {
  /** Path relative to the component's `js/` folder (transpiled files) or absolute (the component). */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** What a component was built from and with, and what came out. */
export interface ComponentBuildInfo {
  readonly kind: ComponentKind;
  /** Which engine runs the workload's code inside the component. */
  readonly engine: string;
  /** Tool versions (jco, componentize-js, assemblyscript). */
  readonly tools: Readonly<Record<string, string>>;
  /** The WIT world: "derived" from payload kinds, or the workload's own `world.wit`. */
  readonly world: { readonly source: string; readonly sha256: string };
  /** Command-line flags of each step (componentize / asc / embed / transpile). */
  readonly flags: Readonly<Record<string, readonly string[]>>;
  /** The component binary. */
  readonly component: BuiltFile;
  /** `jco transpile` output: the JS glue and the core modules it instantiates. */
  readonly transpiled: { readonly glue: BuiltFile; readonly coreModules: readonly BuiltFile[] };
  /** Build cost: wall time per step (ms) and peak RSS of the heaviest step where measured. */
  readonly buildCost: { readonly stepsMs: Readonly<Record<string, number>>; readonly peakRssBytes?: number; readonly peakRssOf?: string };
  /** What the unpatched jco glue does per call, counted by running it once (wasm/component-glue.ts). */
  readonly glueProbe: { readonly envReadsPerCall: number };
}

/** Reads a component's build record, or undefined when it was not built. */
export function readComponentInfo(path: string): ComponentBuildInfo | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as ComponentBuildInfo;
}

/**
 * Handler templates: one per target, none per workload. A template turns a
 * workload into the source of a generated entry module (bundled by esbuild
 * into the deployed `index.mjs`) plus the files packaged next to it.
 *
 * Adding a target to Lambda is one template here. Code that runs outside the
 * exported handler runs at INIT (once per execution environment), which is
 * where the wasm template compiles and instantiates its module, as a real
 * function would.
 */
import { join } from 'node:path';
import { fromRoot } from '../../harness/paths.js';
import type { PayloadKinds } from './protocol.js';
import type { TargetName, WorkloadArtifactPaths } from '../../harness/types.js';

/** What a template knows about a workload. */
export interface TemplateWorkload {
  readonly name: string;
  readonly payload: PayloadKinds;
  /** The TypeScript implementation (`workloads/<name>/node.ts`). */
  readonly nodeSource: string;
  /** Built artifacts (the core module, ...). */
  readonly artifacts: WorkloadArtifactPaths;
}

/** A file packaged next to the bundle. */
export interface PackagedFile {
  /** Path inside the zip. */
  readonly name: string;
  /** Path on disk. */
  readonly path: string;
}

/** How one target becomes a Lambda handler. */
export interface HandlerTemplate {
  readonly target: TargetName;
  /** One line for docs and results. */
  readonly description: string;
  /** Source of the generated entry module; it must export `handler`. */
  entrySource(workload: TemplateWorkload): string;
  /** Files packaged next to the bundle. */
  extraFiles(workload: TemplateWorkload): PackagedFile[];
}

/** The handler file inside every zip, and the Handler setting that names it. */
export const HANDLER_FILE = 'index.mjs';
/** `Handler` of every function: `index.mjs`'s `handler` export. */
export const HANDLER_NAME = 'index.handler';

const lit = (value: unknown): string => JSON.stringify(value);
const HANDLER_MODULE = fromRoot('lambda', 'handlers', 'handler.ts');
const LOADER_MODULE = fromRoot('wasm', 'loader.ts');

/** node: the TypeScript implementation, called directly. */
const nodeTemplate: HandlerTemplate = {
  target: 'node',
  description: 'the TypeScript implementation bundled with the handler',
  entrySource: (w) =>
    [
      `import { run } from ${lit(w.nodeSource)};`,
      `import { createHandler } from ${lit(HANDLER_MODULE)};`,
      `export const handler = createHandler(run, ${lit(w.payload)});`,
    ].join('\n'),
  extraFiles: () => [],
};

/** wasm: the core module read, compiled and instantiated at INIT (top-level await), called per event. */
const wasmTemplate: HandlerTemplate = {
  target: 'wasm',
  description: 'the AssemblyScript core module, compiled and instantiated at INIT, bytes copied through linear memory',
  entrySource: (w) =>
    [
      `import { fileURLToPath } from 'node:url';`,
      `import { loadWorkloadModule } from ${lit(LOADER_MODULE)};`,
      `import { createHandler } from ${lit(HANDLER_MODULE)};`,
      `const bound = await loadWorkloadModule(fileURLToPath(new URL('./module.wasm', import.meta.url)), ${lit(w.payload)});`,
      `export const handler = createHandler(bound.call, ${lit(w.payload)});`,
    ].join('\n'),
  extraFiles: (w) => [{ name: 'module.wasm', path: w.artifacts.wasm }],
};

/** Every target that can be deployed to Lambda. */
export const HANDLER_TEMPLATES: readonly HandlerTemplate[] = [nodeTemplate, wasmTemplate];

/** The template of a target, or undefined when the target has none yet. */
export function findTemplate(target: string): HandlerTemplate | undefined {
  return HANDLER_TEMPLATES.find((t) => t.target === target);
}

/** Where a workload × target's Lambda build lives. */
export function lambdaBuildPaths(buildDir: string, workload: string, target: string): { dir: string; entry: string; bundle: string; zip: string; manifest: string } {
  const dir = join(buildDir, 'lambda', workload, target);
  return { dir, entry: join(dir, 'entry.ts'), bundle: join(dir, HANDLER_FILE), zip: `${dir}.zip`, manifest: `${dir}.json` };
}

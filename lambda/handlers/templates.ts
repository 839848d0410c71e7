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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot, ROOT } from '../../harness/paths.js';
import { missingVariantReason } from '../../harness/targets/node-idiomatic.js';
import { idiomaticSource } from '../../harness/workloads/discover.js';
import { readComponentInfo } from '../../wasm/component-info.js';
import { componentPaths, type ComponentKind } from '../../wasm/component-paths.js';
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
  /** Why this workload has no package for the target (e.g. its component did not build), or undefined. */
  unavailable?(workload: Pick<TemplateWorkload, 'name'>): string | undefined;
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

/**
 * node-idiomatic: the workload's idiomatic variant (`idiomatic.ts`, e.g.
 * node:crypto), called directly like node's; a workload without one has no
 * package, with the reason its rows show everywhere else.
 */
const nodeIdiomaticTemplate: HandlerTemplate = {
  target: 'node-idiomatic',
  description: "the workload's idiomatic Node code (idiomatic.ts, e.g. node:crypto) bundled with the handler",
  unavailable: (w) => missingVariantReason(w.name),
  entrySource: (w) => {
    const source = idiomaticSource(ROOT, w.name);
    if (source === undefined) throw new Error(missingVariantReason(w.name));
    return [
      `import { run } from ${lit(source)};`,
      `import { createHandler } from ${lit(HANDLER_MODULE)};`,
      `export const handler = createHandler(run, ${lit(w.payload)});`,
    ].join('\n');
  },
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

const COMPONENT_LOADER_MODULE = fromRoot('wasm', 'component-loader.ts');
/** The transpiled glue's name inside the zip. */
const GLUE_FILE = 'component.js';

/**
 * component / as-component: the `jco transpile` output (self-contained ES
 * module glue plus core modules) packaged as files and loaded at INIT by the
 * same loader the local targets use; the handler calls the lifted `run` export.
 */
function componentTemplate(kind: ComponentKind, description: string): HandlerTemplate {
  const info = (w: Pick<TemplateWorkload, 'name'>) => readComponentInfo(componentPaths(w.name, kind).info);
  return {
    target: kind,
    description,
    unavailable: (w) => {
      if (info(w)) return undefined;
      const error = componentPaths(w.name, kind).error;
      return `${kind} is not built${existsSync(error) ? `: ${readFileSync(error, 'utf8').trim().split('\n')[0]}` : ''}`;
    },
    entrySource: (w) =>
      [
        `import { dirname, join } from 'node:path';`,
        `import { fileURLToPath } from 'node:url';`,
        `import { loadTranspiledComponent } from ${lit(COMPONENT_LOADER_MODULE)};`,
        `import { createHandler } from ${lit(HANDLER_MODULE)};`,
        `const root = dirname(fileURLToPath(import.meta.url));`,
        `const coreModules = ${lit(info(w)?.transpiled.coreModules.map((m) => m.file) ?? [])};`,
        `const loaded = await loadTranspiledComponent({ glue: join(root, ${lit(GLUE_FILE)}), dir: root, coreModules }, ${lit(w.payload)}, async (_phase, fn) => fn());`,
        `export const handler = createHandler(loaded.call, ${lit(w.payload)});`,
      ].join('\n'),
    extraFiles: (w) => {
      const paths = componentPaths(w.name, kind);
      const built = info(w);
      if (!built) return [];
      return [
        { name: GLUE_FILE, path: paths.glue },
        ...built.transpiled.coreModules.map((m) => ({ name: m.file, path: join(paths.transpiledDir, m.file) })),
      ];
    },
  };
}

/** Every target that can be deployed to Lambda. */
export const HANDLER_TEMPLATES: readonly HandlerTemplate[] = [
  nodeTemplate,
  nodeIdiomaticTemplate,
  wasmTemplate,
  componentTemplate('component', 'the TypeScript implementation componentized with jco (StarlingMonkey), transpiled glue + core module loaded at INIT'),
  componentTemplate('as-component', 'the AssemblyScript module wrapped as a component, transpiled glue + core module loaded at INIT'),
];

/** The template of a target, or undefined when the target has none yet. */
export function findTemplate(target: string): HandlerTemplate | undefined {
  return HANDLER_TEMPLATES.find((t) => t.target === target);
}

/** Where a workload × target's Lambda build lives. */
export function lambdaBuildPaths(buildDir: string, workload: string, target: string): { dir: string; entry: string; bundle: string; zip: string; manifest: string } {
  const dir = join(buildDir, 'lambda', workload, target);
  return { dir, entry: join(dir, 'entry.ts'), bundle: join(dir, HANDLER_FILE), zip: `${dir}.zip`, manifest: `${dir}.json` };
}

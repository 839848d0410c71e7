/**
 * What a Lambda handler template is, and what every template shares. A
 * template turns a workload into the source of a generated entry module
 * (bundled by esbuild into the deployed `index.mjs`) plus the files packaged
 * next to it. Each target's template lives in its folder
 * (`harness/targets/<name>/lambda.ts`); the Lambda placement
 * (`lambda/handlers/templates.ts`) reads them from the target registry. Only
 * paths name lambda/ here, never an import: harness/ sits below lambda/.
 *
 * Code that runs outside the exported handler runs at INIT (once per
 * execution environment), which is where a template loads a module, as a
 * real function would.
 */
import { fromRoot } from '../../paths.js';
import type { WorkloadArtifactPaths, WorkloadManifest } from '../../contract/index.js';

/** How the payload travels in and out (the manifest's kinds; the handler protocol's PayloadKinds). */
type PayloadKinds = WorkloadManifest['payload'];

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
  /** One line for docs and results. */
  readonly description: string;
  /** Source of the generated entry module; it must export `handler`. */
  entrySource(workload: TemplateWorkload): string;
  /** Files packaged next to the bundle. */
  extraFiles(workload: TemplateWorkload): PackagedFile[];
  /** Why this workload has no package for the target (e.g. its component did not build), or undefined. */
  unavailable?(workload: Pick<TemplateWorkload, 'name'>): string | undefined;
}

/** The module every generated entry imports `createHandler` from. */
export const HANDLER_MODULE = fromRoot('lambda', 'handlers', 'handler.ts');

/** A value as JavaScript source (paths, payload kinds). */
export const lit = (value: unknown): string => JSON.stringify(value);

/** The entry of a target whose code exports `run` directly (a TypeScript module): the handler calls it per event. */
export function directCallEntry(runSource: string, payload: PayloadKinds): string {
  return [
    `import { run } from ${lit(runSource)};`,
    `import { createHandler } from ${lit(HANDLER_MODULE)};`,
    `export const handler = createHandler(run, ${lit(payload)});`,
  ].join('\n');
}

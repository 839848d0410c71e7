/**
 * The workload catalog: definitions, implementations and expected outputs,
 * loaded from build artifacts (the bundles that are measured and deployed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ROOT, workloadArtifacts } from '../paths.js';
import { discoverWorkloadSources } from './discover.js';
import type { ExpectedFile, WorkloadArtifactPaths, WorkloadDefinition, WorkloadFunction } from '../contract/index.js';

/** A workload ready to run. */
export interface CatalogEntry {
  readonly definition: WorkloadDefinition;
  /** Committed expected outputs, or undefined when the workload has none yet. */
  readonly expected: ExpectedFile | undefined;
  /** Paths of the built artifacts. */
  readonly artifacts: WorkloadArtifactPaths;
}

/** Loads every workload's built definition and expected outputs. */
export async function loadCatalog(): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  for (const source of discoverWorkloadSources(ROOT)) {
    const artifacts = workloadArtifacts(source.name);
    if (!existsSync(artifacts.definition)) {
      throw new Error(`workload "${source.name}" is not built; run \`npm run build\``);
    }
    const module = (await import(pathToFileURL(artifacts.definition).href)) as { default: WorkloadDefinition };
    const expected = existsSync(source.expected)
      ? (JSON.parse(readFileSync(source.expected, 'utf8')) as ExpectedFile)
      : undefined;
    entries.push({ definition: module.default, expected, artifacts });
  }
  return entries;
}

/** Imports a workload's bundled TypeScript implementation. */
export async function importNodeImplementation(entry: CatalogEntry): Promise<WorkloadFunction> {
  const module = (await import(pathToFileURL(entry.artifacts.node).href)) as { run?: WorkloadFunction };
  if (typeof module.run !== 'function') throw new Error(`${entry.artifacts.node} does not export run()`);
  return module.run;
}

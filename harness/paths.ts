/**
 * Where things live. Resolved by walking up to the project's package.json so
 * the same code works from sources (vitest, tsx) and from bundles in build/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkloadArtifactPaths } from './contract/index.js';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'wasm-lambda-bench') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the wasm-lambda-bench root above ${start}`);
    dir = parent;
  }
}

/** The project root. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
/** Build outputs (never committed). */
export const BUILD_DIR = join(ROOT, 'build');
/** Run outputs and published tables. */
export const RESULTS_DIR = join(ROOT, 'results');

/** Build artifacts of one workload. */
export function workloadArtifacts(name: string): Required<WorkloadArtifactPaths> {
  const dir = join(BUILD_DIR, 'workloads', name);
  return {
    dir,
    definition: join(dir, 'workload.mjs'),
    node: join(dir, 'node.mjs'),
    wasm: join(dir, 'module.wasm'),
    wasmInfo: join(dir, 'module.json'),
    idiomatic: join(dir, 'idiomatic.mjs'),
  };
}

/** Resolves a path relative to the root. */
export function fromRoot(...parts: string[]): string {
  return resolve(ROOT, ...parts);
}

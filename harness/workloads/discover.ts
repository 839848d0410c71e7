/**
 * Finds workloads by folder: any directory under `workloads/` with a
 * `workload.ts` is a workload. Adding one never touches harness code; nor
 * does giving one an idiomatic Node variant (`idiomatic.ts`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Source files a workload folder provides. */
export interface WorkloadSources {
  /** Workload name (= folder name). */
  readonly name: string;
  /** The folder. */
  readonly dir: string;
  /** Manifest and input generator. */
  readonly definition: string;
  /** TypeScript implementation (exports `run`). */
  readonly node: string;
  /** AssemblyScript entry (exports the core ABI). */
  readonly assembly: string;
  /** Committed expected outputs. */
  readonly expected: string;
  /** The idiomatic Node variant (`idiomatic.ts`, exports `run`), when the workload has one. */
  readonly idiomatic: string | undefined;
}

/** Lists workload folders under `<root>/workloads`, sorted by name. */
export function discoverWorkloadSources(root: string): WorkloadSources[] {
  const base = join(root, 'workloads');
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, 'workload.ts')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(base, name);
      return {
        name,
        dir,
        definition: join(dir, 'workload.ts'),
        node: join(dir, 'node.ts'),
        assembly: join(dir, 'assembly', 'index.ts'),
        expected: join(dir, 'expected.json'),
        idiomatic: idiomaticSource(root, name),
      };
    });
}

/** The path of a workload's idiomatic Node variant, or undefined when it has none (its node.ts already is the idiomatic code). */
export function idiomaticSource(root: string, name: string): string | undefined {
  const path = join(root, 'workloads', name, 'idiomatic.ts');
  return existsSync(path) ? path : undefined;
}

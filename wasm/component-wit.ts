/**
 * The WIT world a workload's components are built against.
 *
 * Derived from the manifest's payload kinds: one export,
 * `run: func(input: T) -> U`, where `bytes` is `list<u8>` and `text` is
 * `string` (UTF-8 on the canonical ABI). jco's glue maps these to the same
 * JS types the Node implementation takes and returns (`Uint8Array`, `string`),
 * so the unchanged TypeScript `run` is the component's export.
 *
 * Override: a workload folder may provide its own `world.wit`, used verbatim.
 * It must declare `world workload` exporting `run` with the payload kinds of
 * the manifest (the harness passes and checks the same payloads as for every
 * other target); the AssemblyScript wrapper (wasm/assembly/component-abi.ts)
 * only lowers that one signature.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PayloadKind, WorkloadManifest } from '../harness/contract/index.js';

/** The world name every workload world uses (`jco componentize -n`, `jco embed --world`). */
export const WORLD_NAME = 'workload';

/** The WIT package of derived worlds. */
export const WIT_PACKAGE = 'wlb:workload';

/** A workload's world and where it came from. */
export interface WorkloadWorld {
  /** WIT source text. */
  readonly text: string;
  /** "derived" from payload kinds, or the path of the workload's own `world.wit`. */
  readonly source: 'derived' | string;
}

/** The WIT type a payload kind travels as. */
export function witType(kind: PayloadKind): string {
  return kind === 'bytes' ? 'list<u8>' : 'string';
}

/** Derives the world from the manifest's payload kinds. */
export function deriveWorld(manifest: Pick<WorkloadManifest, 'name' | 'payload'>): string {
  return [
    `// Generated for workload "${manifest.name}" from its payload kinds (wasm/component-wit.ts).`,
    `package ${WIT_PACKAGE};`,
    '',
    `world ${WORLD_NAME} {`,
    `  export run: func(input: ${witType(manifest.payload.input)}) -> ${witType(manifest.payload.output)};`,
    '}',
    '',
  ].join('\n');
}

/** The world of a workload: its folder's `world.wit` if present, else derived. */
export function workloadWorld(manifest: Pick<WorkloadManifest, 'name' | 'payload'>, workloadDir: string): WorkloadWorld {
  const override = join(workloadDir, 'world.wit');
  if (existsSync(override)) return { text: readFileSync(override, 'utf8'), source: override };
  return { text: deriveWorld(manifest), source: 'derived' };
}

/**
 * The build step of the targets compiled by a system toolchain (rust,
 * c-wasm, native): run the compiler on the workload's source, cached by a
 * hash of the sources, the flags and the compiler's version, and record
 * what was built. When the toolchain is missing or the workload has no
 * source in that language, the record says so instead, and the adapter turns
 * it into an unsupported row ("skipped: needs ..."): a fresh machine without
 * Rust or clang builds and benchmarks everything else.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { skippedReason, type Toolchain } from '../../toolchains/detect.js';
import type { BuildReport } from '../../build/target-build.js';

/** What the build left for one workload: the artifact and how it was made, or why there is none. */
export type ToolchainRecord =
  | { readonly state: 'built'; readonly compiler: string; readonly flags: readonly string[]; readonly sources: readonly string[]; readonly inputsSha256: string; readonly sha256: string; readonly bytes: number }
  | { readonly state: 'skipped'; readonly reason: string };

/** One compile of one workload. */
export interface ToolchainStep {
  /** What the report calls it, e.g. "sha256/rust.wasm". */
  readonly what: string;
  readonly toolchain: Toolchain;
  /** Source files (their content goes into the cache key); empty when the workload has none in this language. */
  readonly sources: readonly string[];
  /** Why there are no sources (shown as the row's reason). */
  readonly missingSources: string;
  /** Flags before the sources and output (recorded with the artifact). */
  readonly flags: readonly string[];
  /** Full argument list for a command, given the output path. */
  readonly args: (outfile: string) => readonly string[];
  readonly outfile: string;
  /** The record next to the artifact (<artifact>.json). */
  readonly recordFile: string;
}

/** Reads a build record; undefined when the build never ran for it. */
export function readToolchainRecord(recordFile: string): ToolchainRecord | undefined {
  return existsSync(recordFile) ? (JSON.parse(readFileSync(recordFile, 'utf8')) as ToolchainRecord) : undefined;
}

function write(recordFile: string, record: ToolchainRecord): void {
  mkdirSync(dirname(recordFile), { recursive: true });
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
}

/** Compiles, or confirms fresh, or records why it cannot; never throws for a missing toolchain. */
export function runToolchainStep(step: ToolchainStep): BuildReport {
  if (step.toolchain.state === 'missing') {
    write(step.recordFile, { state: 'skipped', reason: skippedReason(step.toolchain) });
    return { what: step.what, outcome: 'skipped', reason: skippedReason(step.toolchain) };
  }
  if (step.sources.length === 0 || !step.sources.every((s) => existsSync(s))) {
    write(step.recordFile, { state: 'skipped', reason: step.missingSources });
    return { what: step.what, outcome: 'skipped', reason: step.missingSources };
  }
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ compiler: step.toolchain.version, flags: step.flags }));
  for (const source of step.sources) hash.update(readFileSync(source));
  const inputsSha256 = hash.digest('hex');
  const previous = readToolchainRecord(step.recordFile);
  if (previous?.state === 'built' && previous.inputsSha256 === inputsSha256 && existsSync(step.outfile)) return { what: step.what, outcome: 'fresh' };
  mkdirSync(dirname(step.outfile), { recursive: true });
  const result = spawnSync(step.toolchain.command, step.args(step.outfile), { encoding: 'utf8', timeout: 120_000 });
  if (result.error || result.status !== 0) {
    const reason = `${step.toolchain.command} failed: ${(result.stderr || String(result.error ?? '')).trim().slice(0, 2000)}`;
    write(step.recordFile, { state: 'skipped', reason: `build failed: ${reason}` });
    return { what: step.what, outcome: 'failed', reason };
  }
  const bytes = readFileSync(step.outfile);
  write(step.recordFile, {
    state: 'built',
    compiler: step.toolchain.version,
    flags: step.flags,
    sources: step.sources,
    inputsSha256,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  });
  return { what: step.what, outcome: 'built' };
}

/**
 * Content-hash build cache: a step is skipped when the hash of its inputs
 * (file contents plus any settings that shape the output) matches the stamp
 * left by its last successful run and its outputs still exist.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where stamps live, relative to the build directory. */
const STAMP_DIR = '.stamps';

/** Hashes the contents of `files` (sorted) and the `settings` string. */
export function hashInputs(files: readonly string[], settings: string): string {
  const hash = createHash('sha256').update(settings);
  for (const file of [...files].sort()) {
    hash.update(`\0${file}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : 'missing');
  }
  return hash.digest('hex');
}

/** A recorded build step: its inputs' hash and the input list it discovered. */
export interface Stamp {
  /** Hash over input contents and settings. */
  readonly hash: string;
  /** Input files, for steps (like bundling) that only learn their inputs by running. */
  readonly inputs: readonly string[];
}

/** Reads a step's stamp, or undefined when the step never ran. */
export function readStamp(buildDir: string, key: string): Stamp | undefined {
  const path = stampPath(buildDir, key);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/** Records a successful step. */
export function writeStamp(buildDir: string, key: string, stamp: Stamp): void {
  const path = stampPath(buildDir, key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(stamp));
}

/** True when a step's previous inputs are unchanged and all its outputs exist. */
export function isFresh(buildDir: string, key: string, settings: string, outputs: readonly string[]): boolean {
  const stamp = readStamp(buildDir, key);
  if (!stamp || !outputs.every((o) => existsSync(o))) return false;
  return stamp.hash === hashInputs(stamp.inputs, settings);
}

function stampPath(buildDir: string, key: string): string {
  return join(buildDir, STAMP_DIR, `${key.replace(/[^a-zA-Z0-9_.-]/g, '_')}.json`);
}

/** Every `.ts` file under `dir`, recursively (none when it does not exist): the inputs of an asc compile, which reads imports itself. */
export function typeScriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

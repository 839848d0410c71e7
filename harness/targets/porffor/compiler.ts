/**
 * Finding and running the porffor compiler (npm package `porffor`, an
 * optional dependency). It runs in a child process per workload: its
 * compiler keeps global state between compiles, and reads its preferences
 * from the command line when first imported.
 *
 * Its memory allocator grows linear memory by a fixed chunk (16 pages by
 * default) whatever the size asked for, so an allocation larger than a chunk
 * writes past the end of memory. The chunk is set here to cover the largest
 * payload the workloads use (7.3 MiB image input, plus its output) with room
 * to spare; the CLI cannot set it (it passes the value on as a string, which
 * the assembler cannot encode), so the child sets it through the JavaScript API.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Toolchain } from '../../toolchains/detect.js';

/** Pages (64 KiB) porffor's allocator grows memory by: 32 MiB. */
export const ALLOCATOR_CHUNK_PAGES = 512;

/** The options the module is compiled with (recorded with the artifact): porffor's default optimisation level, as a module. */
export const PORFFOR_FLAGS = ['--module', `--allocator-chunks=${ALLOCATOR_CHUNK_PAGES}`];

/** The npm package the target needs (what "skipped: needs ..." names). */
export const PORFFOR_PACKAGE = 'porffor';

/** porffor as a toolchain: the package's directory and version, or why it is missing. */
export function findPorffor(resolveFrom: string = import.meta.url): Toolchain {
  try {
    const manifest = createRequire(resolveFrom).resolve('porffor/package.json');
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown';
    const dir = dirname(manifest);
    if (!existsSync(join(dir, 'compiler', 'index.js'))) return { state: 'missing', needs: PORFFOR_PACKAGE, why: `${dir} has no compiler/index.js` };
    return { state: 'found', command: dir, version: `porffor ${version}` };
  } catch {
    return { state: 'missing', needs: PORFFOR_PACKAGE, why: 'the optional npm dependency porffor is not installed' };
  }
}

/** The child: imports the compiler, sets the allocator chunk as a number, compiles the module source, writes the Wasm. */
const CHILD = `
const [compilerUrl, source, outfile, chunk] = process.argv.slice(-4);
const { readFileSync, writeFileSync } = await import('node:fs');
const compile = (await import(compilerUrl)).default;
globalThis.Prefs.allocatorChunks = Number(chunk);
const { wasm } = compile(readFileSync(source, 'utf8'), true);
writeFileSync(outfile, wasm);
`;

/** What one compile did: the Wasm is written, or the compiler's first error line. */
export type CompileOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Compiles `source` (an ES module) to `outfile` with the porffor in `packageDir`. */
export function compileWithPorffor(packageDir: string, source: string, outfile: string): CompileOutcome {
  const compilerUrl = pathToFileURL(join(packageDir, 'compiler', 'index.js')).href;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, '--', '--module', compilerUrl, source, outfile, String(ALLOCATOR_CHUNK_PAGES)], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error === undefined && result.status === 0 && existsSync(outfile)) return { ok: true };
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '');
  const line = text.split('\n').map((l) => l.trim()).find((l) => /error|cannot|unsupported|not/i.test(l)) ?? text.trim().split('\n')[0] ?? String(result.error ?? `exit ${result.status}`);
  return { ok: false, error: line.slice(0, 300) };
}

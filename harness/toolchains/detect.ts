/**
 * Finds the optional compilers of the rust, c-wasm and native targets. None
 * of them is needed by `npm ci && npm run bench`: a target whose toolchain is
 * missing becomes rows that say "skipped: needs <packages>", with the install
 * line the README gives. Detection runs each candidate once (a version, and
 * for Wasm a check that the wasm32 standard library or sysroot is there),
 * because a compiler on PATH without its wasm32 library would only fail later
 * in the middle of a build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A toolchain that can build, or why not. */
export type Toolchain =
  | { readonly state: 'found'; readonly command: string; readonly version: string }
  | { readonly state: 'missing'; readonly needs: string; readonly why: string };

/** The Debian packages each toolchain comes from (what "skipped: needs ..." names). */
export const TOOLCHAIN_PACKAGES = {
  rust: 'rustc libstd-rust-dev-wasm32',
  clang: 'clang lld wasi-libc libclang-rt-14-dev-wasm32',
  gcc: 'gcc',
} as const;

/** Runs `command args` and returns its first output line, or undefined when it cannot run. */
export type Probe = (command: string, args: readonly string[]) => string | undefined;

/** The real probe: a synchronous spawn with a short timeout. */
export const spawnProbe: Probe = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}`.trim().split('\n')[0] ?? '';
};

/**
 * A rustc that has the wasm32-unknown-unknown standard library: every rustc
 * on PATH in order, because a rustup toolchain first on PATH often lacks the
 * wasm32 target while Debian's rustc (with libstd-rust-dev-wasm32) further on
 * has it. Only PATH is searched, so a PATH that hides Rust hides it here too.
 */
export function findRust(probe: Probe = spawnProbe, exists: (path: string) => boolean = existsSync, searchPath: string = process.env['PATH'] ?? ''): Toolchain {
  const candidates = searchPath.split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, 'rustc')).filter((path) => exists(path));
  for (const command of [...new Set(candidates)]) {
    const version = probe(command, ['--version']);
    if (version === undefined) continue;
    const libdir = probe(command, ['--print', 'target-libdir', '--target', 'wasm32-unknown-unknown']);
    if (libdir !== undefined && libdir !== '' && exists(libdir)) return { state: 'found', command, version };
  }
  return { state: 'missing', needs: TOOLCHAIN_PACKAGES.rust, why: 'no rustc with the wasm32-unknown-unknown standard library' };
}

/** Where Debian's wasi-libc puts its headers (clang finds them for --target=wasm32-wasi). */
const WASI_HEADERS = '/usr/include/wasm32-wasi';

/** clang that can target wasm32-wasi, with wasi-libc and the wasm32 builtins. */
export function findClangWasi(probe: Probe = spawnProbe, exists: (path: string) => boolean = existsSync): Toolchain {
  const version = probe('clang', ['--version']);
  if (version === undefined) return { state: 'missing', needs: TOOLCHAIN_PACKAGES.clang, why: 'no clang on PATH' };
  if (!exists(join(WASI_HEADERS, 'stdlib.h'))) return { state: 'missing', needs: TOOLCHAIN_PACKAGES.clang, why: `no wasi-libc headers in ${WASI_HEADERS}` };
  const builtins = probe('clang', ['--target=wasm32-wasi', '--print-libgcc-file-name']);
  if (builtins === undefined || !exists(builtins)) return { state: 'missing', needs: TOOLCHAIN_PACKAGES.clang, why: 'no wasm32 compiler-rt builtins' };
  if (probe('wasm-ld', ['--version']) === undefined) return { state: 'missing', needs: TOOLCHAIN_PACKAGES.clang, why: 'no wasm-ld (lld)' };
  return { state: 'found', command: 'clang', version };
}

/** gcc for the native reference. */
export function findGcc(probe: Probe = spawnProbe): Toolchain {
  const version = probe('gcc', ['--version']);
  return version === undefined ? { state: 'missing', needs: TOOLCHAIN_PACKAGES.gcc, why: 'no gcc on PATH' } : { state: 'found', command: 'gcc', version };
}

/** The row text of a missing toolchain. */
export function skippedReason(toolchain: Extract<Toolchain, { state: 'missing' }>): string {
  return `skipped: needs ${toolchain.needs} (${toolchain.why}; apt-get install ${toolchain.needs})`;
}

/**
 * A detection run once per process: each probe spawns the compiler, and a
 * build asks once per workload (seven times for the same answer).
 */
export function detectOnce(find: () => Toolchain): () => Toolchain {
  let found: Toolchain | undefined;
  return () => (found ??= find());
}

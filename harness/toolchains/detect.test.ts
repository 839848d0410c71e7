import { describe, expect, it } from 'vitest';
import { detectOnce, findClangWasi, findGcc, findRust, skippedReason, type Probe } from './detect.js';

/** A probe that answers from a table of "command args" -> first line; anything else cannot run. */
function probeOf(answers: Record<string, string>): Probe {
  return (command, args) => answers[[command, ...args].join(' ')];
}

describe('findRust', () => {
  it('skips a rustc without the wasm32 standard library and takes the next that has it', () => {
    const probe = probeOf({
      '/root/.cargo/bin/rustc --version': 'rustc 1.95.0',
      '/root/.cargo/bin/rustc --print target-libdir --target wasm32-unknown-unknown': '/rustup/lib/wasm32/lib',
      '/usr/bin/rustc --version': 'rustc 1.63.0',
      '/usr/bin/rustc --print target-libdir --target wasm32-unknown-unknown': '/usr/lib/rustlib/wasm32-unknown-unknown/lib',
    });
    const exists = (path: string) => ['/root/.cargo/bin/rustc', '/usr/bin/rustc', '/usr/lib/rustlib/wasm32-unknown-unknown/lib'].includes(path);
    const found = findRust(probe, exists, '/root/.cargo/bin:/usr/local/bin:/usr/bin');
    expect(found).toEqual({ state: 'found', command: '/usr/bin/rustc', version: 'rustc 1.63.0' });
  });

  it('is missing, naming the Debian packages, when no rustc has wasm32', () => {
    const found = findRust(probeOf({ '/usr/bin/rustc --version': 'rustc 1.95.0' }), (path) => path === '/usr/bin/rustc', '/usr/bin');
    expect(found).toEqual({ state: 'missing', needs: 'rustc libstd-rust-dev-wasm32', why: 'no rustc with the wasm32-unknown-unknown standard library' });
    if (found.state === 'missing') {
      expect(skippedReason(found)).toBe('skipped: needs rustc libstd-rust-dev-wasm32 (no rustc with the wasm32-unknown-unknown standard library; apt-get install rustc libstd-rust-dev-wasm32)');
    }
  });
});

describe('findRust on a PATH that hides Rust', () => {
  it('finds nothing even when /usr/bin/rustc exists, because only PATH is searched', () => {
    const probe = probeOf({ '/usr/bin/rustc --version': 'rustc 1.63.0' });
    expect(findRust(probe, () => true, '/tmp/fresh-path')).toMatchObject({ state: 'missing' });
  });
});

describe('findClangWasi', () => {
  const complete = {
    'clang --version': 'Debian clang version 14.0.6',
    'clang --target=wasm32-wasi --print-libgcc-file-name': '/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a',
    'wasm-ld --version': 'LLD 14.0.6',
  };
  it('needs clang, the wasi-libc headers, the wasm32 builtins and wasm-ld', () => {
    expect(findClangWasi(probeOf(complete), () => true)).toEqual({ state: 'found', command: 'clang', version: 'Debian clang version 14.0.6' });
    expect(findClangWasi(probeOf({}), () => true)).toMatchObject({ state: 'missing', why: 'no clang on PATH' });
    expect(findClangWasi(probeOf(complete), (p) => !p.endsWith('stdlib.h'))).toMatchObject({ state: 'missing', why: 'no wasi-libc headers in /usr/include/wasm32-wasi' });
    expect(findClangWasi(probeOf(complete), (p) => !p.endsWith('.a'))).toMatchObject({ state: 'missing', why: 'no wasm32 compiler-rt builtins' });
    const { ['wasm-ld --version']: _lld, ...noLld } = complete;
    expect(findClangWasi(probeOf(noLld), () => true)).toMatchObject({ state: 'missing', why: 'no wasm-ld (lld)' });
  });
});

describe('findGcc', () => {
  it('finds gcc or says it is missing', () => {
    expect(findGcc(probeOf({ 'gcc --version': 'gcc 12.2.0' }))).toEqual({ state: 'found', command: 'gcc', version: 'gcc 12.2.0' });
    expect(findGcc(probeOf({}))).toMatchObject({ state: 'missing', needs: 'gcc' });
  });
});

describe('detectOnce', () => {
  it('runs the detection once and answers the same toolchain after', () => {
    let runs = 0;
    const once = detectOnce(() => {
      runs += 1;
      return findGcc(probeOf({ 'gcc --version': 'gcc 12.2.0' }));
    });
    expect(once()).toEqual({ state: 'found', command: 'gcc', version: 'gcc 12.2.0' });
    expect(once()).toBe(once());
    expect(runs).toBe(1);
  });
});

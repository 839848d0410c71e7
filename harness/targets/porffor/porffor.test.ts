/**
 * The porffor target: the shim around the node bundle, the host binding of
 * porffor's memory layout (bytes, Latin-1 and UTF-16 strings, thrown
 * errors), and the build's verification, which turns a wrong module into a
 * row reason. The compiling tests are skipped when the optional `porffor`
 * package is not installed; then the rows must say "skipped: needs porffor".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindPorffor } from './binding.js';
import { verifyPorfforModule } from './build.js';
import { compileWithPorffor, findPorffor } from './compiler.js';
import { porfforShimSource } from './shim.js';
import { porfforLambda } from './lambda.js';
import { findTarget, untimedPhases } from '../index.js';
import { loadCatalog, type CatalogEntry } from '../../workloads/catalog.js';
import { sha256Hex } from '../../verify/digest.js';
import { SIZE_NAMES } from '../../contract/index.js';

const PORFFOR = findPorffor();
const dir = mkdtempSync(join(tmpdir(), 'wlb-porffor-'));

/** Compiles a bundle-shaped source through the shim; the module bytes. */
function compileBundle(name: string, bundle: string): Uint8Array<ArrayBuffer> {
  if (PORFFOR.state !== 'found') throw new Error('porffor is not installed');
  const source = join(dir, `${name}.js`);
  const outfile = join(dir, `${name}.wasm`);
  writeFileSync(source, porfforShimSource(bundle));
  const outcome = compileWithPorffor(PORFFOR.command, source, outfile);
  if (!outcome.ok) throw new Error(outcome.error);
  return new Uint8Array(readFileSync(outfile));
}

let catalog: CatalogEntry[];
beforeAll(async () => {
  catalog = await loadCatalog();
});

describe('porfforShimSource', () => {
  it('binds the export named run, drops the other exports and adds the host entry points', () => {
    const shim = porfforShimSource('function y(a){return a}function m(a){return y(a)}export{y as multiply,m as run};');
    expect(shim).toContain('const __porffor_run = m;');
    expect(shim).not.toMatch(/export\s*\{/);
    expect(shim).toContain('export function __porffor_call(input) { return __porffor_run(input); }');
    expect(porfforShimSource('function run(a){return a}\nexport { run };')).toContain('const __porffor_run = run;');
  });

  it('refuses a bundle without run', () => {
    expect(() => porfforShimSource('function y(a){return a}export{y as multiply};')).toThrow(/naming `run`/);
  });
});

describe.runIf(PORFFOR.state === 'found')('porffor (installed)', () => {
  const bytesOnly = { input: 'bytes', output: 'bytes' } as const;

  it('compiles the noop workload from its node bundle, and the module reproduces every committed output', async () => {
    const entry = catalog.find((e) => e.definition.name === 'noop')!;
    const wasm = compileBundle('noop', readFileSync(entry.artifacts.node, 'utf8'));
    expect(await verifyPorfforModule(wasm, entry.definition, entry.expected!, 'porffor')).toBeUndefined();
  });

  it('turns a module that answers wrongly into a reason naming the first size', async () => {
    const entry = catalog.find((e) => e.definition.name === 'noop')!;
    const wasm = compileBundle('wrong', 'function r(a){const o=new Uint8Array(a.length);return o}export{r as run};');
    const reason = await verifyPorfforModule(wasm, entry.definition, entry.expected!, 'porffor x');
    expect(reason).toMatch(/^porffor x output differs from the expected output at small \(output mismatch/);
  });

  it('reads back what the module threw', async () => {
    const wasm = compileBundle('throws', 'function r(a){if(a.length>2)throw new RangeError("too long: "+a.length);return a}export{r as run};');
    const bound = bindPorffor(await WebAssembly.compile(wasm), bytesOnly);
    expect(Array.from(bound.call(new Uint8Array([7, 8])) as Uint8Array)).toEqual([7, 8]);
    expect(() => bound.call(new Uint8Array(5))).toThrow('porffor threw: too long: 5');
  });

  it('passes text both ways as Latin-1 and as UTF-16 strings', async () => {
    // Identity, or the length and last code unit the module saw ("#..."): porffor 0.61 mixes up
    // the representations when concatenating a UTF-16 string, so the output is either all the input or ASCII.
    const wasm = compileBundle('text', 'function r(s){return s.charAt(0)==="#"?String(s.length)+":"+s.charCodeAt(s.length-1):s}export{r as run};');
    const bound = bindPorffor(await WebAssembly.compile(wasm), { input: 'text', output: 'text' });
    expect(bound.call('caf\u00e9')).toBe('caf\u00e9');
    expect(bound.call('#caf\u00e9')).toBe('5:233');
    expect(bound.call('\u0101b\u20ac\ud83d\ude00')).toBe('\u0101b\u20ac\ud83d\ude00');
    expect(bound.call('#\u0101b\u20ac')).toBe('4:8364');
    // Text arriving as UTF-8 bytes is decoded first, as the node target's callers would pass it.
    expect(bound.call(new TextEncoder().encode('\u00e9t\u00e9 \u20ac'))).toBe('\u00e9t\u00e9 \u20ac');
  });

  it('starts a fresh instance before porffor runs out of memory, since it frees nothing', async () => {
    const wasm = compileBundle('leak', 'function r(a){return a}export{r as run};');
    const bound = bindPorffor(await WebAssembly.compile(wasm), bytesOnly);
    const input = new Uint8Array(64 * 1024).map((_, i) => i % 251);
    const digest = sha256Hex(input);
    // Each call keeps at least its input: 4000 of them pass the 32 MiB porffor starts with.
    for (let i = 0; i < 4000; i++) expect(sha256Hex(bound.call(input))).toBe(digest);
    expect(bound.recycles()).toBeGreaterThanOrEqual(1);
  });

  it('runs noop through the adapter from npm run build\'s module, and every other workload has a module or a reason', async () => {
    const adapter = findTarget('porffor')!;
    for (const entry of catalog) {
      const gap = adapter.unsupportedReason(entry);
      if (gap !== undefined) {
        expect(gap, entry.definition.name).toMatch(/^porffor \S+ (cannot compile|output differs from the expected output at|module fails at) /);
        continue;
      }
      const loaded = await adapter.load(entry, untimedPhases);
      for (const size of SIZE_NAMES) {
        const input = entry.definition.generateInput(size, entry.expected!.seed);
        expect(sha256Hex(loaded.call(input)), `${entry.definition.name} ${size}`).toBe(entry.expected!.sizes[size]!.outputSha256);
      }
    }
    expect(adapter.unsupportedReason(catalog.find((e) => e.definition.name === 'noop')!)).toBeUndefined();
  });

  it('packages a Lambda handler exactly where the build made a verified module, and says why elsewhere', () => {
    const adapter = findTarget('porffor')!;
    for (const entry of catalog) {
      expect(porfforLambda.unavailable!({ name: entry.definition.name }), entry.definition.name).toBe(adapter.unsupportedReason(entry));
    }
    const noop = catalog.find((e) => e.definition.name === 'noop')!;
    expect(porfforLambda.extraFiles({ name: 'noop', payload: noop.definition.payload, nodeSource: '', artifacts: noop.artifacts })[0]!.path).toMatch(/noop\/porffor\.wasm$/);
  });
});

describe.runIf(PORFFOR.state === 'missing')('porffor (not installed)', () => {
  it('says "skipped: needs porffor" for every workload', () => {
    const adapter = findTarget('porffor')!;
    for (const entry of catalog) expect(adapter.unsupportedReason(entry), entry.definition.name).toMatch(/^skipped: needs porffor/);
  });
});

/**
 * The component targets reproduce the committed expected outputs for every
 * workload and size, the AssemblyScript wrapper keeps the canonical ABI it
 * promises, and the component build is cached: the global setup has built
 * everything, so building again rebuilds no component.
 *
 * StarlingMonkey runs the workload's JS in an interpreter: large sizes take
 * seconds per call, hence the long timeouts on the `component` cases.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTargets, buildWorkloads } from '../build/targets.js';
import { asComponentTarget } from '../targets/as-component/adapter.js';
import { componentTarget } from '../targets/component/adapter.js';
import { untimedPhases } from '../targets/index.js';
import { SIZE_NAMES, type LoadedTarget, type TargetAdapter } from '../contract/index.js';
import { sha256Hex } from '../verify/digest.js';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { countEnvReads } from '../../wasm/component-glue.js';
import { deriveWorld } from '../../wasm/component-wit.js';
import { componentPaths, type ComponentKind } from '../../wasm/component-paths.js';

const catalog = await loadCatalog();
const TARGETS: readonly TargetAdapter[] = [asComponentTarget, componentTarget];
/** Per-case timeout: a StarlingMonkey call on a large input can take tens of seconds on a busy machine. */
const SLOW_CASE_MS = 900_000;

const loaded = new Map<string, Promise<LoadedTarget>>();
function load(target: TargetAdapter, entry: CatalogEntry): Promise<LoadedTarget> {
  const key = `${target.name}/${entry.definition.name}`;
  let pending = loaded.get(key);
  if (!pending) loaded.set(key, (pending = target.load(entry, untimedPhases)));
  return pending;
}

describe.each(TARGETS.map((t) => [t.name, t] as const))('target %s', (_name, target) => {
  describe.each(catalog.map((entry) => [entry.definition.name, entry] as const))('workload %s', (_workload, entry) => {
    const unsupported = target.unsupportedReason(entry);
    if (unsupported !== undefined) {
      it('declares why it cannot be expressed, and is not built', () => {
        expect(unsupported.trim().length).toBeGreaterThan(10);
        expect(() => readFileSync(componentPaths(entry.definition.name, target.name as ComponentKind).info)).toThrow();
      });
      return;
    }

    it.each(SIZE_NAMES)('reproduces the committed vector (%s)', { timeout: SLOW_CASE_MS }, async (size) => {
      const { definition, expected } = entry;
      const want = expected?.sizes[size];
      if (!want || !expected) throw new Error(`${definition.name} has no committed expected output for ${size}`);
      const input = definition.generateInput(size, expected.seed);
      expect(sha256Hex(input), 'the input generator changed').toBe(want.inputSha256);
      const component = await load(target, entry);
      const output = component.call(input);
      expect(typeof output === 'string' ? 'text' : 'bytes').toBe(definition.payload.output);
      expect(sha256Hex(output)).toBe(want.outputSha256);
    });

    it('gives the same output on a second call to the same instance', { timeout: SLOW_CASE_MS }, async () => {
      const { definition, expected } = entry;
      if (!expected) throw new Error('missing expected output');
      const component = await load(target, entry);
      const input = definition.generateInput('small', expected.seed);
      expect(sha256Hex(component.call(input))).toBe(expected.sizes.small.outputSha256);
      expect(sha256Hex(component.call(input))).toBe(expected.sizes.small.outputSha256);
    });

    it('lists its transpiled glue and core modules as artifacts, with build facts', { timeout: SLOW_CASE_MS }, async () => {
      const artifacts = target.artifacts(entry);
      expect(artifacts[0]?.path.endsWith('.js')).toBe(true);
      expect(artifacts.filter((a) => a.path.endsWith('.wasm')).length).toBeGreaterThan(0);
      const info = target.buildInfo(entry) as { tools?: Record<string, string>; glueProbe?: { envReadsPerCall: number } };
      expect(info.tools?.['jco']).toMatch(/^\d+\.\d+\.\d+/);
      // The build's probe, counted again here on the loaded target: the recorded figure is the glue's.
      const component = await load(target, entry);
      const input = entry.definition.generateInput('small', entry.expected?.seed ?? 1);
      component.call(input);
      expect(info.glueProbe?.envReadsPerCall).toBe(countEnvReads(() => void component.call(input)));
      expect(target.notes?.(entry).some((note) => note.includes('JCO_DEBUG'))).toBe(true);
    });
  });
});

describe('as-component canonical ABI', () => {
  const noop = catalog.find((entry) => entry.definition.name === 'noop');

  it('wraps a core module with no imports and exactly the canonical-ABI exports', async () => {
    for (const entry of catalog) {
      if (asComponentTarget.unsupportedReason(entry) !== undefined) continue;
      const core = await WebAssembly.compile(readFileSync(componentPaths(entry.definition.name, 'as-component').coreModule));
      expect(WebAssembly.Module.imports(core), entry.definition.name).toEqual([]);
      expect(WebAssembly.Module.exports(core).map((e) => e.name).sort(), entry.definition.name).toEqual(['cabi_post_run', 'cabi_realloc', 'memory', 'run']);
    }
  });

  it('leaves the core-module ABI of the wasm target as it was', async () => {
    for (const entry of catalog) {
      const core = await WebAssembly.compile(readFileSync(entry.artifacts.wasm));
      const names = WebAssembly.Module.exports(core).map((e) => e.name);
      expect(names, entry.definition.name).toEqual(expect.arrayContaining(['memory', 'inputBuffer', 'run', 'outputPtr']));
      expect(names.some((name) => name.startsWith('cabi_')), entry.definition.name).toBe(false);
    }
  });

  it.runIf(noop !== undefined)('passes empty and 1 MiB lists, and frees what each call allocates', async () => {
    if (!noop) return;
    const component = await asComponentTarget.load(noop, untimedPhases);
    expect(component.call(new Uint8Array(0))).toEqual(new Uint8Array(0));
    const big = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 0xff);
    expect(sha256Hex(component.call(big))).toBe(sha256Hex(big));
    // Input blocks are freed after each call and results released in post-return:
    // once the heap has grown for one large call, more calls do not grow it.
    for (let i = 0; i < 20; i++) component.call(big);
    const settled = component.memoryBytes?.();
    for (let i = 0; i < 60; i++) component.call(big);
    expect(component.memoryBytes?.()).toBe(settled);
  });
});

describe('component WIT world', () => {
  it('derives list<u8> and string signatures from the payload kinds', () => {
    expect(deriveWorld({ name: 'x', payload: { input: 'bytes', output: 'bytes' } })).toContain('export run: func(input: list<u8>) -> list<u8>;');
    expect(deriveWorld({ name: 'x', payload: { input: 'text', output: 'bytes' } })).toContain('export run: func(input: string) -> list<u8>;');
    expect(deriveWorld({ name: 'x', payload: { input: 'text', output: 'text' } })).toContain('export run: func(input: string) -> string;');
  });
});

describe('component build cache', () => {
  it('rebuilds no component when nothing changed since the global setup', { timeout: SLOW_CASE_MS }, async () => {
    const steps = await buildTargets(await buildWorkloads(catalog.map((entry) => entry.definition.name)), () => {}, { targets: TARGETS.map((t) => t.name) });
    expect(steps.filter((s) => s.outcome === 'failed')).toEqual([]);
    expect(steps.filter((s) => s.outcome === 'built')).toEqual([]);
    expect(steps.filter((s) => s.outcome === 'fresh').length).toBeGreaterThan(0);
  });
});

/**
 * Every workload, both implementations: the TypeScript and AssemblyScript
 * versions reproduce the committed expected outputs for every size preset,
 * and agree with each other on fresh random seeds.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkloadModule } from '../../wasm/loader.js';
import { SIZE_NAMES } from '../types.js';
import { sha256Hex } from '../verify/digest.js';
import { importNodeImplementation, loadCatalog } from '../workloads/catalog.js';

const catalog = await loadCatalog();

describe.each(catalog.map((entry) => [entry.definition.name, entry] as const))('workload %s', (_name, entry) => {
  const { definition, expected } = entry;

  it('has committed expected outputs for every size', () => {
    expect(expected).toBeDefined();
    for (const size of SIZE_NAMES) expect(expected?.sizes[size]?.outputSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('declares sizes that grow', () => {
    expect(Object.keys(definition.sizes).sort()).toEqual([...SIZE_NAMES].sort());
    expect(definition.stresses.length).toBeGreaterThan(0);
    expect(definition.asc.why.length).toBeGreaterThan(0);
  });

  it.each(SIZE_NAMES)('reproduces the committed vector (%s) in node and wasm', async (size) => {
    const want = expected?.sizes[size];
    if (!want || !expected) throw new Error('missing expected output');
    const input = definition.generateInput(size, expected.seed);
    expect(sha256Hex(input), 'the input generator changed').toBe(want.inputSha256);
    const run = await importNodeImplementation(entry);
    const wasm = await loadWorkloadModule(entry.artifacts.wasm, definition.payload);
    expect(sha256Hex(run(input)), 'node').toBe(want.outputSha256);
    expect(sha256Hex(wasm.call(input)), 'wasm').toBe(want.outputSha256);
    // A second call on the same instance must not depend on leftover state.
    expect(sha256Hex(wasm.call(input)), 'wasm, second call').toBe(want.outputSha256);
  });

  it('agrees between node and wasm on random seeds', async () => {
    const run = await importNodeImplementation(entry);
    const wasm = await loadWorkloadModule(entry.artifacts.wasm, definition.payload);
    for (const seed of [7, 1234, 987_654_321]) {
      const input = definition.generateInput('small', seed);
      expect(sha256Hex(wasm.call(input)), `seed ${seed}`).toBe(sha256Hex(run(input)));
    }
  });
});

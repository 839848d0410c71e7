/**
 * Every workload, every implementation: the TypeScript and AssemblyScript
 * versions (and the idiomatic Node variant, where a workload has one)
 * reproduce the committed expected outputs for every size preset, and agree
 * with each other on fresh random seeds. A workload without an idiomatic
 * variant says why in its manifest.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkloadModule } from '../../wasm/loader.js';
import { SIZE_NAMES } from '../contract/index.js';
import { sha256Hex } from '../verify/digest.js';
import { importNodeImplementation, loadCatalog } from '../workloads/catalog.js';
import { idiomaticSource } from '../workloads/discover.js';
import { ALREADY_IDIOMATIC } from '../workloads/idiomatic.js';
import { ROOT } from '../paths.js';
import { nodeIdiomaticTarget } from '../targets/node-idiomatic/adapter.js';
import { untimedPhases } from '../targets/index.js';
import type { WorkloadFunction } from '../contract/index.js';

const catalog = await loadCatalog();

describe.each(catalog.map((entry) => [entry.definition.name, entry] as const))('workload %s', (_name, entry) => {
  const { definition, expected } = entry;
  const hasIdiomatic = idiomaticSource(ROOT, definition.name) !== undefined;
  /** The idiomatic variant as the node-idiomatic target loads it (its bundle), or undefined when the workload has none. */
  const importIdiomatic = async (): Promise<WorkloadFunction | undefined> =>
    hasIdiomatic ? (await nodeIdiomaticTarget.load(entry, untimedPhases)).call : undefined;

  it('has an idiomatic Node variant or says in its manifest why node.ts already is the idiomatic code, never both', () => {
    const declared = definition.unsupportedTargets?.['node-idiomatic'];
    if (hasIdiomatic) expect(declared, 'a variant and a reason for having none').toBeUndefined();
    else expect(declared?.startsWith(ALREADY_IDIOMATIC) && declared.length > ALREADY_IDIOMATIC.length + 20, declared).toBe(true);
  });

  it('has committed expected outputs for every size', () => {
    expect(expected).toBeDefined();
    for (const size of SIZE_NAMES) expect(expected?.sizes[size]?.outputSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('declares sizes that grow', () => {
    expect(Object.keys(definition.sizes).sort()).toEqual([...SIZE_NAMES].sort());
    expect(definition.stresses.length).toBeGreaterThan(0);
    expect(definition.asc.why.length).toBeGreaterThan(0);
  });

  it.each(SIZE_NAMES)('reproduces the committed vector (%s) in node, wasm and the idiomatic variant', async (size) => {
    const want = expected?.sizes[size];
    if (!want || !expected) throw new Error('missing expected output');
    const input = definition.generateInput(size, expected.seed);
    expect(sha256Hex(input), 'the input generator changed').toBe(want.inputSha256);
    const run = await importNodeImplementation(entry);
    const wasm = await loadWorkloadModule(entry.artifacts.wasm, definition.payload);
    expect(sha256Hex(run(input)), 'node').toBe(want.outputSha256);
    expect(sha256Hex(wasm.call(input)), 'wasm').toBe(want.outputSha256);
    const idiomatic = await importIdiomatic();
    if (idiomatic) expect(sha256Hex(idiomatic(input)), 'node-idiomatic').toBe(want.outputSha256);
    // A second call on the same instance must not depend on leftover state.
    expect(sha256Hex(wasm.call(input)), 'wasm, second call').toBe(want.outputSha256);
  });

  it('agrees between node, wasm and the idiomatic variant on random seeds', async () => {
    const run = await importNodeImplementation(entry);
    const wasm = await loadWorkloadModule(entry.artifacts.wasm, definition.payload);
    const idiomatic = await importIdiomatic();
    for (const seed of [7, 1234, 987_654_321]) {
      const input = definition.generateInput('small', seed);
      expect(sha256Hex(wasm.call(input)), `seed ${seed}`).toBe(sha256Hex(run(input)));
      if (idiomatic) expect(sha256Hex(idiomatic(input)), `node-idiomatic, seed ${seed}`).toBe(sha256Hex(run(input)));
    }
  });
});

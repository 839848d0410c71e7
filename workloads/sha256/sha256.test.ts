/**
 * sha256: the port and the AssemblyScript module against an independent
 * oracle, node:crypto (OpenSSL), on the size presets and on the lengths where
 * padding changes shape (one vs two final blocks, exact block multiples).
 * The idiomatic variant is node:crypto itself, so the oracle says little
 * about it: it is held to the FIPS example, to the port, and to its output
 * type (a plain Uint8Array, as the port returns, also for views).
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { workloadArtifacts } from '../../harness/paths.js';
import { SIZE_NAMES } from '../../harness/contract/index.js';
import { loadWorkloadModule, type BoundWasmWorkload } from '../../wasm/loader.js';
import { randomBytes } from '../_kit/random.js';
import { run } from './node.js';
import { run as idiomatic } from './idiomatic.js';
import definition from './workload.js';

const oracle = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** 0..3, around the 56-byte padding boundary and the 64-byte block, and further multiples. */
const EDGE_LENGTHS = [0, 1, 2, 3, 54, 55, 56, 57, 62, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 191, 192, 1000, 4095, 4096, 4097];

let wasm: BoundWasmWorkload;
beforeAll(async () => {
  wasm = await loadWorkloadModule(workloadArtifacts('sha256').wasm, definition.payload);
});

describe('sha256', () => {
  it('matches the FIPS 180-4 example "abc"', () => {
    const abc = new TextEncoder().encode('abc');
    const want = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(hex(run(abc))).toBe(want);
    expect(hex(wasm.call(abc) as Uint8Array)).toBe(want);
    expect(hex(idiomatic(abc)), 'idiomatic').toBe(want);
  });

  it.each(EDGE_LENGTHS)('matches node:crypto at %i bytes', (length) => {
    const input = randomBytes(length, 1000 + length);
    const want = oracle(input);
    expect(hex(run(input)), 'node').toBe(want);
    expect(hex(wasm.call(input) as Uint8Array), 'wasm').toBe(want);
    expect(hex(idiomatic(input)), 'idiomatic').toBe(hex(run(input)));
  });

  it.each(SIZE_NAMES)('matches node:crypto on the %s preset (two seeds)', (size) => {
    for (const seed of [1, 2]) {
      const input = definition.generateInput(size, seed) as Uint8Array;
      expect(input.length).toBe(definition.sizes[size].params.bytes);
      const want = oracle(input);
      expect(hex(run(input)), `node, seed ${seed}`).toBe(want);
      expect(hex(wasm.call(input) as Uint8Array), `wasm, seed ${seed}`).toBe(want);
    }
  });

  it('hashes inputs that are not a view over a whole buffer', () => {
    const backing = randomBytes(300, 5);
    const view = backing.subarray(17, 17 + 200);
    expect(hex(run(view))).toBe(oracle(view));
    expect(hex(idiomatic(view))).toBe(oracle(view));
  });

  it('gives the idiomatic digest as a plain 32-byte Uint8Array, as the port does', () => {
    const digest = idiomatic(randomBytes(100, 3));
    expect(Object.getPrototypeOf(digest)).toBe(Uint8Array.prototype);
    expect(digest.length).toBe(32);
  });

  it('gives a 32-byte digest that changes with a single flipped bit', () => {
    const input = randomBytes(1024, 9);
    const flipped = input.slice();
    flipped[512] = flipped[512]! ^ 1;
    const a = wasm.call(input) as Uint8Array;
    const b = wasm.call(flipped) as Uint8Array;
    expect(a.length).toBe(32);
    expect(hex(a)).not.toBe(hex(b));
    expect(hex(b)).toBe(oracle(flipped));
  });
});

/** The expected output every target is checked against. */
import { describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { prepareReference } from './reference.js';

const catalog = await loadCatalog();
const noop = catalog.find((entry) => entry.definition.name === 'noop') as CatalogEntry;

describe('prepareReference', () => {
  it('generates the committed input and expects the committed output digest', async () => {
    const reference = await prepareReference(noop, 'medium', noop.expected?.seed ?? 1);
    expect(reference).toMatchObject({ state: 'ready', verifiedAgainst: 'committed', expectedSha256: noop.expected?.sizes.medium.outputSha256, expectedBytes: 4096 });
    expect(reference.state === 'ready' && (reference.input as Uint8Array).byteLength).toBe(4096);
  });

  it('uses the node output as the reference for another seed, and says so', async () => {
    const reference = await prepareReference(noop, 'small', 99);
    expect(reference).toMatchObject({ state: 'ready', verifiedAgainst: 'node-reference', expectedBytes: 64 });
    expect(reference.state === 'ready' && reference.expectedSha256).not.toBe(noop.expected?.sizes.small.outputSha256);
  });

  it('errors when expected.json no longer matches the generator or the implementation', async () => {
    const want = noop.expected?.sizes.small;
    if (!noop.expected || !want) throw new Error('noop has no committed vectors');
    const staleInput: CatalogEntry = { ...noop, expected: { ...noop.expected, sizes: { ...noop.expected.sizes, small: { ...want, inputSha256: '0'.repeat(64) } } } };
    expect(await prepareReference(staleInput, 'small', noop.expected.seed)).toMatchObject({ state: 'errored', error: expect.stringMatching(/input generator/) });
    const staleOutput: CatalogEntry = { ...noop, expected: { ...noop.expected, sizes: { ...noop.expected.sizes, small: { ...want, outputSha256: '0'.repeat(64) } } } };
    expect(await prepareReference(staleOutput, 'small', noop.expected.seed)).toMatchObject({ state: 'errored', error: expect.stringMatching(/no longer reproduces/) });
  });
});

/**
 * The cold child verifies what the target returned, not what it was given:
 * real child processes on wordcount, whose output (the counts) is unlike its
 * input (the text). noop returns its input, so a child that digested its
 * input instead of the output passed every noop test.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../workloads/catalog.js';
import { runColdSamples, type ColdInput } from './rounds.js';
import type { ColdItem, ColdTargetItem, CompletedColdSample } from './types.js';

const catalog = await loadCatalog();
const wordcount = catalog.find((entry) => entry.definition.name === 'wordcount');

const sha256 = (payload: string | Uint8Array): string => createHash('sha256').update(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload).digest('hex');

function prepare(item: ColdTargetItem): ColdInput {
  if (!wordcount?.expected) throw new Error('wordcount is not built or has no expected outputs');
  return {
    workload: wordcount,
    input: wordcount.definition.generateInput(item.size, wordcount.expected.seed),
    expectedOutputSha256: wordcount.expected.sizes[item.size].outputSha256,
  };
}

const items: ColdItem[] = [
  { kind: 'target', workload: 'wordcount', target: 'node', size: 'small', engine: 'default' },
  { kind: 'target', workload: 'wordcount', target: 'wasm', size: 'small', engine: 'default' },
];

describe('cold child verification on a workload that transforms its input (real child processes)', () => {
  it('the workload\'s expected output is not its input (else this test could not tell them apart)', () => {
    const input = prepare(items[0] as ColdTargetItem);
    expect(input.expectedOutputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(input.input)).not.toBe(input.expectedOutputSha256);
  });

  it('verifies the first and last outputs of node and wasm against the expected output', async () => {
    const samples = await runColdSamples({ items, samples: 1, seed: 1, prepare, calls: 3, timeoutMs: 30_000 });
    const failures = samples.filter((sample) => sample.state === 'errored');
    expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
    expect(samples.map((s) => s.key).sort()).toEqual(['wordcount/node/small/default', 'wordcount/wasm/small/default']);
    for (const sample of samples as CompletedColdSample[]) {
      expect(sample.verified, sample.key).toBe(true);
      expect(sample.callsNs, sample.key).toHaveLength(3);
    }
  });

  it('refuses a run whose expected digest is the input\'s: the child must digest what the target returned', async () => {
    const samples = await runColdSamples({
      items: [items[0] as ColdItem],
      samples: 1,
      seed: 1,
      calls: 2,
      timeoutMs: 30_000,
      prepare: (item) => {
        const real = prepare(item);
        return { ...real, expectedOutputSha256: sha256(real.input) };
      },
    });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ state: 'errored', failure: 'mismatch' });
  });
});

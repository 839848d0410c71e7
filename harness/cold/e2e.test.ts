/**
 * The real thing, small: bundled child processes of plain `node` for the
 * noop workload (node and wasm targets), the empty baseline and one eager
 * row, a couple of samples each. Checks that every phase is there, outputs
 * were verified, the clocks line up causally, and that real failures (wrong
 * expected output, missing script) come back as errored samples. No timing
 * thresholds: the machine is shared.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../workloads/catalog.js';
import { COLD_CHILD_SCRIPT, runColdSamples, type ColdInput } from './rounds.js';
import { summariseCold } from './summary.js';
import type { ColdItem, ColdTargetItem, CompletedColdSample } from './types.js';

const catalog = await loadCatalog();
const noop = catalog.find((entry) => entry.definition.name === 'noop');

function prepare(item: ColdTargetItem): ColdInput {
  if (!noop?.expected) throw new Error('noop is not built or has no expected outputs');
  return {
    workload: noop,
    input: noop.definition.generateInput(item.size, noop.expected.seed),
    expectedOutputSha256: noop.expected.sizes[item.size].outputSha256,
  };
}

const items: ColdItem[] = [
  { kind: 'baseline', engine: 'default' },
  { kind: 'target', workload: 'noop', target: 'node', size: 'small', engine: 'default' },
  { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'default' },
  { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'eager' },
];

describe('cold start, end to end (real child processes)', () => {
  it('has a built child script', () => {
    expect(existsSync(COLD_CHILD_SCRIPT)).toBe(true);
  });

  it('measures every phase of node, wasm and the empty process, with verified outputs', async () => {
    const samples = await runColdSamples({ items, samples: 2, seed: 1, prepare, calls: 20, timeoutMs: 30_000 });
    const failures = samples.filter((sample) => sample.state === 'errored');
    expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
    const completed = samples as CompletedColdSample[];
    expect(completed).toHaveLength(8);

    for (const sample of completed) {
      // Causal order on the shared monotonic clock, not a threshold.
      expect(sample.processStartNs).toBeGreaterThan(0);
      expect(sample.timeToFirstResultChildNs).toBeGreaterThan(sample.processStartNs);
      expect(sample.timeToFirstResultNs).toBeGreaterThanOrEqual(sample.timeToFirstResultChildNs);
      expect(sample.wallNs).toBeGreaterThanOrEqual(sample.timeToFirstResultNs);
      expect(sample.maxRssBytes).toBeGreaterThan(sample.memoryAtEnd.heapUsedBytes);
      expect(sample.cpuUserUs + sample.cpuSystemUs).toBeGreaterThan(0);
      expect(sample.argv[0]).toBe(process.execPath);
      expect(sample.argv).toContain(COLD_CHILD_SCRIPT);
      expect(sample.execArgv).not.toContain('--import');
    }

    const byKey = new Map(summariseCold(samples).map((summary) => [summary.key, summary]));
    const phasesOf = (key: string): string[] => {
      const summary = byKey.get(key);
      if (summary?.state !== 'completed') throw new Error(`${key} not completed`);
      expect(summary.cold.samples).toBe(2);
      return Object.keys(summary.cold.phases);
    };
    expect(phasesOf('baseline/default')).toEqual(['processStart', 'harness']);
    expect(phasesOf('noop/node/small/default')).toEqual(['processStart', 'import', 'harness', 'firstCall']);
    expect(phasesOf('noop/wasm/small/default')).toEqual(['processStart', 'read', 'compile', 'instantiate', 'harness', 'firstCall']);

    for (const sample of completed.filter((s) => s.item.kind === 'target')) {
      expect(sample.verified).toBe(true);
      expect(sample.callsNs).toHaveLength(20);
    }
    const wasm = completed.filter((s) => s.key === 'noop/wasm/small/default');
    expect(wasm.every((s) => (s.wasmMemoryAtEndBytes ?? 0) >= 65536)).toBe(true);
    const eager = completed.filter((s) => s.key === 'noop/wasm/small/eager');
    expect(eager.every((s) => s.execArgv.includes('--no-wasm-lazy-compilation'))).toBe(true);
    const nodeRows = completed.filter((s) => s.key === 'noop/node/small/default');
    expect(nodeRows.every((s) => s.wasmMemoryAtEndBytes === undefined && s.execArgv.length === 0)).toBe(true);
  });

  it('catches a wrong output from a real child and records why', async () => {
    const samples = await runColdSamples({
      items: [items[2] as ColdItem],
      samples: 2,
      seed: 1,
      calls: 3,
      prepare: (item) => ({ ...prepare(item), expectedOutputSha256: '0'.repeat(64) }),
    });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ state: 'errored', failure: 'mismatch' });
    expect(summariseCold(samples)[0]?.state).toBe('errored');
  });

  it('records a child that cannot run as errored, with its stderr', async () => {
    const samples = await runColdSamples({ items: [items[0] as ColdItem], samples: 1, seed: 1, prepare, childScript: '/nonexistent/cold-child.mjs' });
    expect(samples[0]).toMatchObject({ state: 'errored', failure: 'exit-code', exitCode: 1 });
    if (samples[0]?.state === 'errored') expect(samples[0].stderrTail).toMatch(/Cannot find module/);
  });
});

/**
 * The native reference's phase with a fake driver runner on the real catalog
 * (built artifacts, real expected outputs): the runner writes the output
 * files a real driver would and answers planted samples, so the row's
 * median, its unpaired ratio to node, the checks and the failures are known.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaOptionsFrom } from '../options/lambda.js';
import { compareUnpaired } from '../stats/unpaired.js';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { findGcc } from '../toolchains/detect.js';
import { nativeSamples, runLocalNative } from './local-native.js';
import type { BenchOptions } from './options.js';
import { plannedGroups, ProgressTracker } from './progress.js';
import { prepareReference } from './reference.js';
import { ResultTable } from './results.js';
import { rowKey } from './warm-groups.js';
import type { Runner } from '../targets/native/driver.js';
import type { CompletedResult, ErroredResult } from '../contract/index.js';
import type { SamplesRecord } from '../contract/index.js';

let catalog: CatalogEntry[];
beforeAll(async () => {
  catalog = await loadCatalog();
});

function options(overrides: Partial<BenchOptions> = {}): BenchOptions {
  return {
    workloads: ['sha256'], targets: ['node', 'native'], sizes: ['small'], sizesExplicit: true, placements: ['local'], timeMs: 1, warmupMs: 0, rounds: 1,
    seed: 1, forks: 3, maxForks: 5, resolveBudgetMs: 0, controls: false,
    coldSamples: 0, coldSizes: ['small'], engines: ['default'], coldCalls: 0, coldCallBudgetMs: 0, coldTimeoutMs: 100, quick: true, wide: false, outDir: tmpdir(), lambda: lambdaOptionsFrom({}, true),
    ...overrides,
  };
}

/** A runner that writes `outputs(fork)` as the first and last outputs and answers samples around `medians[fork]`. */
function fakeDriver(output: (fork: number) => Uint8Array, medians: readonly number[]) {
  const calls: string[][] = [];
  const runner: Runner = async (command, args) => {
    const fork = calls.length;
    calls.push([command, ...args]);
    writeFileSync(args[1] as string, output(fork));
    writeFileSync(`${args[1] as string}.last`, output(fork));
    const m = medians[fork] as number;
    return { code: 0, signal: null, stdout: JSON.stringify({ samplesNs: [m * 1.2, m, m * 0.9], callsPerSample: 64, outputBytes: 32 }), stderr: '', timedOut: false };
  };
  return { runner, calls };
}

async function run(opts: BenchOptions, runner: Runner, table = new ResultTable()) {
  const samples: SamplesRecord[] = [];
  await runLocalNative(
    {
      options: opts, catalog, table, baselines: { emptyProcess: [], lambdaPowerTuning: [] }, progress: new ProgressTracker(plannedGroups(opts)), cleanup: { add: () => () => undefined },
      sink: { samples: (r) => samples.push(r), checkpoint: () => undefined, progress: () => undefined, note: () => undefined },
    },
    runner,
  );
  return { table, samples };
}

describe.skipIf(findGcc().state !== 'found')('runLocalNative', () => {
  it('runs one driver per fork, publishes the process-level median and the unpaired ratio to node, and records raw samples', async () => {
    const entry = catalog.find((e) => e.definition.name === 'sha256')!;
    const reference = await prepareReference(entry, 'small', 1);
    if (reference.state !== 'ready') throw new Error('reference');
    const right = reference.expected as Uint8Array;
    const table = new ResultTable();
    const nodeMedians = [8000, 8200, 7900];
    table.complete(rowKey('sha256', 'node', 'small'), { warm: { medianNs: 8000, p75Ns: 0, p99Ns: 0, madNs: 0, meanNs: 0, minNs: 0, maxNs: 0, samples: 9, ci95Ns: [7900, 8200], callsPerSample: 1, forks: { forks: 3, mediansNs: nodeMedians, betweenCv: 0, withinCv: 0 } } });
    const driver = fakeDriver(() => right, [3000, 3100, 2900]);
    const { samples } = await run(options(), driver.runner, table);
    expect(driver.calls).toHaveLength(3);
    // input, output, warm-up calls, samples (the --time budget at 1 ms each, at least 30), calls per sample chosen by the driver (0).
    expect(driver.calls[0]!.slice(3)).toEqual(['20', String(nativeSamples(1)), '0']);
    const row = table.get(rowKey('sha256', 'native', 'small')) as CompletedResult;
    expect(row.state).toBe('completed');
    expect(row.warm?.forks?.mediansNs).toEqual([3000, 3100, 2900]);
    expect(row.warm?.medianNs).toBeCloseTo(Math.cbrt(3000 * 3100 * 2900), 6);
    expect(row.vsNode).toEqual(compareUnpaired([3000, 3100, 2900], nodeMedians, { unit: 'process' }));
    expect(row['warmChecks']).toBe(6);
    expect(samples.map((s) => (s.kind === 'warm' ? s.fork : undefined))).toEqual([0, 1, 2]);
  });

  it('fails the row as wrong-output when a driver writes a wrong output of the right length, and stops running drivers', async () => {
    const wrong = new Uint8Array(32).fill(7);
    const driver = fakeDriver(() => wrong, [1, 1, 1]);
    const { table } = await run(options(), driver.runner);
    const row = table.get(rowKey('sha256', 'native', 'small')) as ErroredResult;
    expect(row.state).toBe('errored');
    expect(row.failure).toBe('wrong-output');
    expect(row.error).toMatch(/^native first call: output mismatch/);
    expect(driver.calls).toHaveLength(1);
  });

  it('gives json-transform an unsupported row with its declared reason, and does nothing without native in --targets', async () => {
    const driver = fakeDriver(() => new Uint8Array(), [1]);
    const { table } = await run(options({ workloads: ['json-transform'] }), driver.runner);
    expect(table.get(rowKey('json-transform', 'native', 'small'))).toMatchObject({ state: 'unsupported', error: expect.stringMatching(/^not ported to C/) });
    const none = await run(options({ targets: ['node', 'wasm'] }), driver.runner);
    expect(none.table.rows()).toEqual([]);
    expect(driver.calls).toEqual([]);
  });
});

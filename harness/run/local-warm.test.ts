/**
 * The warm phase's accounting, driven end to end with a fake fork spawner
 * on the real catalog: every fork answers samples planted per workload,
 * entry and fork index, so each figure of a row (process-level median,
 * paired ratio, process count, extra processes for unresolved groups, a
 * wrong output, the calibration verdict, the samples lines) is known in
 * advance and a wrong one fails here.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, fakeSpawner, type FakeStep } from '../cold/fake-child.js';
import { CONTROL_ENTRIES } from '../controls/calibration.js';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { runLocalWarm } from './local-warm.js';
import { lambdaOptionsFrom } from '../options/lambda.js';
import type { BenchOptions } from './options.js';
import { plannedGroups, ProgressTracker } from './progress.js';
import { ResultTable } from './results.js';
import { rowKey } from './warm-groups.js';
import type { ForkJob, ForkOutcome } from '../warm/fork-job.js';
import type { CompletedResult, ErroredResult, ResultRecord, RunCalibration } from '../contract/index.js';
import type { SamplesRecord } from '../contract/index.js';

const SEED = 1;
/** Machine drift of fork i: every entry of a fork is slower or faster by it (a paired ratio cancels it). */
const DRIFT = [1, 1.5, 0.8, 1.2, 0.9, 1.1];
/** sha256: wasm/node per fork (a clear win: resolved after the minimum). */
const SHA_RATIO = [0.5, 0.52, 0.49, 0.51, 0.5, 0.5];
/** noop: wasm/node per fork, all over the place (unresolved however many processes). */
const NOOP_RATIO = [0.7, 1.4, 0.75, 1.35, 0.8, 1.3];
/** Controls, per fork: A again / A, and planted / A. */
const AA_RATIO = [0.99, 1.0, 1.01, 1.0, 1.0, 1.0];
const AA_WITH_A_DIFFERENCE = [1.09, 1.1, 1.11, 1.1, 1.1, 1.1];
const PLANTED_RATIO = [1.04, 1.05, 1.06, 1.05, 1.05, 1.05];
const CALLS = [8, 16, 4, 2, 2, 2];

const at = (values: readonly number[], i: number): number => values[i] as number;
const geomean = (values: readonly number[]): number => Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);

/** The median a fork reports for an entry (undefined: the entry answers something else). */
type Plan = (workload: string, entry: string, fork: number) => number | ForkOutcome;

/** The default plan: node 100 ns, wasm by the workload's ratio, controls at 1000 ns, all times the fork's drift. */
function plan(aa: readonly number[] = AA_RATIO): Plan {
  return (workload, entry, fork) => {
    const drift = at(DRIFT, fork);
    if (entry === CONTROL_ENTRIES.base) return 1000 * drift;
    if (entry === CONTROL_ENTRIES.again) return 1000 * drift * at(aa, fork);
    if (entry === CONTROL_ENTRIES.planted) return 1000 * drift * at(PLANTED_RATIO, fork);
    if (entry === 'node') return 100 * drift;
    return 100 * drift * at(workload === 'sha256' ? SHA_RATIO : NOOP_RATIO, fork);
  };
}

/** Three samples whose median is exactly `median`. */
const samplesAround = (median: number): number[] => [median * 1.3, median, median * 0.9];

/** A spawner whose forks read their job and answer from `planFn`; it records which entries each fork measured. */
function fakeForks(planFn: Plan, crash?: { workload: string; fork: number }) {
  const jobs: Array<{ workload: string; fork: number; entries: string[] }> = [];
  const fake = fakeSpawner(fakeClock(), (argv): FakeStep[] => {
    const job = JSON.parse(readFileSync(argv[argv.length - 1] as string, 'utf8')) as ForkJob;
    const fork = job.seed - SEED * 1009;
    const workload = job.entries.some((e) => e.name === CONTROL_ENTRIES.base) ? 'controls' : job.manifest.name;
    jobs.push({ workload, fork, entries: job.entries.map((e) => e.name) });
    if (crash?.workload === workload && crash.fork === fork) return [{ stderr: 'warm fork failed: boom' }, { close: { code: 1, signal: null } }];
    const outcomes = job.entries.map((e): ForkOutcome => {
      const planned = planFn(workload, e.name, fork);
      if (typeof planned !== 'number') return planned;
      return {
        state: 'completed', name: e.name, samplesNs: samplesAround(planned), callsPerSample: at(CALLS, fork), checkedOutputs: 3 + fork,
        ...(e.target === 'wasm' ? { wasmMemoryBytes: 65_536 * (fork + 1) } : {}),
      };
    });
    return [{ line: JSON.stringify({ type: 'warm-fork', outcomes }) }, { close: { code: 0, signal: null } }];
  });
  return { spawner: fake.spawner, jobs, forksOf: (workload: string) => jobs.filter((j) => j.workload === workload).map((j) => j.fork) };
}

let catalog: CatalogEntry[];
beforeAll(async () => {
  catalog = await loadCatalog();
});

function options(overrides: Partial<BenchOptions> = {}): BenchOptions {
  return {
    workloads: ['sha256', 'noop'], targets: ['node', 'wasm'], sizes: ['small'], sizesExplicit: true, placements: ['local'], timeMs: 1, warmupMs: 0, rounds: 1,
    seed: SEED, forks: 3, maxForks: 5, resolveBudgetMs: 600_000, controls: false,
    coldSamples: 0, coldSizes: ['small'], engines: ['default'], coldCalls: 0, coldCallBudgetMs: 0, coldTimeoutMs: 100, quick: true, wide: false, outDir: tmpdir(), lambda: lambdaOptionsFrom({}, true),
    ...overrides,
  };
}

/** Runs the warm phase with fake forks; returns the table, what the sink saw and what the forks were asked. */
async function runWarm(opts: BenchOptions, planFn: Plan = plan(), crash?: { workload: string; fork: number }) {
  const table = new ResultTable();
  const samples: SamplesRecord[] = [];
  const notes: string[] = [];
  const calibrations: RunCalibration[] = [];
  const checkpoints: ResultRecord[][] = [];
  const forks = fakeForks(planFn, crash);
  await runLocalWarm(
    {
      options: opts, catalog, table, baselines: { emptyProcess: [], lambdaPowerTuning: [] }, progress: new ProgressTracker(plannedGroups(opts)), cleanup: { add: () => () => undefined },
      sink: {
        samples: (record) => samples.push(record),
        checkpoint: () => checkpoints.push(table.rows()),
        progress: () => undefined,
        note: (message) => notes.push(message),
        calibration: (result) => calibrations.push(result),
      },
    },
    { timeoutMs: 60_000, spawner: forks.spawner },
  );
  return { table, samples, notes, calibrations, checkpoints, ...forks };
}

function completedRow(table: ResultTable, workload: string, target: string): CompletedResult {
  const row = table.get(rowKey(workload, target, 'small'));
  if (row?.state !== 'completed') throw new Error(`${workload} ${target}: ${row?.state} ${row?.state === 'errored' ? row.error : ''}`);
  return row;
}

describe('runLocalWarm with fake forks', () => {
  it('summarises each row over its processes: geometric mean of the per-process medians, paired ratio, process count', async () => {
    const { table, forksOf } = await runWarm(options({ workloads: ['sha256'] }));
    expect(forksOf('sha256')).toEqual([0, 1, 2]);
    const node = completedRow(table, 'sha256', 'node');
    const wasm = completedRow(table, 'sha256', 'wasm');
    const drift = DRIFT.slice(0, 3);
    expect(node.warm?.forks?.mediansNs).toEqual(drift.map((d) => 100 * d));
    expect(node.warm?.medianNs).toBeCloseTo(100 * geomean(drift), 9);
    expect(node.warm?.samples).toBe(9);
    expect(wasm.warm?.forks?.mediansNs).toEqual(drift.map((d, i) => 100 * d * at(SHA_RATIO, i)));
    expect(wasm.warm?.medianNs).toBeCloseTo(100 * geomean(drift.map((d, i) => d * at(SHA_RATIO, i))), 9);
    // The ratio is formed inside each process: the drift cancels, only the planted ratios remain.
    expect(wasm.vsNode?.ratio).toBeCloseTo(geomean(SHA_RATIO.slice(0, 3)), 12);
    expect(wasm.vsNode?.basis).toEqual({ unit: 'process', count: 3 });
    expect(wasm.vsNode?.verdict).toBe('faster');
    expect(node.vsNode).toBeUndefined();
    // Largest calls per sample of any fork; checked outputs summed (3 + fork); memory of the last fork.
    expect(wasm.warm?.callsPerSample).toBe(16);
    expect(wasm.warmChecks).toBe(3 + 4 + 5);
    expect(wasm.warmWasmMemoryBytes).toBe(65_536 * 3);
    expect(node.warmWasmMemoryBytes).toBeUndefined();
  });

  it('gives an unresolved group extra processes up to --max-forks, and a resolved one none', async () => {
    const { table, forksOf, notes } = await runWarm(options());
    expect(forksOf('sha256')).toEqual([0, 1, 2]);
    expect(forksOf('noop')).toEqual([0, 1, 2, 3, 4]);
    const noop = completedRow(table, 'noop', 'wasm');
    expect(noop.vsNode?.verdict).toBe('unresolved');
    expect(noop.vsNode?.basis).toEqual({ unit: 'process', count: 5 });
    expect(noop.vsNode?.ratio).toBeCloseTo(geomean(NOOP_RATIO.slice(0, 5)), 12);
    expect(completedRow(table, 'noop', 'node').warm?.forks?.forks).toBe(5);
    expect(completedRow(table, 'sha256', 'wasm').vsNode?.basis?.count).toBe(3);
    expect(notes).toContain('1 warm group(s) stayed unresolved after 5 processes or the 600 s resolve budget: noop small');
  });

  it('adds no process beyond --forks with a resolve budget of 0', async () => {
    const { table, forksOf, notes } = await runWarm(options({ resolveBudgetMs: 0 }));
    expect(forksOf('sha256')).toEqual([0, 1, 2]);
    expect(forksOf('noop')).toEqual([0, 1, 2]);
    expect(completedRow(table, 'noop', 'wasm').vsNode?.basis?.count).toBe(3);
    expect(notes).toContain('1 warm group(s) stayed unresolved after 5 processes or the 0 s resolve budget: noop small');
  });

  it('adds no process when --max-forks equals --forks', async () => {
    const { forksOf } = await runWarm(options({ maxForks: 3 }));
    expect(forksOf('noop')).toEqual([0, 1, 2]);
  });

  it('fails a row for good on a wrong output in its second process, and measures it no more', async () => {
    const wrong: Plan = (workload, entry, fork) =>
      workload === 'sha256' && entry === 'wasm' && fork === 1
        ? { state: 'errored', name: 'wasm', error: 'output differs from the expected output at byte 0', failure: 'wrong-output' }
        : plan()(workload, entry, fork);
    const { table, jobs, checkpoints, samples } = await runWarm(options({ workloads: ['sha256'] }), wrong);
    expect(jobs.map((j) => j.entries)).toEqual([['node', 'wasm'], ['node', 'wasm'], ['node']]);
    const row = table.get(rowKey('sha256', 'wasm', 'small')) as ErroredResult;
    expect(row.state).toBe('errored');
    expect(row.failure).toBe('wrong-output');
    expect(row.error).toBe('output differs from the expected output at byte 0');
    expect(row).not.toHaveProperty('warm');
    expect(row).not.toHaveProperty('vsNode');
    // From the checkpoint after the failing process on, the row is never completed again.
    const states = checkpoints.map((rows) => rows.find((r) => r.workload === 'sha256' && r.target === 'wasm')?.state);
    expect(states).toEqual(['completed', 'errored', 'errored']);
    // node goes on alone, its three processes intact.
    expect(completedRow(table, 'sha256', 'node').warm?.forks?.mediansNs).toEqual(DRIFT.slice(0, 3).map((d) => 100 * d));
    expect(samples.map((s) => s as { target?: string; fork?: number }).filter((s) => s.target === 'wasm').map((s) => s.fork)).toEqual([0]);
  });

  it('fails every row of a group whose process crashed, with the crash, and starts no process for it again', async () => {
    const { table, forksOf } = await runWarm(options(), plan(), { workload: 'sha256', fork: 1 });
    expect(forksOf('sha256')).toEqual([0, 1]);
    for (const target of ['node', 'wasm']) {
      const row = table.get(rowKey('sha256', target, 'small')) as ErroredResult;
      expect([row.state, row.failure, row.error]).toEqual(['errored', 'crashed', 'warm fork exit 1 (no answer): warm fork failed: boom']);
    }
    // The other group is untouched.
    expect(forksOf('noop')).toEqual([0, 1, 2, 3, 4]);
    expect(completedRow(table, 'noop', 'wasm').vsNode?.basis?.count).toBe(5);
  });

  it('writes one samples line per entry and process, naming the fork', async () => {
    const { samples } = await runWarm(options({ workloads: ['sha256'] }));
    const lines = samples.map((s) => { const w = s as { target?: string; fork?: number; callsPerSample?: number; samplesNs?: readonly number[] }; return [w.target, w.fork, w.callsPerSample, w.samplesNs]; });
    const expected = [0, 1, 2].flatMap((fork) =>
      (['node', 'wasm'] as const).map((target) => {
        const median = plan()('sha256', target, fork) as number;
        return [target, fork, Math.max(...CALLS.slice(0, fork + 1)), samplesAround(median)];
      }),
    );
    expect(lines.sort((a, b) => (a[1] as number) - (b[1] as number) || String(a[0]).localeCompare(String(b[0])))).toEqual(expected);
    for (const line of samples) expect(line).toMatchObject({ kind: 'warm', workload: 'sha256', placement: 'local', size: 'small' });
  });
});

describe('runLocalWarm against the fastest Node variant', () => {
  /** node-idiomatic/node per fork: node:crypto-like, about 5× faster than the port. */
  const IDIOMATIC_RATIO = [0.2, 0.21, 0.19, 0.2, 0.2, 0.2];
  /** The default plan, plus node-idiomatic at `ratio` × node, under the same fork drift. */
  const withIdiomatic = (ratio: readonly number[]): Plan => (workload, entry, fork) =>
    entry === 'node-idiomatic' ? 100 * at(DRIFT, fork) * at(ratio, fork) : plan()(workload, entry, fork);
  const targets: BenchOptions['targets'] = ['node', 'node-idiomatic', 'wasm'];

  it('pairs wasm with node-idiomatic per process when node-idiomatic is the fastest Node variant, and names it', async () => {
    const { table } = await runWarm(options({ workloads: ['sha256'], targets }), withIdiomatic(IDIOMATIC_RATIO));
    const wasm = completedRow(table, 'sha256', 'wasm');
    // Per process wasm/node-idiomatic = SHA_RATIO/IDIOMATIC_RATIO: the fork drift cancels, as it does for vsNode.
    const paired = SHA_RATIO.slice(0, 3).map((r, i) => r / at(IDIOMATIC_RATIO, i));
    expect(wasm.vsFastestNode?.baseline).toBe('node-idiomatic');
    expect(wasm.vsFastestNode?.ratio).toBeCloseTo(geomean(paired), 12);
    expect(wasm.vsFastestNode?.basis).toEqual({ unit: 'process', count: 3 });
    expect(wasm.vsFastestNode?.verdict).toBe('slower');
    // The same-algorithm comparison stays as it was.
    expect(wasm.vsNode?.ratio).toBeCloseTo(geomean(SHA_RATIO.slice(0, 3)), 12);
    expect(wasm.vsNode?.verdict).toBe('faster');
    // Node variants are the baselines, never compared with themselves.
    expect(completedRow(table, 'sha256', 'node-idiomatic').vsFastestNode).toBeUndefined();
    expect(completedRow(table, 'sha256', 'node').vsFastestNode).toBeUndefined();
    expect(completedRow(table, 'sha256', 'node-idiomatic').vsNode?.verdict).toBe('faster');
  });

  it('records no vsFastestNode when node itself is the fastest Node variant (vsNode is that comparison)', async () => {
    const { table } = await runWarm(options({ workloads: ['sha256'], targets }), withIdiomatic([1.5, 1.6, 1.4, 1.5, 1.5, 1.5]));
    const wasm = completedRow(table, 'sha256', 'wasm');
    expect(wasm.vsFastestNode).toBeUndefined();
    expect(wasm.vsNode?.verdict).toBe('faster');
  });

  it('leaves a node-idiomatic entry with a wrong output out of the choice of the fastest', async () => {
    const wrong: Plan = (workload, entry, fork) =>
      entry === 'node-idiomatic' && fork === 1
        ? { state: 'errored', name: entry, error: 'output differs from the expected output at byte 0', failure: 'wrong-output' }
        : withIdiomatic(IDIOMATIC_RATIO)(workload, entry, fork);
    const { table } = await runWarm(options({ workloads: ['sha256'], targets }), wrong);
    expect(table.get(rowKey('sha256', 'node-idiomatic', 'small'))?.state).toBe('errored');
    expect(completedRow(table, 'sha256', 'wasm').vsFastestNode).toBeUndefined();
  });
});

describe('runLocalWarm calibration controls', () => {
  it('judges the controls into the sink: passed for an honest A/A and a planted 21/20 inside its interval', async () => {
    const { calibrations, samples, forksOf, table } = await runWarm(options({ workloads: [], controls: true }));
    expect(forksOf('controls')).toEqual([0, 1, 2]);
    expect(table.rows()).toEqual([]);
    const last = calibrations[calibrations.length - 1];
    expect(last?.state).toBe('passed');
    expect(last?.aa.verdict).toBe('no-significant-difference');
    expect(last?.aa.ratio).toBeCloseTo(geomean(AA_RATIO.slice(0, 3)), 12);
    expect(last?.planted.verdict).toBe('slower');
    expect(last?.planted.ratio).toBeCloseTo(geomean(PLANTED_RATIO.slice(0, 3)), 12);
    expect(last?.planted.expectedRatio).toBe(21 / 20);
    expect(last?.planted.basis).toEqual({ unit: 'process', count: 3 });
    const controls = samples.map((s) => { const w = s as { control?: string; fork?: number }; return [w.control, w.fork]; });
    expect(controls).toHaveLength(9);
    expect(new Set(controls.map(([c]) => c))).toEqual(new Set(Object.values(CONTROL_ENTRIES)));
    for (const s of samples) expect(s).toMatchObject({ kind: 'warm', workload: 'sha256', size: 'medium' });
  });

  it('fails the calibration when the A/A pair differs', async () => {
    const { calibrations } = await runWarm(options({ workloads: [], controls: true }), plan(AA_WITH_A_DIFFERENCE));
    const last = calibrations[calibrations.length - 1];
    expect(last?.aa.verdict).toBe('slower');
    expect(last?.aa.state).toBe('failed');
    expect(last?.planted.state).toBe('passed');
    expect(last?.state).toBe('failed');
  });

  it('notes controls that could not be measured instead of judging them', async () => {
    const broken: Plan = (workload, entry, fork) =>
      entry === CONTROL_ENTRIES.planted ? { state: 'errored', name: entry, error: 'load or first call failed: boom', failure: 'crashed' } : plan()(workload, entry, fork);
    const { calibrations, notes } = await runWarm(options({ workloads: [], controls: true }), broken);
    expect(calibrations).toEqual([]);
    expect(notes).toContain('the calibration controls could not be measured: load or first call failed: boom');
  });
});

describe('runLocalWarm across Node versions', () => {
  it("forks each group on each build's binary, keeps rows and ratios per Node engine, and records skipped majors as rows", async () => {
    const argv0: string[] = [];
    const forks = fakeForks(plan());
    const spawner: typeof forks.spawner = (argv, env, handlers) => {
      argv0.push(argv[0] as string);
      return forks.spawner(argv, env, handlers);
    };
    const opts = options({ workloads: ['sha256'], node: ['22', '24', '26'] });
    const builds = ['22', '24'].map((major) => ({ major, version: `v${major}.1.0`, v8: `${major}.0-v8`, path: `/fake/node${major}`, source: 'node-builds' as const }));
    const table = new ResultTable();
    const progress = new ProgressTracker(plannedGroups(opts));
    await runLocalWarm(
      {
        options: opts, catalog, table, baselines: { emptyProcess: [], lambdaPowerTuning: [] }, progress, cleanup: { add: () => () => undefined },
        nodes: { builds, missing: [{ major: '26', installable: false, reason: 'skipped: needs Node 26 (the host runs 20; harness/node-builds pins 22, 24)' }], dimension: true },
        sink: { samples: () => undefined, checkpoint: () => undefined, progress: () => undefined, note: () => undefined },
      },
      { timeoutMs: 60_000, spawner },
    );
    // 3 processes per Node build, each on its own binary.
    expect(argv0.filter((p) => p === '/fake/node22')).toHaveLength(3);
    expect(argv0.filter((p) => p === '/fake/node24')).toHaveLength(3);
    for (const major of ['22', '24']) {
      const wasm = table.get(rowKey('sha256', 'wasm', 'small', `node${major}`));
      expect(wasm?.state).toBe('completed');
      expect([wasm?.nodeVersion, wasm?.v8Version]).toEqual([`v${major}.1.0`, `${major}.0-v8`]);
      expect(wasm?.state === 'completed' ? wasm.vsNode?.verdict : undefined).toBe('faster');
    }
    for (const target of ['node', 'wasm']) {
      const skipped = table.get(rowKey('sha256', target, 'small', 'node26'));
      expect(skipped?.state === 'unsupported' ? skipped.error : skipped?.state).toMatch(/^skipped: needs Node 26/);
    }
    expect(table.get(rowKey('sha256', 'wasm', 'small'))).toBeUndefined();
    expect([...progress.snapshot().finished].sort()).toEqual(['warm/sha256/small/node22', 'warm/sha256/small/node24', 'warm/sha256/small/node26']);
  });
});

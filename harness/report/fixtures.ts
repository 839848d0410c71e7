/**
 * RunRecord fixtures for the reporter tests: every status, with and without
 * cold and resource blocks, one Lambda row, and text that needs escaping;
 * and a run with the process-level interval facts (every verdict, each
 * ratio's basis, fork spread, outliers, calibration controls passed, failed or inconclusive).
 * Figures are invented for the tests only; no report ships them.
 */
import type {
  ColdStats,
  LambdaCompletedResult,
  LambdaFigures,
  LocalCompletedResult,
  RunConfig,
  CalibrationState,
  ControlCheck,
  OutlierCounts,
  ReplicationBasis,
  RunCalibration,
  ErroredResult,
  FailureKind,
  ResourceStats,
  ResultRecord,
  RunRecord,
  SizeName,
  TargetName,
  UnsupportedResult,
  Verdict,
  VsBaseline,
  WarmStats,
} from '../contract/index.js';
import { bareLambdaBlock } from './lambda-rows.fixture.js';

/** Warm figures around a median, with a CI of ±2%. */
export function warm(medianNs: number, samples = 100): WarmStats {
  return {
    medianNs,
    p75Ns: medianNs * 1.05,
    p99Ns: medianNs * 1.5,
    madNs: medianNs * 0.02,
    meanNs: medianNs * 1.01,
    minNs: medianNs * 0.9,
    maxNs: medianNs * 2,
    samples,
    ci95Ns: [medianNs * 0.98, medianNs * 1.02],
    callsPerSample: medianNs < 10_000 ? 64 : 1,
  };
}

/** A comparison with node, with what its CI rests on when given. */
export function vs(ratio: number, lo: number, hi: number, verdict: Verdict, basis?: ReplicationBasis): VsBaseline {
  return { ratio, ci95: [lo, hi], verdict, ...(basis ? { basis } : {}) };
}

/** `count` fresh processes as the basis of a CI. */
export const processes = (count: number): ReplicationBasis => ({ unit: 'process', count });

/**
 * Warm figures of a row measured in `forks` processes: per-process medians
 * spread ±`betweenCv` around the median, `withinCv` inside each, and the
 * given outliers.
 */
export function forked(medianNs: number, forks = 5, betweenCv = 0.021, withinCv = 0.003, outliers: OutlierCounts = { low: 0, high: 12, severe: 3 }): WarmStats {
  const mediansNs = Array.from({ length: forks }, (_, i) => medianNs * (1 + betweenCv * (i - (forks - 1) / 2)));
  return { ...warm(medianNs, 100 * forks), outliers, forks: { forks, mediansNs, betweenCv, withinCv } };
}

/** Cold figures from phase medians (ns); time to first result is their sum plus 5 ms of spawn. */
export function cold(phases: Record<string, number>, curve: number[] = [], failedSamples = 0): ColdStats {
  const stats = (medianNs: number) => ({ medianNs, p99Ns: medianNs * 1.4, ci95Ns: [medianNs * 0.95, medianNs * 1.05] as const, samples: 30 });
  const total = Object.values(phases).reduce((a, b) => a + b, 0) + 5_000_000;
  return {
    samples: 30,
    failedSamples,
    phases: Object.fromEntries(Object.entries(phases).map(([name, ns]) => [name, stats(ns)])),
    timeToFirstResult: stats(total),
    warmupCurveNs: curve,
    ...(failedSamples > 0 ? { failures: ['timeout after 10000 ms; stderr: <none>'] } : {}),
  };
}

/** Resource figures with a deployed artifact of `raw` bytes. */
export function resources(peakRssBytes: number, raw: number): ResourceStats {
  return {
    peakRssBytes,
    heapUsedBytes: 4 * 1024 * 1024,
    cpuUserMs: 31.5,
    cpuSystemMs: 8.25,
    artifactBytes: { raw, gzip: Math.round(raw * 0.4), brotli: Math.round(raw * 0.33) },
  };
}

/** A completed, verified local result. */
export function completed(
  workload: string,
  target: TargetName,
  size: SizeName,
  extra: Partial<Omit<LocalCompletedResult, 'state' | 'workload' | 'target' | 'size' | 'placement'>> = {},
): LocalCompletedResult {
  return { workload, target, size, placement: 'local', state: 'completed', verified: true, ...extra };
}

/**
 * An errored local result. Without `failure` it is a row as runs wrote them
 * before failures had kinds (reported INVALID, a verification mismatch).
 */
export function errored(workload: string, target: TargetName, size: SizeName, error: string, failure?: FailureKind): ErroredResult {
  return { workload, target, size, placement: 'local', state: 'errored', verified: false, ...(failure ? { failure } : {}), error };
}

/** An unsupported combination. */
export function unsupported(workload: string, target: TargetName, size: SizeName, error: string): UnsupportedResult {
  return { workload, target, size, placement: 'local', state: 'unsupported', verified: false, error };
}

const curve = (first: number, steady: number): number[] =>
  Array.from({ length: 100 }, (_, i) => Math.round(steady + (first - steady) * Math.exp(-i / 8)));

/** The results of the standard fixture run. */
export function sampleResults(): ResultRecord[] {
  return [
    // sha256: wasm faster warm, slower cold (the "depends on invocation pattern" case).
    completed('sha256', 'node', 'small', {
      warm: warm(120_000),
      cold: cold({ processStart: 30_000_000, import: 4_000_000, firstCall: 2_000_000 }, curve(2_000_000, 120_000)),
      resources: resources(48 * 1024 * 1024, 6_000),
    }),
    completed('sha256', 'wasm', 'small', {
      warm: warm(60_000),
      vsNode: vs(0.5, 0.45, 0.55, 'faster'),
      cold: cold({ processStart: 30_000_000, read: 200_000, compile: 1_500_000, instantiate: 300_000, firstCall: 9_000_000 }, curve(9_000_000, 60_000), 2),
      coldVsNode: vs(1.2, 1.1, 1.3, 'slower'),
      resources: { ...resources(52 * 1024 * 1024, 14_000), wasmMemoryBytes: 128 * 1024 },
    }),
    completed('sha256', 'node', 'large', { warm: warm(12_000_000) }),
    completed('sha256', 'wasm', 'large', { warm: warm(5_000_000), vsNode: vs(0.42, 0.4, 0.44, 'faster') }),
    // noop: no significant difference, no cold or resources data.
    completed('noop', 'node', 'small', { warm: warm(85) }),
    completed('noop', 'wasm', 'small', { warm: warm(83), vsNode: vs(0.98, 0.93, 1.04, 'no-significant-difference') }),
    // json-transform: wasm failed verification, component unsupported.
    completed('json-transform', 'node', 'small', { warm: warm(2_400_000), notes: ['input has 1,000 "records"'] }),
    errored('json-transform', 'wasm', 'small', 'output digest mismatch: expected ab12, got cd34'),
    unsupported('json-transform', 'component', 'small', 'StarlingMonkey, "JSON" builtins differ'),
  ];
}

/**
 * Rows summarised with process-level intervals: sha256 (wasm faster warm over
 * 5 processes, slower cold over 30, outliers in warm and cold), noop (wasm
 * unresolved after 10 processes, component without a verdict from 2),
 * json-transform (no significant difference over 5), and a Lambda row whose
 * CI rests on the samples of one environment.
 */
export function replicatedResults(): ResultRecord[] {
  const coldWithOutliers = (phases: Record<string, number>): ColdStats => {
    const base = cold(phases);
    return { ...base, timeToFirstResult: { ...base.timeToFirstResult, outliers: { low: 1, high: 2, severe: 0 } } };
  };
  return [
    completed('sha256', 'node', 'small', { warm: forked(120_000), cold: coldWithOutliers({ processStart: 30_000_000, firstCall: 2_000_000 }) }),
    completed('sha256', 'wasm', 'small', {
      warm: forked(60_000, 5, 0.036, 0.004, { low: 2, high: 7, severe: 0 }),
      vsNode: vs(0.5, 0.47, 0.53, 'faster', processes(5)),
      cold: coldWithOutliers({ processStart: 30_000_000, compile: 1_500_000, firstCall: 9_000_000 }),
      coldVsNode: vs(1.2, 1.1, 1.3, 'slower', processes(30)),
    }),
    completed('noop', 'node', 'small', { warm: forked(85, 10) }),
    completed('noop', 'wasm', 'small', { warm: forked(83, 10), vsNode: vs(0.97, 0.91, 1.12, 'unresolved', processes(10)) }),
    completed('noop', 'component', 'small', { warm: forked(94, 2), vsNode: vs(1.1, 0.8, 1.5, 'too-few-samples', processes(2)) }),
    completed('json-transform', 'node', 'medium', { warm: forked(2_400_000) }),
    completed('json-transform', 'wasm', 'medium', { warm: forked(2_420_000), vsNode: vs(1.01, 0.98, 1.03, 'no-significant-difference', processes(5)) }),
    {
      workload: 'sha256',
      target: 'wasm',
      size: 'small',
      placement: 'lambda',
      state: 'completed',
      verified: true,
      warm: { ...warm(400_000), outliers: { low: 0, high: 4, severe: 1 } },
      vsNode: vs(0.8, 0.75, 0.85, 'faster', { unit: 'sample', count: 100 }),
      lambda: bareLambdaBlock(1769),
    },
  ];
}

/** One calibration check (A/A: true ratio 1; planted: 1.05) with the given outcome. */
export function control(kind: 'aa' | 'planted', ratio: number, lo: number, hi: number, verdict: Verdict, state: CalibrationState): ControlCheck {
  const expectedRatio = kind === 'aa' ? 1 : 1.05;
  const label = kind === 'aa' ? 'A/A' : 'planted 1.05x';
  return {
    what: kind === 'aa' ? 'sha256 node vs the same, measured as a second entry' : 'sha256 node vs a variant doing 5% more work',
    expectedRatio,
    ratio,
    ci95: [lo, hi],
    verdict,
    basis: processes(5),
    state,
    summary: `${label}: ${verdict.replace(/-/g, ' ')}, ${ratio.toFixed(3)}x [${lo.toFixed(3)}-${hi.toFixed(3)}]`,
  };
}

/**
 * Calibration controls in the given state: passed; failed (the A/A found a
 * difference where there is none); inconclusive (the planted 1.05 unresolved,
 * its interval holding both 1.05 and 1: a run too short to tell).
 */
export function calibration(state: CalibrationState): RunCalibration {
  const aa = state === 'failed' ? control('aa', 1.07, 1.02, 1.12, 'slower', 'failed') : control('aa', 1.004, 0.991, 1.017, 'no-significant-difference', 'passed');
  const planted = state === 'inconclusive' ? control('planted', 1.03, 0.99, 1.07, 'unresolved', 'inconclusive') : control('planted', 1.049, 1.03, 1.068, 'slower', 'passed');
  return { workload: 'sha256', size: 'medium', aa, planted, state };
}

/** A run summarised with process-level intervals, with its calibration controls (passed unless told). */
export function replicatedRun(calibrationState: CalibrationState = 'passed'): RunRecord {
  return { ...sampleRun(replicatedResults()), calibration: calibration(calibrationState) };
}

/** The standard fixture run: sha256 (faster warm, slower cold), noop (no difference), json-transform (errored + unsupported). */
export function sampleRun(results: ResultRecord[] = sampleResults()): RunRecord {
  return {
    schemaVersion: 2,
    state: 'completed',
    runId: '2025-01-02T03-04-05Z-abc123',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:09:05.000Z',
    environment: {
      node: 'v20.20.2',
      v8: '11.3.244.8-node.35',
      execArgv: ['--expose-gc'],
      cpu: 'Intel(R) Xeon(R) CPU @ 2.20GHz',
      cores: 2,
      os: 'linux 6.1.0 x64',
      totalMemoryBytes: 8 * 1024 ** 3,
      git: '0123456789abcdef0123456789abcdef01234567',
      gitDirty: false,
      tools: { assemblyscript: '0.28.20', tinybench: '6.2.5' },
      artifactHashes: { 'build/workloads/sha256/module.wasm': 'ff00' },
    },
    config: sampleConfig(),
    results,
    baselines: {
      emptyProcess: [
        {
          engine: 'default',
          state: 'completed',
          cold: {
            samples: 30,
            failedSamples: 0,
            phases: {},
            timeToFirstResult: { medianNs: 28_000_000, p99Ns: 35_000_000, ci95Ns: [27_000_000, 29_000_000], samples: 30 },
            warmupCurveNs: [],
          },
          resources: { peakRssBytes: 42 * 1024 * 1024 },
        },
      ],
    },
    notes: ['machine shared with other jobs; figures are noisy'],
  };
}

/** The options of the fixture run, as run.json records them. */
export function sampleConfig(): RunConfig {
  return {
    workloads: ['sha256', 'noop', 'json-transform'],
    targets: ['node', 'wasm', 'component'],
    sizes: ['small', 'medium', 'large'],
    sizesExplicit: false,
    placements: ['local'],
    timeMs: 500,
    warmupMs: 100,
    rounds: 3,
    forks: 5,
    maxForks: 10,
    resolveBudgetMs: 90_000,
    controls: true,
    seed: 42,
    coldSamples: 30,
    coldSizes: ['small'],
    engines: ['default'],
    coldCalls: 100,
    coldTimeoutMs: 30_000,
    coldCallBudgetMs: 1000,
    quick: false,
    outDir: 'results/runs/fixture',
    lambda: {
      memory: [128, 1769],
      arch: ['x86_64'],
      aws: false,
      deploy: true,
      prefix: 'wlb-',
      runtime: 'nodejs22.x',
      timeoutSeconds: 60,
      samples: 10,
      environments: 5,
      warmup: 20,
      coldSamples: 6,
      sizes: ['small'],
    },
  };
}

/** The fixture options with some changed (e.g. `{ quick: true }` for a smoke run). */
export function configWith(changes: Partial<RunConfig>): RunConfig {
  return { ...sampleConfig(), ...changes };
}

/** Shorthands of a Lambda row's figures: its warm cost and peak memory go into its `lambda` block. */
export interface LambdaRowFigures extends Partial<Omit<LambdaCompletedResult, 'state' | 'workload' | 'target' | 'size' | 'placement' | 'lambda'>> {
  readonly costPerMillionUsd?: number;
  readonly maxMemoryUsedMB?: number;
  readonly lambda?: Partial<LambdaFigures>;
}

/** A completed, verified Lambda row at `memoryMB` and `arch` on the local Lambda. */
export function lambdaCompleted(workload: string, target: TargetName, size: SizeName, memoryMB: number, arch: 'x86_64' | 'arm64', extra: LambdaRowFigures = {}): LambdaCompletedResult {
  const { costPerMillionUsd, maxMemoryUsedMB, lambda, ...rest } = extra;
  const cost = costPerMillionUsd === undefined ? {} : { cost: { warmPerMillionUsd: costPerMillionUsd, basis: 'median Billed Duration (cold: includes INIT)', pricingRegion: 'us-east-1', pricesExact: true, freeTier: 'excluded' as const } };
  const memory = maxMemoryUsedMB === undefined ? {} : { maxMemoryUsedMB: { warmMedian: maxMemoryUsedMB, max: maxMemoryUsedMB } };
  return { workload, target, size, placement: 'lambda', state: 'completed', verified: true, ...rest, lambda: bareLambdaBlock(memoryMB, arch, { ...cost, ...memory, ...lambda }) };
}

/**
 * Lambda rows for the reporter tests, shaped as lambda/measure/summary.ts and
 * mode.ts write them today: warm Duration across execution environments,
 * the `lambda` block (client round trip, overhead, Billed Duration, forced
 * cold starts with Init Duration, Max Memory Used, cost), the Power Tuning
 * picks, and the warm and cold ratios to node with their basis. Figures are
 * invented for the tests only; no report ships them.
 */
import type { LambdaFigures, PowerTuningPick, ResultRecord, TimingStats, VsBaseline } from '../contract/index.js';

/** Stats around a median, interval ±4%, over `samples` samples. */
export function stats(medianNs: number, samples: number): TimingStats {
  return { medianNs, p75Ns: medianNs * 1.05, p99Ns: medianNs * 1.6, madNs: medianNs * 0.03, meanNs: medianNs * 1.02, minNs: medianNs * 0.9, maxNs: medianNs * 1.8, samples, ci95Ns: [medianNs * 0.96, medianNs * 1.04] };
}

/** What differs between the rows of one test. */
export interface LambdaRowOptions {
  readonly durationNs: number;
  readonly costPerMillionUsd: number;
  readonly arch?: 'x86_64' | 'arm64';
  readonly workload?: string;
  readonly picks?: readonly PowerTuningPick[];
  readonly vsNode?: VsBaseline;
  readonly coldVsNode?: VsBaseline;
  /** Forced cold starts kept; 0 leaves the cold block without figures. */
  readonly coldSamples?: number;
  readonly initNs?: number;
}

/** A completed, verified Lambda row of workload `sha256` (unless told) at size small. */
export function lambdaRow(target: 'node' | 'wasm', memoryMB: number, o: LambdaRowOptions): ResultRecord {
  const arch = o.arch ?? 'x86_64';
  const coldSamples = o.coldSamples ?? 6;
  const initNs = o.initNs ?? 120e6;
  const warm = { ...stats(o.durationNs, 5), callsPerSample: 1, forks: { forks: 5, mediansNs: [1, 2, 3, 4, 5].map((i) => o.durationNs * (0.98 + i * 0.01)), betweenCv: 0.02, withinCv: 0.01 } };
  return {
    workload: o.workload ?? 'sha256',
    target,
    placement: 'lambda',
    size: 'small',
    state: 'completed',
    verified: true,
    warm,
    lambda: {
      memoryMB,
      arch,
      endpoint: 'local',
      runtime: 'nodejs22.x',
      functionName: `wlb-sha256-${target}-${memoryMB}`,
      runtimeClient: 'aws-lambda-ric',
      warm: {
        samples: 50,
        dropped: 0,
        environments: { count: 5, samples: [10, 10, 10, 10, 10], blocks: [1, 2, 3, 4, 5] },
        client: stats(o.durationNs + 2e6, 50),
        overhead: stats(2e6, 50),
        duration: warm,
        billed: stats(Math.ceil(o.durationNs / 1e6) * 1e6, 50),
      },
      cold: coldSamples > 0
        ? { samples: coldSamples, dropped: 1, init: stats(initNs, coldSamples), firstDuration: stats(o.durationNs * 20, coldSamples), client: stats(initNs + 40e6, coldSamples) }
        : { samples: 0, dropped: 0 },
      maxMemoryUsedMB: { warmMedian: 58, ...(coldSamples > 0 ? { coldMedian: 55 } : {}), max: 60 },
      cost: {
        warmPerMillionUsd: o.costPerMillionUsd,
        ...(coldSamples > 0 ? { coldPerMillionUsd: 2.5 } : {}),
        basis: 'median Billed Duration (cold: includes INIT)',
        pricingRegion: 'us-east-1',
        pricesExact: true,
        freeTier: 'excluded',
      },
      retries: { retries: 0, throttles: 0, serverErrors: 0, networkErrors: 0 },
      ...(o.picks && o.picks.length > 0 ? { powerTuning: [...o.picks] } : {}),
    },
    ...(o.vsNode ? { vsNode: o.vsNode } : {}),
    ...(o.coldVsNode ? { coldVsNode: o.coldVsNode } : {}),
  };
}

/**
 * A `lambda` block with only what every completed Lambda row has (no REPORT
 * figures), for tests that add the figures they read.
 */
export function bareLambdaBlock(memoryMB: number, arch: 'x86_64' | 'arm64' = 'x86_64', extra: Partial<LambdaFigures> = {}): LambdaFigures {
  return {
    memoryMB,
    arch,
    endpoint: 'local',
    runtime: 'nodejs22.x',
    functionName: `wlb-fixture-${memoryMB}`,
    runtimeClient: 'aws-lambda-ric',
    warm: { samples: 5, dropped: 0 },
    cold: { samples: 0, dropped: 0 },
    retries: { retries: 0, throttles: 0, serverErrors: 0, networkErrors: 0 },
    ...extra,
  };
}

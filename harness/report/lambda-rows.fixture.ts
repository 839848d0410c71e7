/**
 * Lambda rows for the reporter tests, shaped as lambda/measure/summary.ts and
 * mode.ts write them today: warm Duration across execution environments,
 * the `lambda` block (client round trip, overhead, Billed Duration, forced
 * cold starts with Init Duration, Max Memory Used, cost), the Power Tuning
 * picks, and the warm and cold ratios to node with their basis. Figures are
 * invented for the tests only; no report ships them.
 */
import type { ResultRecord, TimingStats, VsBaseline } from '../types.js';

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
  readonly picks?: readonly string[];
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
    engine: `${memoryMB}MB-${arch}`,
    status: 'completed',
    verified: true,
    memoryMB,
    arch,
    endpoint: 'local',
    warm,
    maxMemoryUsedMB: 60,
    costPerMillionUsd: o.costPerMillionUsd,
    lambda: {
      functionName: `wlb-sha256-${target}-${memoryMB}`,
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
      cost: { warmPerMillionUsd: o.costPerMillionUsd, ...(coldSamples > 0 ? { coldPerMillionUsd: 2.5 } : {}), pricingRegion: 'us-east-1', pricesExact: true, freeTier: 'excluded' },
      ...(o.picks ? { powerTuning: [...o.picks] } : {}),
    },
    ...(o.vsNode ? { vsNode: o.vsNode } : {}),
    ...(o.coldVsNode ? { coldVsNode: o.coldVsNode } : {}),
  };
}

/**
 * Run-wide figures that belong to no row (`baselines`): the empty node
 * process each cold engine configuration was measured against (a target's
 * own startup is the difference), and the Lambda Power Tuning picks of every
 * workload × size × target. One shape per kind, one writer each. Part of the
 * bottom layer: imports only the contract.
 */
import type { LambdaArch } from './config.js';
import type { LoadRecord } from './load.js';
import type { ColdStats, ProcessResources } from './stats.js';
import type { SizeName, TargetName } from './workload.js';

/** An empty node process (starts, reads its input file, reports, exits) measured like a cold target. */
export type EmptyProcessBaseline =
  | {
      /** The V8 configuration it ran under. */
      readonly engine: string;
      readonly state: 'completed';
      readonly cold: ColdStats;
      readonly resources: ProcessResources;
    }
  | { readonly engine: string; readonly state: 'errored'; readonly error: string };

/** One memory × architecture configuration as Power Tuning sees it. */
export interface PowerTuningPoint {
  readonly memoryMB: number;
  readonly arch: LambdaArch;
  /** Median REPORT Duration of warm invocations, ms. */
  readonly durationMs: number;
  /** Dollars per million warm invocations. */
  readonly costPerMillionUsd: number;
}

/** Power Tuning's three picks for one workload × size × target across the memory (× architecture) sweep. */
export interface PowerTuningRecord {
  readonly workload: string;
  readonly size: SizeName;
  readonly target: TargetName;
  /** Off AWS the architecture is not emulated: picks are per architecture, named here. */
  readonly arch?: LambdaArch;
  readonly endpoint: string;
  readonly cheapest: PowerTuningPoint;
  readonly fastest: PowerTuningPoint;
  /** Minimises weight × cost/maxCost + (1 − weight) × duration/maxDuration. */
  readonly balanced: PowerTuningPoint;
  readonly weight: number;
}

/** The run's baselines. */
export interface Baselines {
  /** One per cold engine configuration, in the order measured. */
  readonly emptyProcess?: readonly EmptyProcessBaseline[];
  readonly lambdaPowerTuning?: readonly PowerTuningRecord[];
  /** The summary of a load run (--load): the ramp as run and one result per path × step × function. */
  readonly lambdaLoad?: LoadRecord;
}

/** The name reports give an empty-process baseline: `emptyProcess/<engine>` (as version-1 runs keyed them). */
export function emptyProcessName(baseline: Pick<EmptyProcessBaseline, 'engine'>): string {
  return `emptyProcess/${baseline.engine}`;
}

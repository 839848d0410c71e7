/**
 * The `lambda` block of a Lambda row: where the function ran (memory,
 * architecture, endpoint: the row's identity besides workload, target and
 * size) and, on completed rows, every figure side by side, as
 * lambda/runner/summary.ts writes them. REPORT figures arrive in ms and are
 * stored in ns like every timing of the contract. Part of the bottom layer:
 * imports only the contract.
 */
import type { LambdaArch } from './config.js';
import type { TimingStats, WarmStats } from './stats.js';

/** Where a Lambda row ran: every Lambda row has it, whatever its state. */
export interface LambdaWhere {
  /** The Node major the function was deployed for (`node22`), when Node versions are a run dimension. */
  readonly node?: string;
  /** Configured memory, MB (Lambda accepts 128 to 10,240). */
  readonly memoryMB: number;
  readonly arch: LambdaArch;
  /**
   * `local`, `endpoint:<host:port>` or `aws:<region>` (never an account id).
   * Absent on version-1 rows that did not record it (gaps found before the endpoint was opened).
   */
  readonly endpoint?: string;
}

/** How a row's warm samples spread over execution environments (`lambda.warm.environments`). */
export interface LambdaEnvironments {
  readonly count: number;
  /** Accepted warm samples per environment, in order. */
  readonly samples: readonly number[];
  /** The sampling block each environment began in: equal lists on two rows mean they were measured side by side. */
  readonly blocks: readonly number[];
}

/** Warm invocations of a function: each figure over the pooled accepted samples. */
export interface LambdaWarmFigures {
  /** Accepted warm samples. */
  readonly samples: number;
  /** Warm samples dropped because a new environment served them (REPORT had Init Duration). */
  readonly dropped: number;
  /** Absent in runs recorded before environments. */
  readonly environments?: LambdaEnvironments;
  /** Client round trip. */
  readonly client?: TimingStats;
  /** Client round trip minus REPORT Duration of the same invocation: what the SDK path adds. */
  readonly overhead?: TimingStats;
  /** REPORT Duration, across environments (the row's `warm`). */
  readonly duration?: WarmStats;
  /** REPORT Billed Duration. */
  readonly billed?: TimingStats;
  /** The handler's own time around the workload call. */
  readonly handler?: TimingStats;
}

/** Forced cold starts of a function (figures present when there was at least one). */
export interface LambdaColdFigures {
  readonly samples: number;
  /** Forced cold samples served warm (no Init Duration): dropped, not averaged in. */
  readonly dropped: number;
  /** REPORT Init Duration. */
  readonly init?: TimingStats;
  /** REPORT Duration of the first invocation. */
  readonly firstDuration?: TimingStats;
  /** REPORT Billed Duration of the first invocation (INIT included). */
  readonly firstBilled?: TimingStats;
  readonly client?: TimingStats;
  readonly handler?: TimingStats;
}

/** REPORT Max Memory Used, MB. */
export interface LambdaMemoryUsed {
  readonly warmMedian: number;
  readonly coldMedian?: number;
  /** Largest over every invocation, warm and cold. */
  readonly max: number;
}

/** Dollars per million invocations at list price. */
export interface LambdaCost {
  /** From the median warm Billed Duration. */
  readonly warmPerMillionUsd: number;
  /** From the median cold Billed Duration, INIT included. */
  readonly coldPerMillionUsd?: number;
  /** What the figures are computed from, in words. */
  readonly basis: string;
  /** The price table's region. */
  readonly pricingRegion: string;
  /** False when the region's prices were not in the table and another region's were used. */
  readonly pricesExact: boolean;
  readonly freeTier: 'excluded';
}

/** Retries and error answers while measuring the function. */
export interface LambdaRetries {
  /** Attempts repeated, for any cause. */
  readonly retries: number;
  /** 429 TooManyRequestsException answers. */
  readonly throttles: number;
  /** 5xx answers. */
  readonly serverErrors: number;
  /** Attempts that got no HTTP answer. */
  readonly networkErrors: number;
}

/** Which Power Tuning pick a configuration earned among its memory × architecture sweep. */
export type PowerTuningPick = 'cheapest' | 'fastest' | 'balanced';

/** Every Power Tuning pick, in the order reports list them. */
export const POWER_TUNING_PICKS: readonly PowerTuningPick[] = ['cheapest', 'fastest', 'balanced'];

/** The `lambda` block of a completed Lambda row. */
export interface LambdaFigures extends LambdaWhere {
  readonly endpoint: string;
  /** AWS region, on AWS rows. */
  readonly region?: string;
  /** Lambda runtime identifier the function declares (e.g. nodejs22.x). */
  readonly runtime: string;
  readonly functionName: string;
  /** Runtime API client(s) that served the function (`aws-lambda-ric`, the fallback client, or `unknown`). */
  readonly runtimeClient: string;
  readonly warm: LambdaWarmFigures;
  readonly cold: LambdaColdFigures;
  /** Absent when the endpoint sends no REPORT lines. */
  readonly maxMemoryUsedMB?: LambdaMemoryUsed;
  /** Absent when the endpoint sends no REPORT lines. */
  readonly cost?: LambdaCost;
  readonly retries: LambdaRetries;
  /** Picks this configuration earned (absent when none or without REPORT). */
  readonly powerTuning?: readonly PowerTuningPick[];
}

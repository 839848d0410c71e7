/**
 * From one function's samples to the fields of its run.json row. REPORT
 * figures arrive in ms and are stored in ns like every other timing of the
 * results contract. The row's `warm` block is REPORT Duration (what Lambda
 * measures and bills); the `lambda` block holds every figure side by side:
 * client round trip, Duration, Billed Duration and the handler's own time,
 * warm and forced-cold, plus memory, cost and retries. `warm.overhead` is
 * the client round trip minus the REPORT Duration of the same invocation:
 * what calling through the SDK costs on top of the function's own time.
 *
 * Warm samples come from several execution environments (measure.ts), and
 * one environment's samples share its process: the row's `warm` median and
 * interval are taken across environments (per-environment medians, t
 * interval on their logs: describeForks), and `lambda.warm.environments`
 * says how many there were and how many samples each gave. The other warm
 * figures (client, billed, handler, overhead) describe the pooled invocations.
 *
 * An endpoint that sends no log tail gives rows with client round trips and
 * handler times only: no `warm` (it is REPORT Duration), no memory, no cost,
 * and `unavailable` says which API was missing. An endpoint that lacks Invoke
 * itself gives an unsupported row: nothing could be measured, nothing was wrong.
 */
import { describeSamples } from '../../harness/stats/describe.js';
import { medianOf } from '../../harness/stats/sorted.js';
import { describeForks } from '../../harness/stats/replicated.js';
import { MIN_PROCESSES } from '../../harness/stats/verdict.js';
import { groupByEnvironment, type EnvironmentSeries } from './environments.js';
import { costPerMillionUsd, type Arch, type PriceChoice } from '../cost/cost.js';
import type { FailureKind, LambdaFigures, TimingStats, UnavailableFigure, WarmStats } from '../../harness/contract/index.js';
import type { TuningCandidate } from '../cost/power-tuning.js';
import type { FunctionSamples } from './sampling.js';

/** What the row needs to know besides the samples. */
export interface RowContext {
  readonly memoryMB: number;
  readonly arch: Arch;
  /** `local`, `endpoint:<host>` or `aws:<region>`. */
  readonly endpoint: string;
  /** AWS region, on AWS. */
  readonly region?: string;
  /** Lambda runtime identifier the function declares. */
  readonly runtime: string;
  readonly functionName: string;
  readonly price: PriceChoice;
}

/** What a completed Lambda row gets from its samples: REPORT Duration as `warm`, capability gaps, and the `lambda` block. */
export interface LambdaRowFields {
  readonly warm?: WarmStats;
  readonly unavailable?: readonly UnavailableFigure[];
  readonly lambda: LambdaFigures;
}

/** A finished row, or why it has no figures. */
export type RowSummary =
  | {
      readonly state: 'completed';
      /** Fields of the completed row. */
      readonly fields: LambdaRowFields;
      /** REPORT Duration of accepted warm samples by environment, ns (for ratios against node); no environment without REPORT. */
      readonly environments: EnvironmentSeries;
      /** Init Duration + Duration of each accepted forced cold start, ns (for ratios against node); empty without REPORT. */
      readonly coldNs: number[];
      /** Absent without REPORT (Power Tuning needs Duration and cost). */
      readonly tuning?: TuningCandidate;
      readonly notes: string[];
    }
  | { readonly state: 'errored'; readonly error: string; readonly failure: FailureKind }
  | { readonly state: 'unsupported'; readonly reason: string };

const toNs = (ms: readonly number[]): number[] => ms.map((v) => v * 1e6);

/** Stats of a series, or undefined when it is empty. */
function stats(values: readonly number[]): TimingStats | undefined {
  return values.length > 0 ? describeSamples(values) : undefined;
}

/** Where a row's warm samples came from (`lambda.warm.environments`): how many environments, samples and starting block of each. */
export interface EnvironmentsField {
  readonly count: number;
  /** Accepted warm samples per environment, in order. */
  readonly samples: number[];
  /** The sampling block each environment began in: equal lists on two rows mean they were measured side by side. */
  readonly blocks: number[];
}

/** Where the function ran and what runs it: the head of every completed row's `lambda` block. */
function head(s: FunctionSamples, ctx: RowContext) {
  return {
    memoryMB: ctx.memoryMB,
    arch: ctx.arch,
    endpoint: ctx.endpoint,
    ...(ctx.region !== undefined ? { region: ctx.region } : {}),
    runtime: ctx.runtime,
    functionName: ctx.functionName,
    runtimeClient: s.runtimeClients.size > 0 ? [...s.runtimeClients].sort().join(', ') : 'unknown',
  };
}

function environmentsField(series: EnvironmentSeries): EnvironmentsField {
  return { count: series.samplesNs.length, samples: series.samplesNs.map((list) => list.length), blocks: [...series.blocks] };
}

/** The note of a row whose warm samples came from too few environments for any verdict. */
function fewEnvironmentsNote(count: number): string[] {
  return count < MIN_PROCESSES ? [`warm samples from ${count} execution environment(s): fewer than ${MIN_PROCESSES}, so no verdict against node`] : [];
}

/** Summarises one function. */
export function summarise(s: FunctionSamples, ctx: RowContext): RowSummary {
  if (s.error !== undefined) return s.missingApi ? { state: 'unsupported', reason: s.error } : { state: 'errored', error: s.error, failure: s.failure ?? 'not-measured' };
  if (s.warm.clientNs.length === 0) {
    return { state: 'errored', error: `no warm sample accepted (${s.warmDropped} were served by new environments and dropped)`, failure: 'not-measured' };
  }
  if (!s.reports) return withoutReport(s, ctx);
  const notes: string[] = [];
  const durationNs = toNs(s.warm.durationMs);
  const environments = groupByEnvironment(durationNs, s.warm.environment, s.environments.map((e) => e.block));
  const warmBilled = medianOf(s.warm.billedMs);
  const warmCost = costPerMillionUsd(warmBilled, ctx.memoryMB, ctx.arch, ctx.price);
  const coldCount = s.cold.durationMs.length;
  const coldCost = coldCount > 0 ? costPerMillionUsd(medianOf(s.cold.billedMs), ctx.memoryMB, ctx.arch, ctx.price) : undefined;
  if (s.coldDropped > 0) notes.push(`${s.coldDropped} forced cold sample(s) had no Init Duration (served warm): dropped, not averaged in`);
  if (s.warmDropped > 0) notes.push(`${s.warmDropped} warm sample(s) had Init Duration (new environment): dropped from the warm figures`);
  notes.push(...fewEnvironmentsNote(environments.samplesNs.length));
  const allMemory = [...s.warm.maxMemoryUsedMB, ...s.cold.maxMemoryUsedMB];
  // Paired per sample: what the way to the handler and back costs (SDK, network, service), its own time excluded.
  const overheadNs = s.warm.clientNs.map((client, i) => client - (s.warm.durationMs[i] ?? 0) * 1e6);
  const warm: WarmStats = { ...describeForks(environments.samplesNs), callsPerSample: 1 };
  const fields: LambdaRowFields = {
    warm,
    ...(s.unavailable.length > 0 ? { unavailable: [...s.unavailable] } : {}),
    lambda: {
      ...head(s, ctx),
      warm: {
        samples: s.warm.durationMs.length,
        dropped: s.warmDropped,
        environments: environmentsField(environments),
        client: stats(s.warm.clientNs),
        overhead: stats(overheadNs),
        duration: warm,
        billed: stats(toNs(s.warm.billedMs)),
        handler: stats(s.warm.handlerNs),
      },
      cold: {
        samples: coldCount,
        dropped: s.coldDropped,
        ...(coldCount > 0
          ? {
              init: stats(toNs(s.cold.initMs)),
              firstDuration: stats(toNs(s.cold.durationMs)),
              firstBilled: stats(toNs(s.cold.billedMs)),
              client: stats(s.cold.clientNs),
              handler: stats(s.cold.handlerNs),
            }
          : {}),
      },
      maxMemoryUsedMB: {
        warmMedian: medianOf(s.warm.maxMemoryUsedMB),
        ...(coldCount > 0 ? { coldMedian: medianOf(s.cold.maxMemoryUsedMB) } : {}),
        max: Math.max(...allMemory),
      },
      cost: {
        warmPerMillionUsd: warmCost,
        ...(coldCost !== undefined ? { coldPerMillionUsd: coldCost } : {}),
        basis: 'median Billed Duration (cold: includes INIT)',
        pricingRegion: ctx.price.region,
        pricesExact: ctx.price.exact,
        freeTier: 'excluded',
      },
      retries: { ...s.counters },
    },
  };
  return {
    state: 'completed',
    fields,
    environments,
    coldNs: s.cold.durationMs.map((duration, i) => (duration + (s.cold.initMs[i] ?? 0)) * 1e6),
    // Picks by the row's own warm median (across environments), the figure the row reports.
    tuning: { memoryMB: ctx.memoryMB, arch: ctx.arch, durationMs: warm.medianNs / 1e6, costPerMillionUsd: warmCost },
    notes,
  };
}

/**
 * A row from an endpoint without log tails: verified client round trips and
 * the handler's own time, everything REPORT would have given marked unavailable.
 */
function withoutReport(s: FunctionSamples, ctx: RowContext): RowSummary {
  const fields: LambdaRowFields = {
    unavailable: [...s.unavailable],
    lambda: {
      ...head(s, ctx),
      warm: {
        samples: s.warm.clientNs.length,
        dropped: s.warmDropped,
        environments: environmentsField(groupByEnvironment(s.warm.clientNs, s.warm.environment, s.environments.map((e) => e.block))),
        client: stats(s.warm.clientNs),
        handler: stats(s.warm.handlerNs),
      },
      cold: { samples: 0, dropped: 0 },
      retries: { ...s.counters },
    },
  };
  return { state: 'completed', fields, environments: { samplesNs: [], blocks: [] }, coldNs: [], notes: [] };
}

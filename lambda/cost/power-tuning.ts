/**
 * Power Tuning-style recommendations: for one workload × target × size, the
 * cheapest, the fastest and a balanced (memory, architecture) configuration.
 */
import type { Arch } from './cost.js';

/** One measured configuration. */
export interface TuningCandidate {
  readonly memoryMB: number;
  readonly arch: Arch;
  /** Median REPORT Duration of warm invocations. */
  readonly durationMs: number;
  /** Dollars per million warm invocations. */
  readonly costPerMillionUsd: number;
}

/** The three picks. */
export interface TuningPicks {
  readonly cheapest: TuningCandidate;
  readonly fastest: TuningCandidate;
  /** Minimises weight × cost/maxCost + (1 − weight) × duration/maxDuration, as Power Tuning's "balanced" strategy. */
  readonly balanced: TuningCandidate;
  readonly weight: number;
}

/** Ties go to the smaller memory size (then by architecture name, so the pick is deterministic). */
function byConfig(a: TuningCandidate, b: TuningCandidate): number {
  return a.memoryMB - b.memoryMB || a.arch.localeCompare(b.arch);
}

function minBy(candidates: readonly TuningCandidate[], score: (c: TuningCandidate) => number): TuningCandidate {
  return [...candidates].sort((a, b) => score(a) - score(b) || byConfig(a, b))[0] as TuningCandidate;
}

/** Picks from the candidates; undefined when there are none. */
export function pickPowerTuning(candidates: readonly TuningCandidate[], weight = 0.5): TuningPicks | undefined {
  if (candidates.length === 0) return undefined;
  const maxCost = Math.max(...candidates.map((c) => c.costPerMillionUsd));
  const maxDuration = Math.max(...candidates.map((c) => c.durationMs));
  const norm = (value: number, max: number): number => (max > 0 ? value / max : 0);
  return {
    cheapest: minBy(candidates, (c) => c.costPerMillionUsd),
    fastest: minBy(candidates, (c) => c.durationMs),
    balanced: minBy(candidates, (c) => weight * norm(c.costPerMillionUsd, maxCost) + (1 - weight) * norm(c.durationMs, maxDuration)),
    weight,
  };
}

/** "128 MB x86_64". */
export function configLabel(c: Pick<TuningCandidate, 'memoryMB' | 'arch'>): string {
  return `${c.memoryMB} MB ${c.arch}`;
}

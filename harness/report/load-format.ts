/**
 * How the load reports write a latency: three significant figures, a
 * percentile with its interval, and the lookup of a step's percentile.
 * Shared by the ramp's tables (load.ts) and the storm's (load-storm.ts).
 */
import type { LoadPercentile, LoadStepResult } from '../contract/load.js';

/** Three significant figures, whole numbers from 100 on. */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/**
 * `12.3 [10.1, 14.2]`. A bound the samples cannot give is `none`, followed
 * by how many events would give it (`40.0 [9.00, none: needs ≥ 368 events]`);
 * `compact` (the terminal) leaves it `–` and says why in a footnote. Runs
 * written before `needs` was recorded show `–`.
 */
export function formatPercentile(p: LoadPercentile | undefined, compact = false): string {
  if (!p || !Number.isFinite(p.value)) return p?.needs !== undefined && !compact ? `– (needs ≥ ${p.needs} events)` : '–';
  const missing = p.ci[0] === null || p.ci[1] === null;
  if (compact || p.needs === undefined || !missing) return `${formatMs(p.value)} [${formatMs(p.ci[0])}, ${formatMs(p.ci[1])}]`;
  const bound = (value: number | null): string => (value === null ? 'none' : formatMs(value));
  return `${formatMs(p.value)} [${bound(p.ci[0])}, ${bound(p.ci[1])}: needs ≥ ${p.needs} events]`;
}

/** A step's percentile q, if it recorded one. */
export const percentileOf = (step: LoadStepResult, q: number): LoadPercentile | undefined => step.latencyMs.percentiles.find((p) => p.q === q);

/**
 * Which figures of a completed row `npm run compare` compares: every one the
 * run publishes with a 95% interval. A figure without an interval cannot say
 * whether it moved beyond noise, so it is not compared (a p99, a cost).
 *
 * Local rows: the warm median, the warm ratio to node, cold time to first
 * result and the cold ratio to node. Lambda rows (lambda/measure/summary.ts):
 * `warm` is REPORT Duration (the same warm median figure), plus the client
 * round trip (`lambda.warm.client`, the only timing of an endpoint without
 * log tails), the forced-cold Init Duration and cold round trip
 * (`lambda.cold.init`, `lambda.cold.client`). Placement-specific blocks are
 * untyped in the contract, so they are read through a shape check.
 *
 * Caveat: the round trip's interval is over pooled invocations, whatever
 * environment served them (the warm median's is taken across environments),
 * so it sees no between-environment variation and its verdicts are the most
 * likely to overstate a change.
 */
import type { CompletedResult } from '../contract/index.js';
import type { Estimate } from './interval.js';

/** The figures compared, in the order they are listed per row. */
export type FigureKind = 'warm-median' | 'warm-vs-node' | 'cold-ttfr' | 'cold-vs-node' | 'lambda-round-trip' | 'lambda-init' | 'lambda-cold-round-trip';

/** Every figure kind, in listing order. */
export const FIGURE_KINDS: readonly FigureKind[] = ['warm-median', 'warm-vs-node', 'cold-ttfr', 'cold-vs-node', 'lambda-round-trip', 'lambda-init', 'lambda-cold-round-trip'];

/** What a figure measures: a duration in ns, or a ratio to node (unitless). */
export type FigureUnit = 'ns' | 'ratio';

/** How each figure is named in outputs and what its value is. */
export const FIGURE_INFO: Readonly<Record<FigureKind, { readonly label: string; readonly unit: FigureUnit }>> = {
  'warm-median': { label: 'warm median', unit: 'ns' },
  'warm-vs-node': { label: 'warm vs node', unit: 'ratio' },
  'cold-ttfr': { label: 'cold TTFR', unit: 'ns' },
  'cold-vs-node': { label: 'cold vs node', unit: 'ratio' },
  'lambda-round-trip': { label: 'round trip', unit: 'ns' },
  'lambda-init': { label: 'cold init', unit: 'ns' },
  'lambda-cold-round-trip': { label: 'cold round trip', unit: 'ns' },
};

/** A median with its interval, as TimingStats and PhaseStats carry it; undefined for anything else. */
function timing(block: unknown): Estimate | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const { medianNs, ci95Ns } = block as { medianNs?: unknown; ci95Ns?: unknown };
  if (typeof medianNs !== 'number' || !Array.isArray(ci95Ns) || ci95Ns.length !== 2) return undefined;
  const [lo, hi] = ci95Ns as unknown[];
  if (typeof lo !== 'number' || typeof hi !== 'number') return undefined;
  return { value: medianNs, ci95: [lo, hi] };
}

/** A ratio to node with its interval; undefined when absent. */
function ratio(block: { readonly ratio: number; readonly ci95: readonly [number, number] } | undefined): Estimate | undefined {
  return block ? { value: block.ratio, ci95: [block.ci95[0], block.ci95[1]] } : undefined;
}

/** The figures a completed row publishes with an interval, by kind (a kind the row lacks is absent). */
export function figuresOf(row: CompletedResult): Partial<Record<FigureKind, Estimate>> {
  const found: Partial<Record<FigureKind, Estimate | undefined>> = {
    'warm-median': timing(row.warm),
    'warm-vs-node': ratio(row.vsNode),
    'cold-ttfr': timing(row.cold?.timeToFirstResult),
    'cold-vs-node': ratio(row.coldVsNode),
    'lambda-round-trip': timing(row.lambda?.warm.client),
    'lambda-init': timing(row.lambda?.cold.init),
    'lambda-cold-round-trip': timing(row.lambda?.cold.client),
  };
  const figures: Partial<Record<FigureKind, Estimate>> = {};
  for (const kind of FIGURE_KINDS) {
    const estimate = found[kind];
    if (estimate !== undefined) figures[kind] = estimate;
  }
  return figures;
}

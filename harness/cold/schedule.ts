/**
 * The order cold samples are taken in: shuffled rounds. Every round runs
 * each item once, in an order drawn from a seeded PRNG, so slow drift on a
 * shared machine (thermal, other tenants) spreads over every item alike and
 * the same seed reproduces the same order.
 */
import { createRng, shuffled } from '../stats/index.js';
import type { ColdItem } from './types.js';

/** A stable, readable key for an item (used to group raw samples). */
export function itemKey(item: ColdItem): string {
  return item.kind === 'baseline'
    ? `baseline/${item.engine}`
    : `${item.workload}/${item.target}/${item.size}/${item.engine}`;
}

/** One scheduled sample. */
export interface ScheduledSample {
  readonly item: ColdItem;
  readonly round: number;
  /** Position in the whole schedule. */
  readonly sequence: number;
}

/**
 * `rounds` rounds; each is a seeded shuffle of all items. Items with equal
 * keys are rejected: they would be indistinguishable in the results.
 */
export function scheduleColdSamples(items: readonly ColdItem[], rounds: number, seed: number): ScheduledSample[] {
  if (!Number.isInteger(rounds) || rounds < 0) throw new RangeError(`rounds must be a non-negative integer, got ${rounds}`);
  const keys = new Set<string>();
  for (const item of items) {
    const key = itemKey(item);
    if (keys.has(key)) throw new Error(`duplicate cold item ${key}`);
    keys.add(key);
  }
  const rng = createRng(seed);
  const out: ScheduledSample[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const item of shuffled(items, rng)) out.push({ item, round, sequence: out.length });
  }
  return out;
}

/** The shuffled-rounds order: seeded, reproducible, and fair to every item. */
import { describe, expect, it } from 'vitest';
import { itemKey, scheduleColdSamples } from './schedule.js';
import type { ColdItem } from './types.js';

const items: ColdItem[] = [
  { kind: 'baseline', engine: 'default' },
  { kind: 'target', workload: 'noop', target: 'node', size: 'small', engine: 'default' },
  { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'default' },
  { kind: 'target', workload: 'noop', target: 'wasm', size: 'small', engine: 'eager' },
  { kind: 'target', workload: 'sha256', target: 'node', size: 'small', engine: 'default' },
  { kind: 'target', workload: 'sha256', target: 'wasm', size: 'small', engine: 'default' },
];
const keys = (schedule: ReturnType<typeof scheduleColdSamples>): string[] => schedule.map((s) => itemKey(s.item));

describe('scheduleColdSamples', () => {
  it('runs every item exactly once per round', () => {
    const schedule = scheduleColdSamples(items, 30, 7);
    expect(schedule).toHaveLength(30 * items.length);
    for (let round = 0; round < 30; round++) {
      const inRound = schedule.filter((s) => s.round === round).map((s) => itemKey(s.item));
      expect([...inRound].sort()).toEqual(items.map(itemKey).sort());
    }
    expect(schedule.map((s) => s.sequence)).toEqual(schedule.map((_, i) => i));
  });

  it('is reproducible from the seed and differs between seeds', () => {
    expect(keys(scheduleColdSamples(items, 10, 7))).toEqual(keys(scheduleColdSamples(items, 10, 7)));
    expect(keys(scheduleColdSamples(items, 10, 7))).not.toEqual(keys(scheduleColdSamples(items, 10, 8)));
  });

  it('shuffles: rounds are not all in the same order', () => {
    const schedule = scheduleColdSamples(items, 10, 3);
    const orders = new Set(Array.from({ length: 10 }, (_, round) => schedule.filter((s) => s.round === round).map((s) => itemKey(s.item)).join(',')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('spreads each item over positions within rounds', () => {
    const schedule = scheduleColdSamples(items, 60, 11);
    const firstPositions = new Set<number>();
    for (let round = 0; round < 60; round++) {
      firstPositions.add(schedule.filter((s) => s.round === round).findIndex((s) => s.item.kind === 'baseline'));
    }
    // With 60 rounds the baseline lands on every one of the 6 positions at some point.
    expect(firstPositions.size).toBe(items.length);
  });

  it('rejects duplicate items and bad round counts', () => {
    expect(() => scheduleColdSamples([items[1] as ColdItem, items[1] as ColdItem], 2, 1)).toThrow(/duplicate/);
    expect(() => scheduleColdSamples(items, -1, 1)).toThrow(RangeError);
    expect(scheduleColdSamples(items, 0, 1)).toEqual([]);
  });

  it('keys items readably', () => {
    expect(itemKey({ kind: 'baseline', engine: 'eager' })).toBe('baseline/eager');
    expect(itemKey({ kind: 'target', workload: 'noop', target: 'wasm', size: 'large', engine: 'liftoff-only' })).toBe('noop/wasm/large/liftoff-only');
  });
});

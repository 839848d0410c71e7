import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { DEFAULT_LOAD, parseLoadSpec, plannedEvents, QUICK_LOAD } from './load.js';

describe('parseLoadSpec', () => {
  it('reads kind, levels, duration and settle', () => {
    expect(parseLoadSpec('rate:1,5,10@10s+2s')).toEqual({ text: 'rate:1,5,10@10s+2s', kind: 'rate', levels: [1, 5, 10], durationMs: 10_000, settleMs: 2000 });
    expect(parseLoadSpec('concurrency:1,4@500ms')).toMatchObject({ kind: 'concurrency', levels: [1, 4], durationMs: 500, settleMs: 2000 });
  });

  it('doubles a range up to its end, the end included', () => {
    expect(parseLoadSpec('poisson:1..20').levels).toEqual([1, 2, 4, 8, 16, 20]);
    expect(parseLoadSpec('poisson:3..3').levels).toEqual([3]);
  });

  it('parses both defaults', () => {
    expect(parseLoadSpec(DEFAULT_LOAD)).toMatchObject({ kind: 'rate', levels: [1, 5, 10, 25, 50], settleMs: 3000 });
    expect(parseLoadSpec(QUICK_LOAD)).toMatchObject({ kind: 'rate', levels: [2, 10, 25], settleMs: 1000 });
  });

  it.each([
    ['10,20', 'missing "kind:"'],
    ['burst:1', 'kind must be rate, poisson or concurrency'],
    ['rate:', 'a level must be a positive number'],
    ['rate:5000', 'rate levels must lie in 0.1..1000'],
    ['concurrency:1.5', 'concurrency levels are whole callers'],
    ['rate:1@10', 'duration must be a number with s or ms'],
    ['rate:1@10s+1s+1s', 'one "+settle" at most'],
    ['rate:1@100ms', 'duration must lie in'],
    ['rate:1..100000', 'rate levels must lie in'],
  ])('refuses %s in one line naming the grammar', (text, why) => {
    expect(() => parseLoadSpec(text)).toThrow(UsageError);
    expect(() => parseLoadSpec(text)).toThrow(why);
  });

  it('plans open-loop events from rate and duration', () => {
    expect(plannedEvents('rate', 25, 4000)).toBe(100);
    expect(plannedEvents('concurrency', 4, 4000)).toBeUndefined();
  });
});

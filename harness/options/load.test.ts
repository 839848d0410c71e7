import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { DEFAULT_LOAD, parseLoadSpec, plannedEvents, QUICK_LOAD, rampWorstCaseMs } from './load.js';
import { DEFAULT_RAMP_WORST_MIN } from './load-flags.js';

describe('parseLoadSpec', () => {
  it('reads kind, levels, duration and settle', () => {
    expect(parseLoadSpec('rate:1,5,10@10s+2s')).toEqual({ text: 'rate:1,5,10@10s+2s', kind: 'rate', levels: [1, 5, 10], durationMs: 10_000, settleMs: 2000, untilHostLimit: false });
    expect(parseLoadSpec('concurrency:1,4@500ms')).toMatchObject({ kind: 'concurrency', levels: [1, 4], durationMs: 500, settleMs: 2000 });
  });

  it('reads a storm: events at once, no sending time, @ giving its wait', () => {
    expect(parseLoadSpec('storm:10,25,50')).toEqual({ text: 'storm:10,25,50', kind: 'storm', levels: [10, 25, 50], durationMs: 0, waitMs: 30_000, settleMs: 2000, untilHostLimit: false });
    expect(parseLoadSpec('storm:1,5,10,20@20s+5s')).toMatchObject({ levels: [1, 5, 10, 20], durationMs: 0, waitMs: 20_000, settleMs: 5000 });
    expect(parseLoadSpec('storm:1..16..@10s')).toMatchObject({ levels: [1, 2, 4, 8, 16], waitMs: 10_000, untilHostLimit: true });
    // The worst case counts each storm's full wait where a ramp counts its sending time.
    expect(rampWorstCaseMs(parseLoadSpec('storm:1,5@20s+5s'), 2, 1)).toBe(2 * 2 * 25_000);
    expect(plannedEvents('storm', 25, 0)).toBe(25);
  });

  it('doubles a range up to its end, the end included', () => {
    expect(parseLoadSpec('poisson:1..20').levels).toEqual([1, 2, 4, 8, 16, 20]);
    expect(parseLoadSpec('poisson:3..3').levels).toEqual([3]);
  });

  it('reads a trailing ".." as the stop rule, after a list or a range', () => {
    expect(parseLoadSpec('rate:1,10,100..@40s')).toMatchObject({ levels: [1, 10, 100], durationMs: 40_000, untilHostLimit: true });
    expect(parseLoadSpec('poisson:1..8..')).toMatchObject({ levels: [1, 2, 4, 8], untilHostLimit: true });
    expect(parseLoadSpec('concurrency:4..')).toMatchObject({ levels: [4], untilHostLimit: true });
    expect(parseLoadSpec('rate:1..8').untilHostLimit).toBe(false);
  });

  it('parses both defaults, which climb until the host is the limit', () => {
    expect(parseLoadSpec(DEFAULT_LOAD)).toMatchObject({ kind: 'rate', levels: [1, 5, 10, 25, 50, 100, 200, 400, 600, 800], durationMs: 20_000, settleMs: 2000, untilHostLimit: true });
    expect(parseLoadSpec(QUICK_LOAD)).toMatchObject({ kind: 'rate', levels: [5, 10, 25], durationMs: 2000, settleMs: 500, untilHostLimit: true });
  });

  it('bounds the default ramp at minutes: 10 levels x 4 functions x 22 s on one path, 3 repeats, 44 min', () => {
    const spec = parseLoadSpec(DEFAULT_LOAD);
    expect(rampWorstCaseMs(spec, 4, 1)).toBe(10 * 4 * 22_000);
    expect(rampWorstCaseMs(spec, 4, 2, 500)).toBe(10 * 4 * 2 * 22_500);
    expect(DEFAULT_RAMP_WORST_MIN).toBe(44);
  });

  it.each([
    ['10,20', 'missing "kind:"'],
    ['burst:1', 'kind must be rate, poisson, concurrency or storm'],
    ['storm:2.5', 'storm levels are whole events, got 2.5'],
    ['storm:500', 'storm levels must lie in 1..256, got 500'],
    ['storm:5@500ms', 'wait must lie in 1 s..600 s'],
    ['storm:5@soon', 'wait must be a number with s or ms, got "soon"'],
    ['storm:5@10s+1s+1s', 'one "+settle" at most'],
    ['rate:', 'a level must be a positive number'],
    ['rate:5000', 'rate levels must lie in 0.1..1000'],
    ['concurrency:1.5', 'concurrency levels are whole callers'],
    ['rate:1@10', 'duration must be a number with s or ms'],
    ['rate:1@10s+1s+1s', 'one "+settle" at most'],
    ['rate:1@100ms', 'duration must lie in'],
    ['rate:1..100000', 'rate levels must lie in'],
    ['rate:..', 'a level must be a positive number, got ""'],
    ['rate:1...', 'a level must be a positive number, got "1."'],
    ['rate:1,..5', 'a level must be a positive number, got "1,"'],
  ])('refuses %s in one line naming the grammar', (text, why) => {
    expect(() => parseLoadSpec(text)).toThrow(UsageError);
    expect(() => parseLoadSpec(text)).toThrow(why);
    expect(() => parseLoadSpec(text)).toThrow(/grammar: kind:levels\[\.\.\]\[@duration\[\+settle\]\] or storm:levels\[\.\.\]\[@wait\[\+settle\]\]/);
  });

  it('plans open-loop events from rate and duration', () => {
    expect(plannedEvents('rate', 25, 4000)).toBe(100);
    expect(plannedEvents('concurrency', 4, 4000)).toBeUndefined();
  });
});

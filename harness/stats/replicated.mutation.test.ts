/**
 * Pins which processes carry a within-process relative error (issue 16,
 * mutation testing): only those with a positive median. A relative error of
 * a median at or below zero means nothing, and a negative one would drag the
 * median error of the row towards zero.
 */
import { describe, expect, it } from 'vitest';
import { forkSpread } from './replicated.js';

const Z = 1.959964;

describe('forkSpread, the within-process error', () => {
  it('leaves out a process whose median is below zero, as it does one at zero', () => {
    // [1,2,3]: the order-statistics interval is the whole fork, 2 / (2 z) / 2 = 1 / (2 z).
    // [-3,-2,-1] would give -1 / (2 z); counted, the median of the two would be 0.
    expect(forkSpread([[-3, -2, -1], [1, 2, 3]]).withinCv).toBeCloseTo(1 / (2 * Z), 12);
    expect(forkSpread([[-3, -2, -1]]).withinCv).toBe(0);
  });
});

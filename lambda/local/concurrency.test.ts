/**
 * Lambda's concurrency rules without processes: the default account limit
 * scaled to the host's memory (with its reason), reserved concurrency, the
 * unreserved pool, and the minimum that must stay unreserved.
 */

import { describe, expect, it } from 'vitest';
import { ConcurrencyLimits, defaultAccountConcurrency, ENVIRONMENT_RSS_MB, explicitAccountConcurrency, PeakHistory, type FunctionLoad } from './concurrency.js';
import type { LambdaApiError } from './errors.js';

function reason(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as LambdaApiError).extra.Reason ?? (error as LambdaApiError).type;
  }
  return undefined;
}

describe('account concurrency', () => {
  it("scales AWS's 1000 to what half the available memory holds, and says so", () => {
    const small = defaultAccountConcurrency(8000);
    expect(small.limit).toBe(Math.floor((8000 * 0.5) / ENVIRONMENT_RSS_MB));
    expect(small.reason).toMatch(/AWS's default 1000 scaled to this host/);
    expect(small.reason).toContain('8000 MB');
    expect(small.minUnreserved).toBe(Math.round(small.limit / 10));
    const big = defaultAccountConcurrency(1_000_000);
    expect(big).toMatchObject({ limit: 1000, minUnreserved: 100 });
    expect(defaultAccountConcurrency(10).limit).toBe(1);
    // Only a limit the host's memory lowered is the host's: AWS's own default and a chosen one are not.
    expect(small.hostLimited).toBe(true);
    expect(big.hostLimited).toBe(false);
    expect(explicitAccountConcurrency(5, 'the user\'s account').hostLimited).toBe(false);
  });

  it('throttles a reserved function at its reservation and unreserved ones at what reservations leave', () => {
    const functions: FunctionLoad[] = [{ name: 'r', reserved: 3 }, { name: 'u', reserved: undefined }];
    const limits = new ConcurrencyLimits(explicitAccountConcurrency(10, 'test'), () => functions);
    expect(limits.unreservedLimit).toBe(7);
    expect(reason(() => limits.admit(functions[0]!, { ofFunction: 2, unreserved: 7 }))).toBeUndefined();
    expect(reason(() => limits.admit(functions[0]!, { ofFunction: 3, unreserved: 0 }))).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(reason(() => limits.admit(functions[1]!, { ofFunction: 6, unreserved: 6 }))).toBeUndefined();
    expect(reason(() => limits.admit(functions[1]!, { ofFunction: 7, unreserved: 7 }))).toBe('ConcurrentInvocationLimitExceeded');
    expect(reason(() => limits.admit({ name: 'zero', reserved: 0 }, { ofFunction: 0, unreserved: 0 }))).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  it('refuses a reservation that leaves less than the minimum unreserved, with AWS message and the scaled minimum', () => {
    const functions: FunctionLoad[] = [{ name: 'a', reserved: 40 }];
    const limits = new ConcurrencyLimits(explicitAccountConcurrency(100, 'test'), () => functions);
    expect(limits.account.minUnreserved).toBe(10);
    expect(() => limits.checkReservation('b', 50)).not.toThrow();
    expect(() => limits.checkReservation('b', 51)).toThrow(/below its minimum value of \[10\]/);
    // Changing a function's own reservation does not count its old value twice.
    expect(() => limits.checkReservation('a', 90)).not.toThrow();
  });

  it('keeps the peak in flight per second, so a window (a load step) has its own peak, and forgets past an hour', () => {
    const history = new PeakHistory(3600);
    history.note(1, 10_000);
    history.note(3, 10_400);
    history.note(2, 10_900);
    history.note(5, 12_000);
    expect(history.window(10_000, 11_999)).toEqual({ peak: 3, seconds: [[10, 3]] });
    expect(history.window(0, 20_000).peak).toBe(5);
    history.note(1, 10_000 + 3600_000);
    expect(history.window(0, 3_000_000).seconds).toEqual([[12, 5]]);
  });
});

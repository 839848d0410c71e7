import { describe, expect, it } from 'vitest';
import { busyShare, checkBottleneck, hostCpuOf } from './bottleneck.js';

const stat = (user: number, system: number, idle: number): string => `cpu  ${user} 0 ${system} ${idle} 0 0 0 0 0 0\ncpu0 1 2 3 4\n`;

describe('host CPU', () => {
  it('reads busy and total ticks and their share between readings', () => {
    const before = hostCpuOf(stat(100, 50, 850));
    expect(before).toEqual({ busy: 150, total: 1000 });
    const after = hostCpuOf(stat(280, 110, 870));
    expect(busyShare(before, after)).toBeCloseTo(240 / 260, 10);
    expect(busyShare(undefined, after)).toBeUndefined();
    expect(busyShare(after, after)).toBeUndefined();
  });
});

describe('checkBottleneck', () => {
  it('passes a step sent on time on an idle host', () => {
    const check = checkBottleneck([0, 1, 2, 9.9], 0, 0.4);
    expect(check.reasons).toEqual([]);
    expect(check.maxLagMs).toBe(9.9);
  });

  it('marks send lag beyond 5% of events', () => {
    const lags = [...Array(94).fill(0), ...Array(5).fill(25), 40];
    const check = checkBottleneck(lags, 0, 0.5);
    expect(check.lateShare).toBe(0.06);
    expect(check.reasons).toEqual(['client send lag: 6.0% of events left over 10 ms late (max 40 ms)']);
    // Five late events in 100 are within the allowance.
    expect(checkBottleneck([...Array(95).fill(0), ...Array(5).fill(40)], 0, 0.5).reasons).toEqual([]);
  });

  it('needs two late sends, not one, in a short step', () => {
    // One of ten (a 2 s step at 5/s) is 10%, but one pause is not a schedule the client could not keep.
    const one = checkBottleneck([...Array(9).fill(0), 12], 0, 0.5);
    expect(one.lateShare).toBe(0.1);
    expect(one.maxLagMs).toBe(12);
    expect(one.reasons).toEqual([]);
    expect(checkBottleneck([...Array(8).fill(0), 12, 11], 0, 0.5).reasons).toEqual(['client send lag: 20.0% of events left over 10 ms late (max 12 ms)']);
  });

  it('marks CPU saturation and skipped events, each with its reason', () => {
    const check = checkBottleneck([0], 3, 0.97);
    expect(check.reasons).toEqual(['client in-flight ceiling: 3 event(s) not sent', 'host CPU saturated: 97% busy over the step']);
    expect(checkBottleneck([0], 0, undefined).reasons).toEqual([]);
  });

  it("marks cold starts that queued for the local Lambda's INIT slots, and not a step where none did", () => {
    expect(checkBottleneck([0], 0, 0.5, { count: 12, limit: 2 }).reasons).toEqual([
      "host cold-start queue: 12 cold start(s) waited for one of the local Lambda's 2 INIT slots",
    ]);
    expect(checkBottleneck([0], 0, 0.5, { count: 0, limit: 2 }).reasons).toEqual([]);
  });

  it('marks throttles at an account limit the host set, and not a step without them', () => {
    expect(checkBottleneck([0], 0, 0.5, undefined, { count: 7, limit: 129 }).reasons).toEqual([
      "host account limit: 7 event(s) throttled at the local Lambda's account concurrency of 129, which this host's memory set (AWS's default is 1000)",
    ]);
    expect(checkBottleneck([0], 0, 0.5, undefined, { count: 0, limit: 129 }).reasons).toEqual([]);
  });
});

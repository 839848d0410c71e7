import { describe, expect, it } from 'vitest';
import { competingCores, machineBusyTicks, ownTicks, readCpu } from './competing-load.js';
import { busyNote } from './local-warm.js';

describe('competing load', () => {
  it('counts busy ticks of /proc/stat without idle and iowait', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(machineBusyTicks('cpu  100 5 50 9000 40 3 2 1 0 0\ncpu0 1 2 3\n')).toBe(161);
  });

  it("reads this process's and its waited-for children's ticks after the command name, spaces and parentheses included", () => {
    const fields = ['S', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '70', '30', '200', '100', '20'];
    expect(ownTicks(`1234 (node (a b)) ${fields.join(' ')}`)).toBe(400);
  });

  it('takes this run out of the machine total: cores used by others per second', () => {
    const before = { machineBusy: 1000, own: 400, atMs: 0 };
    const after = { machineBusy: 1350, own: 600, atMs: 2000 };
    // 350 busy ticks in 2 s, 200 of them this run's: 150 ticks = 1.5 s of CPU over 2 s = 0.75 cores.
    expect(competingCores(before, after)).toBeCloseTo(0.75, 12);
    expect(competingCores(after, after)).toBe(0);
    expect(competingCores(before, { ...after, own: 1000 })).toBe(0);
  });

  it('reads real counters on Linux', () => {
    const reading = readCpu();
    if (process.platform !== 'linux') return expect(reading).toBeUndefined();
    expect(reading?.machineBusy).toBeGreaterThan(0);
    expect(reading?.own).toBeGreaterThanOrEqual(0);
  });

  it('calls a warm phase busy when others took half a core in at least a tenth of its processes', () => {
    expect(busyNote([])).toBeUndefined();
    expect(busyNote(Array(20).fill(0.1))).toBeUndefined();
    expect(busyNote([...Array(19).fill(0), 0.9])).toBeUndefined();
    const note = busyNote([...Array(18).fill(0), 0.8, 1.2]);
    expect(note).toContain('other work took 1.0 cores on average during 2 of 20 processes');
  });
});

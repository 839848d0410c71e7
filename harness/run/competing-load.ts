/**
 * How much CPU other work took while a warm fork measured: the machine's
 * busy CPU time (/proc/stat) minus this run's own (this process and the
 * forks it waited for, /proc/self/stat). The load average cannot tell: V8's
 * compiler and GC threads of the run itself push it over the core count on
 * an otherwise idle 2-core machine (measured: 2.1 and 3.0 with nothing else
 * running). Linux only; elsewhere nothing is reported.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux, fixed by its ABI). */
const USER_HZ = 100;

/** A reading of busy ticks: the whole machine's and this run's. */
export interface CpuReading {
  readonly machineBusy: number;
  readonly own: number;
  readonly atMs: number;
}

/** Busy ticks of the whole machine from the first line of /proc/stat (idle and iowait excluded). */
export function machineBusyTicks(procStat: string): number {
  const fields = (procStat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return user + nice + system + irq + softirq + steal;
}

/** This process's ticks plus its waited-for children's, from /proc/self/stat (utime stime cutime cstime). */
export function ownTicks(selfStat: string): number {
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const rest = selfStat.slice(selfStat.lastIndexOf(')') + 2).split(' ').map(Number);
  // rest[0] is field 3 (state); utime..cstime are fields 14..17.
  return (rest[11] ?? 0) + (rest[12] ?? 0) + (rest[13] ?? 0) + (rest[14] ?? 0);
}

/** Reads the counters now, or undefined where /proc is not there. */
export function readCpu(now: () => number = Date.now): CpuReading | undefined {
  try {
    return { machineBusy: machineBusyTicks(readFileSync('/proc/stat', 'utf8')), own: ownTicks(readFileSync('/proc/self/stat', 'utf8')), atMs: now() };
  } catch {
    return undefined;
  }
}

/** Cores' worth of CPU that other work used between two readings. */
export function competingCores(before: CpuReading, after: CpuReading): number {
  const seconds = (after.atMs - before.atMs) / 1000;
  if (seconds <= 0) return 0;
  const others = after.machineBusy - before.machineBusy - (after.own - before.own);
  return Math.max(0, others / USER_HZ / seconds);
}

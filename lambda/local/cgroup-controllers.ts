/**
 * The control files of the cpu and memory controllers, in each cgroup
 * version: the same limits (a CFS quota of memorySize/1769 of a core per
 * 100 ms, a memory limit of memorySize without swap) written the way each
 * version spells them.
 *
 * | limit            | cgroup v1                                   | cgroup v2                         |
 * |------------------|---------------------------------------------|-----------------------------------|
 * | CPU quota        | `cpu.cfs_period_us`, `cpu.cfs_quota_us`     | `cpu.max` = `<quota\|max> <period>` |
 * | memory limit     | `memory.limit_in_bytes` (+ `memsw`)         | `memory.max` (+ `memory.swap.max` = 0) |
 * | OOM kills        | `memory.oom_control` `oom_kill` (`failcnt`) | `memory.events` `oom_kill`        |
 * | peak memory      | `memory.max_usage_in_bytes`                 | `memory.peak` (kernel 5.19+)      |
 */

import { join } from 'node:path';
import { readKeyed, readNumber, writeControl, writeControlIfPresent } from './cgroup-fs.js';

/** 1,769 MB of function memory buys one vCPU (AWS documentation). */
export const MB_PER_VCPU = 1769;
/** CFS period; the quota is a share of it. */
export const PERIOD_US = 100_000;

/** CFS quota in µs per 100 ms period for a function of `memoryMb`. */
export function cpuQuotaUs(memoryMb: number): number {
  return Math.max(1000, Math.round((memoryMb / MB_PER_VCPU) * PERIOD_US));
}

/** The cpu controller's files in one cgroup version. */
export interface CpuFiles {
  /** Sets the quota of the group in `dir`: µs per {@link PERIOD_US}, or undefined for no limit. */
  setQuota(dir: string, quotaUs: number | undefined): void;
}

/** The memory controller's files in one cgroup version. */
export interface MemoryFiles {
  /** Limits the group in `dir` to `bytes` of memory, and forbids swapping past it where swap is accounted. */
  setLimit(dir: string, bytes: number): void;
  /** True when the kernel OOM-killed a process of the group. */
  oomKilled(dir: string): boolean;
  /** Peak memory charged to the group, in bytes; undefined where the kernel does not record it. */
  peakBytes(dir: string): number | undefined;
}

/** cgroup v1 cpu hierarchy. */
export const V1_CPU: CpuFiles = {
  setQuota(dir, quotaUs) {
    writeControl(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeControl(join(dir, 'cpu.cfs_quota_us'), quotaUs === undefined ? '-1' : String(quotaUs));
  },
};

/** cgroup v1 memory hierarchy. */
export const V1_MEMORY: MemoryFiles = {
  setLimit(dir, bytes) {
    writeControl(join(dir, 'memory.limit_in_bytes'), String(bytes));
    // Present only with swap accounting; memsw is memory + swap, so equal to the limit means no swap.
    writeControlIfPresent(join(dir, 'memory.memsw.limit_in_bytes'), String(bytes));
  },
  oomKilled(dir) {
    const kills = readKeyed(join(dir, 'memory.oom_control'), 'oom_kill');
    if (kills !== undefined) return kills > 0;
    // Kernels before 4.13 have no oom_kill counter: hitting the limit is the best evidence.
    return (readNumber(join(dir, 'memory.failcnt')) ?? 0) > 0;
  },
  peakBytes: (dir) => readNumber(join(dir, 'memory.max_usage_in_bytes')),
};

/** cgroup v2 unified hierarchy, cpu controller. */
export const V2_CPU: CpuFiles = {
  setQuota(dir, quotaUs) {
    writeControl(join(dir, 'cpu.max'), `${quotaUs === undefined ? 'max' : String(quotaUs)} ${PERIOD_US}`);
  },
};

/** cgroup v2 unified hierarchy, memory controller. */
export const V2_MEMORY: MemoryFiles = {
  setLimit(dir, bytes) {
    writeControl(join(dir, 'memory.max'), String(bytes));
    // v2 counts swap separately (absent without swap accounting): 0 keeps the limit a real one.
    writeControlIfPresent(join(dir, 'memory.swap.max'), '0');
  },
  // memory.events counts the group and its descendants; the environment's group has none.
  oomKilled: (dir) => (readKeyed(join(dir, 'memory.events'), 'oom_kill') ?? 0) > 0,
  // memory.peak exists from kernel 5.19; before that v2 records no peak.
  peakBytes: (dir) => readNumber(join(dir, 'memory.peak')),
};

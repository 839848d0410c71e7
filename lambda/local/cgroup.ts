/**
 * CPU in proportion to memory, as Lambda gives it: one cgroup (v1) per
 * execution environment with a CFS quota of memorySize/1769 of one core and a
 * memory limit of memorySize. Where cgroup v1 is not writable the server runs
 * environments unthrottled and says so (`cpuLimit: "none"`).
 *
 * Groups are nested under the server process's own cgroup of each controller
 * (so a sandbox's limits still apply above them), in a directory named after
 * the server's pid; directories left by a server that died are swept at start.
 */

import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuLimitMode } from './types.js';

/** 1,769 MB of function memory buys one vCPU (AWS documentation). */
export const MB_PER_VCPU = 1769;
/** CFS period; the quota is a share of it. */
const PERIOD_US = 100_000;
const ROOT_PREFIX = 'wasm-lambda-bench-';

/** The cgroups of one execution environment. */
export interface EnvironmentCgroup {
  /** `cgroup.procs` files the environment's first process writes its pid into (cpu, memory). */
  readonly procsFiles: readonly [string, string];
  /** Applies the memory-proportional CPU quota (`throttled`) or lifts it (`unlimited`). */
  setCpu(mode: 'throttled' | 'unlimited'): void;
  /** True when the kernel OOM-killed a process of this group. */
  oomKilled(): boolean;
  /** Peak memory charged to the group, in bytes (`memory.max_usage_in_bytes`). */
  peakBytes(): number | undefined;
  /** Removes both groups; false while processes remain in them. */
  remove(): boolean;
}

/** Creates per-environment cgroups, or explains why it cannot. */
export interface CgroupManager {
  readonly mode: CpuLimitMode;
  /** Why `mode` is `none`. */
  readonly reason: string | undefined;
  /** A new pair of groups for an environment of `memoryMb`; undefined in `none` mode. */
  create(id: string, memoryMb: number): EnvironmentCgroup | undefined;
  /** Removes the server's root groups (after every environment is gone). */
  removeRoot(): void;
}

/** CFS quota in µs per 100 ms period for a function of `memoryMb`. */
export function cpuQuotaUs(memoryMb: number): number {
  return Math.max(1000, Math.round((memoryMb / MB_PER_VCPU) * PERIOD_US));
}

/** Detects writable cgroup v1 cpu and memory hierarchies and prepares the server's root groups. */
export function createCgroupManager(setting: 'auto' | 'off'): CgroupManager {
  if (setting === 'off') return disabled('cgroups switched off by option');
  let roots: { cpu: string; memory: string };
  try {
    const cpuBase = controllerBase('cpu');
    const memoryBase = controllerBase('memory');
    if (cpuBase === undefined || memoryBase === undefined) {
      return disabled('no cgroup v1 cpu and memory hierarchies mounted');
    }
    sweepStale(cpuBase);
    sweepStale(memoryBase);
    roots = { cpu: join(cpuBase, ROOT_PREFIX + process.pid), memory: join(memoryBase, ROOT_PREFIX + process.pid) };
    mkdirSync(roots.cpu, { recursive: true });
    mkdirSync(roots.memory, { recursive: true });
    probe(roots);
  } catch (error) {
    return disabled(`cgroup v1 not writable: ${(error as Error).message}`);
  }
  return {
    mode: 'cgroup-v1',
    reason: undefined,
    create: (id, memoryMb) => createPair(roots, id, memoryMb),
    removeRoot: () => {
      tryRmdir(roots.cpu);
      tryRmdir(roots.memory);
    },
  };
}

function disabled(reason: string): CgroupManager {
  return { mode: 'none', reason, create: () => undefined, removeRoot: () => undefined };
}

/** The directory of this process's own group in the hierarchy that carries `controller`. */
function controllerBase(controller: string): string | undefined {
  const mount = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .find((f) => f[2] === 'cgroup' && (f[3] ?? '').split(',').includes(controller));
  const mountPoint = mount?.[1];
  if (mountPoint === undefined) return undefined;
  const own = readFileSync('/proc/self/cgroup', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => (f[1] ?? '').split(',').includes(controller));
  const nested = join(mountPoint, own?.[2] ?? '/');
  // Inside a cgroup namespace the path may not exist under the mount; the mount is then our group.
  return existsSync(nested) ? nested : mountPoint;
}

/** Checks that quota and limit files accept writes, in a throwaway group. */
function probe(roots: { cpu: string; memory: string }): void {
  const cpu = join(roots.cpu, 'probe');
  const memory = join(roots.memory, 'probe');
  mkdirSync(cpu, { recursive: true });
  mkdirSync(memory, { recursive: true });
  try {
    writeFileSync(join(cpu, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(cpu, 'cpu.cfs_quota_us'), String(cpuQuotaUs(128)));
    writeFileSync(join(memory, 'memory.limit_in_bytes'), String(128 * 1024 * 1024));
  } finally {
    rmdirSync(cpu);
    rmdirSync(memory);
  }
}

/** Removes groups left by servers that are no longer running (empty groups only). */
function sweepStale(base: string): void {
  for (const name of readdirSync(base)) {
    if (!name.startsWith(ROOT_PREFIX)) continue;
    const pid = Number(name.slice(ROOT_PREFIX.length));
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const dir = join(base, name);
    for (const child of safeReaddir(dir)) tryRmdir(join(dir, child));
    tryRmdir(dir);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function createPair(roots: { cpu: string; memory: string }, id: string, memoryMb: number): EnvironmentCgroup {
  const cpu = join(roots.cpu, id);
  const memory = join(roots.memory, id);
  mkdirSync(cpu);
  mkdirSync(memory);
  writeFileSync(join(cpu, 'cpu.cfs_period_us'), String(PERIOD_US));
  // INIT runs unthrottled (see README: Lambda's Node Init Duration does not scale with memory).
  writeFileSync(join(cpu, 'cpu.cfs_quota_us'), '-1');
  const bytes = String(memoryMb * 1024 * 1024);
  writeFileSync(join(memory, 'memory.limit_in_bytes'), bytes);
  try {
    // With swap accounting, also forbid swapping past the limit (absent without swap accounting).
    writeFileSync(join(memory, 'memory.memsw.limit_in_bytes'), bytes);
  } catch {
    // No swap accounting: the memory limit alone applies.
  }
  const readNumber = (file: string): number | undefined => {
    try {
      return Number(readFileSync(join(memory, file), 'utf8').trim());
    } catch {
      return undefined;
    }
  };
  return {
    procsFiles: [join(cpu, 'cgroup.procs'), join(memory, 'cgroup.procs')],
    setCpu(mode) {
      writeFileSync(join(cpu, 'cpu.cfs_quota_us'), mode === 'unlimited' ? '-1' : String(cpuQuotaUs(memoryMb)));
    },
    oomKilled() {
      try {
        const text = readFileSync(join(memory, 'memory.oom_control'), 'utf8');
        const kills = /^oom_kill (\d+)$/m.exec(text);
        if (kills) return Number(kills[1]) > 0;
        // Kernels before 4.13 have no oom_kill counter: hitting the limit is the best evidence.
        return (readNumber('memory.failcnt') ?? 0) > 0;
      } catch {
        return false;
      }
    },
    peakBytes: () => readNumber('memory.max_usage_in_bytes'),
    remove: () => tryRmdir(cpu) && tryRmdir(memory),
  };
}

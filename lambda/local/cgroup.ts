/**
 * CPU in proportion to memory, as Lambda gives it: a group per execution
 * environment with a CFS quota of memorySize/1769 of one core and a memory
 * limit of memorySize, in cgroup v1 or v2, whichever the host attaches the
 * cpu and memory controllers to (detected from /proc, see cgroup-detect.ts).
 * What cannot be limited runs unlimited, and the manager says why; the
 * status reports `cpuLimit` / `memoryLimit` as `cgroup-v1`, `cgroup-v2` or `none`.
 *
 * Groups are nested under the server process's own group (so a sandbox's
 * limits still apply above them), in a directory named after the server's
 * pid; directories left by a server that died are swept at start
 * (cgroup-sweep.ts), their processes killed first.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuQuotaUs, V1_CPU, V1_MEMORY, V2_CPU, V2_MEMORY, type CpuFiles, type MemoryFiles } from './cgroup-controllers.js';
import { detectCgroups, type CgroupLayout, type Controller } from './cgroup-detect.js';
import { REAL_HOST, errorText, tryRemoveGroup, type CgroupHost } from './cgroup-fs.js';
import { prepareV1Root } from './cgroup-v1.js';
import { prepareV2Root } from './cgroup-v2.js';
import type { CpuLimitMode } from './types.js';

export { MB_PER_VCPU, cpuQuotaUs } from './cgroup-controllers.js';

/** The cgroups of one execution environment. */
export interface EnvironmentCgroup {
  /**
   * `cgroup.procs` files the environment's first process writes its pid into
   * (cpu's group, memory's group). With one hierarchy for both (v2), or one
   * controller only, both name the same file: joining twice is harmless.
   */
  readonly procsFiles: readonly [string, string];
  /** Applies the memory-proportional CPU quota (`throttled`) or lifts it (`unlimited`); no-op without a CPU limit. */
  setCpu(mode: 'throttled' | 'unlimited'): void;
  /** True when the kernel OOM-killed a process of this group (false without a memory limit). */
  oomKilled(): boolean;
  /** Peak memory charged to the group, in bytes; undefined without a memory limit or where the kernel keeps none. */
  peakBytes(): number | undefined;
  /** Removes the environment's groups; false while processes remain in them. */
  remove(): boolean;
}

/** Creates per-environment cgroups, or explains why it cannot. */
export interface CgroupManager {
  /** How CPU is limited: the cgroup version, or `none`. */
  readonly mode: CpuLimitMode;
  /** How memory is limited: the cgroup version, or `none`. */
  readonly memoryMode: CpuLimitMode;
  /** Why CPU or memory (or both) is not limited; undefined when both are. */
  readonly reason: string | undefined;
  /** The groups of a new environment of `memoryMb`; undefined when nothing is limited. */
  create(id: string, memoryMb: number): EnvironmentCgroup | undefined;
  /**
   * The server's root groups (`<group>/wasm-lambda-bench-<pid>`, one per hierarchy in use), created
   * at detection: the server registers them with the watchdog at once, before any environment exists.
   */
  readonly roots: readonly string[];
  /** Removes the server's root groups (after every environment is gone). */
  removeRoot(): void;
}

/** Where one controller's environment groups go, and how its files are spelled there. */
interface Placement<Files> {
  readonly mode: Exclude<CpuLimitMode, 'none'>;
  readonly root: string;
  readonly files: Files;
}

/**
 * Detects which hierarchies carry cpu and memory and prepares the server's
 * root groups there. `host` is the real machine unless a test passes a fake tree.
 */
export function createCgroupManager(setting: 'auto' | 'off', host: CgroupHost = REAL_HOST): CgroupManager {
  if (setting === 'off') return disabled('cgroups switched off by option');
  let layout: CgroupLayout;
  try {
    layout = detectCgroups(host);
  } catch (error) {
    return disabled(`cannot read this process's cgroups: ${errorText(error)}`);
  }
  const reasons = new Map<Controller, string>();
  let cpu: Placement<CpuFiles> | undefined;
  let memory: Placement<MemoryFiles> | undefined;
  // A controller attached to a v1 hierarchy is absent from v2 (hybrid hosts), so v1 is asked first.
  const onV2: Controller[] = [];
  for (const controller of ['cpu', 'memory'] as const) {
    const own = layout.v1.get(controller);
    if (own === undefined) {
      if (layout.v1Unmounted.has(controller)) reasons.set(controller, `the cgroup v1 ${controller} hierarchy is not mounted here`);
      else if (layout.v2 !== undefined) onV2.push(controller);
      else reasons.set(controller, `no cgroup v1 ${controller} hierarchy and no cgroup v2 mounted`);
      continue;
    }
    const prepared = prepareV1Root(host, controller, own, process.pid);
    if ('reason' in prepared) reasons.set(controller, prepared.reason);
    else if (controller === 'cpu') cpu = { mode: 'cgroup-v1', root: prepared.root, files: V1_CPU };
    else memory = { mode: 'cgroup-v1', root: prepared.root, files: V1_MEMORY };
  }
  if (layout.v2 !== undefined && onV2.length > 0) {
    const v2 = prepareV2Root(host, layout.v2, onV2, process.pid);
    for (const [controller, reason] of v2.reasons) reasons.set(controller, reason);
    if (v2.root !== undefined && v2.controllers.includes('cpu')) cpu = { mode: 'cgroup-v2', root: v2.root, files: V2_CPU };
    if (v2.root !== undefined && v2.controllers.includes('memory')) memory = { mode: 'cgroup-v2', root: v2.root, files: V2_MEMORY };
  }
  const roots = [...new Set([cpu?.root, memory?.root].filter((r): r is string => r !== undefined))];
  return {
    mode: cpu?.mode ?? 'none',
    memoryMode: memory?.mode ?? 'none',
    reason: describe(reasons),
    roots,
    create: (id, memoryMb) => (roots.length === 0 ? undefined : createGroups(host, cpu, memory, id, memoryMb)),
    removeRoot: () => {
      for (const root of roots) tryRemoveGroup(host, root);
    },
  };
}

function disabled(reason: string): CgroupManager {
  return { mode: 'none', memoryMode: 'none', reason, roots: [], create: () => undefined, removeRoot: () => undefined };
}

/** One line: the reason once when both controllers share it, else each prefixed with its controller. */
function describe(reasons: ReadonlyMap<Controller, string>): string | undefined {
  const cpu = reasons.get('cpu');
  const memory = reasons.get('memory');
  if (cpu !== undefined && cpu === memory) return cpu;
  const parts = [cpu && `cpu not limited: ${cpu}`, memory && `memory not limited: ${memory}`].filter(Boolean);
  return parts.length === 0 ? undefined : parts.join('; ');
}

function createGroups(
  host: CgroupHost,
  cpu: Placement<CpuFiles> | undefined,
  memory: Placement<MemoryFiles> | undefined,
  id: string,
  memoryMb: number,
): EnvironmentCgroup {
  const cpuDir = cpu && join(cpu.root, id);
  const memoryDir = memory && join(memory.root, id);
  const dirs = [...new Set([cpuDir, memoryDir].filter((d): d is string => d !== undefined))];
  for (const dir of dirs) mkdirSync(dir);
  try {
    // INIT runs unthrottled (see README: Lambda's Node Init Duration does not scale with memory).
    if (cpu && cpuDir) cpu.files.setQuota(cpuDir, undefined);
    if (memory && memoryDir) memory.files.setLimit(memoryDir, memoryMb * 1024 * 1024);
  } catch (error) {
    for (const dir of dirs) tryRemoveGroup(host, dir);
    throw error;
  }
  const procs = (dir: string | undefined): string => join(dir ?? cpuDir ?? memoryDir ?? '', 'cgroup.procs');
  return {
    procsFiles: [procs(cpuDir), procs(memoryDir)],
    setCpu(mode) {
      if (cpu && cpuDir) cpu.files.setQuota(cpuDir, mode === 'unlimited' ? undefined : cpuQuotaUs(memoryMb));
    },
    oomKilled: () => (memory && memoryDir ? memory.files.oomKilled(memoryDir) : false),
    peakBytes: () => (memory && memoryDir ? memory.files.peakBytes(memoryDir) : undefined),
    remove: () => dirs.map((dir) => tryRemoveGroup(host, dir)).every(Boolean),
  };
}

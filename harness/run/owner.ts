/**
 * Who measures a run, and whether that process is still alive. A run killed
 * with SIGKILL cannot record anything, so run.json keeps saying `running`
 * unless its guardian (guardian.ts) rewrote it; a reader (report, resume)
 * then decides from the recorded owner: same host and boot, and the pid no
 * longer exists or now belongs to a process started at another time (pids
 * are reused), means the run is dead: it is read as `interrupted`.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RunOwner, RunRecord } from '../contract/index.js';

/** Start time of a process in clock ticks since boot (Linux), or undefined where /proc is not available. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** The boot id (Linux), or undefined. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** This process as a run owner. */
export function currentOwner(): RunOwner {
  const ticks = processStartTicks(process.pid);
  const boot = bootId();
  return { pid: process.pid, hostname: hostname(), ...(ticks !== undefined ? { startTicks: ticks } : {}), ...(boot ? { bootId: boot } : {}) };
}

/** What can be known about a recorded owner from here. */
export type OwnerLiveness = 'alive' | 'dead' | 'unknown';

/** Probes injected for tests (a fake process table). */
export interface LivenessProbe {
  readonly hostname: string;
  readonly bootId: string | undefined;
  /** True when a process with this pid exists. */
  exists(pid: number): boolean;
  startTicks(pid: number): number | undefined;
}

/** The real process table of this machine. */
export const localProbe: LivenessProbe = {
  hostname: hostname(),
  bootId: bootId(),
  exists(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: the pid exists but belongs to another user.
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  startTicks: processStartTicks,
};

/** Whether the recorded owner still runs; `unknown` for another host (its process table is not visible from here). */
export function ownerLiveness(owner: RunOwner, probe: LivenessProbe = localProbe): OwnerLiveness {
  if (owner.hostname !== probe.hostname) return 'unknown';
  if (owner.bootId !== undefined && probe.bootId !== undefined && owner.bootId !== probe.bootId) return 'dead';
  if (!probe.exists(owner.pid)) return 'dead';
  if (owner.startTicks === undefined) return 'alive';
  const ticks = probe.startTicks(owner.pid);
  return ticks === undefined || ticks === owner.startTicks ? 'alive' : 'dead';
}

/**
 * The run as a reader should see it: a `running` run whose process is dead
 * becomes `interrupted` (recorded by the reader, reason says how it was
 * found). Anything else is returned unchanged. Never writes.
 */
export function effectiveRun(run: RunRecord, probe: LivenessProbe = localProbe, now: () => Date = () => new Date()): RunRecord {
  if (run.state !== 'running' || run.owner === undefined) return run;
  if (ownerLiveness(run.owner, probe) !== 'dead') return run;
  return {
    ...run,
    state: 'interrupted',
    ending: {
      at: now().toISOString(),
      reason: `process ${run.owner.pid} on ${run.owner.hostname} ended without recording why (killed with SIGKILL, out of memory, or a crash)`,
      recordedBy: 'reader',
    },
  };
}

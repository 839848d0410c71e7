/**
 * Sweeping groups left by a server that died: `<ROOT_PREFIX><pid>` directories
 * whose pid no longer runs. The watchdog kills a dead server's environments
 * when it can; this is the backstop for what it could not do (the server got
 * SIGKILL, the machine was suspended, ...). Processes still in such groups
 * are runtimes nobody will ever talk to again, often frozen (SIGSTOP), so
 * they are thawed and killed before the groups are removed. The same code
 * serves both versions: a group is a directory with `cgroup.procs` in each.
 */

import { join } from 'node:path';
import {
  ROOT_PREFIX,
  childGroups,
  groupPids,
  isAlive,
  tryRemoveGroup,
  type CgroupHost,
} from './cgroup-fs.js';

/** How long the sweep waits, at most, for killed processes to leave their groups. */
const SWEEP_WAIT_MS = 2000;
const SWEEP_STEP_MS = 20;

/** What one sweep did. */
export interface SweepResult {
  /** Stale root groups removed. */
  readonly removed: readonly string[];
  /** Processes found in stale groups and killed. */
  readonly killed: readonly number[];
  /** Stale root groups that could not be removed (processes would not die, or no permission). */
  readonly left: readonly string[];
}

/**
 * Removes the stale root groups under `base` (the server's own group in one
 * hierarchy). Synchronous, because the manager is created synchronously; it
 * waits at most {@link SWEEP_WAIT_MS}, and only when a stale group still had
 * processes.
 */
export function sweepStale(host: CgroupHost, base: string, ownPid: number): SweepResult {
  const stale = childGroups(base).filter((name) => {
    if (!name.startsWith(ROOT_PREFIX)) return false;
    const pid = Number(name.slice(ROOT_PREFIX.length));
    return Number.isInteger(pid) && pid > 0 && pid !== ownPid && !isAlive(pid);
  });
  const killed: number[] = [];
  for (const name of stale) killed.push(...killTree(join(base, name)));
  const removed: string[] = [];
  const left: string[] = [];
  for (const name of stale) {
    const dir = join(base, name);
    (removeTree(host, dir, killed.length > 0 ? SWEEP_WAIT_MS : 0) ? removed : left).push(dir);
  }
  return { removed, killed, left };
}

/** Thaws and kills every process in `dir` and its descendants; returns their pids. */
function killTree(dir: string): number[] {
  const pids = groupPids(dir);
  for (const pid of pids) {
    // SIGKILL would end a stopped process too; SIGCONT first so that nothing waits on a frozen one.
    signal(pid, 'SIGCONT');
    signal(pid, 'SIGKILL');
  }
  for (const child of childGroups(dir)) pids.push(...killTree(join(dir, child)));
  return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone (ESRCH), which is the goal.
  }
}

/**
 * Removes `dir` and its descendants, deepest first, retrying while killed
 * processes are still leaving (a group with processes cannot be removed: EBUSY).
 */
function removeTree(host: CgroupHost, dir: string, waitMs: number): boolean {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (removeOnce(host, dir)) return true;
    if (Date.now() >= deadline) return false;
    sleepSync(SWEEP_STEP_MS);
  }
}

function removeOnce(host: CgroupHost, dir: string): boolean {
  let children = true;
  for (const child of childGroups(dir)) children = removeOnce(host, join(dir, child)) && children;
  return children && tryRemoveGroup(host, dir);
}

/** Blocks the thread for `ms`: only at start, and only while killed leftovers exit. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

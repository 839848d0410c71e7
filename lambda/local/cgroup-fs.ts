/**
 * The few filesystem operations the cgroup code does, and the injectable
 * "host" they run against: the real `/proc` and `/sys/fs/cgroup`, or a fake
 * tree in a temporary directory (tests), where the test emulates what the
 * kernel does on `rmdir` (cgroupfs lets an empty group be removed although
 * its interface files are still listed; a plain directory does not).
 */

import { appendFileSync, closeSync, constants, openSync, readFileSync, readdirSync, rmdirSync, writeSync } from 'node:fs';

/** Where the cgroup code reads and writes: the real machine or a fake tree. */
export interface CgroupHost {
  /** Where procfs is mounted; `<procRoot>/self/mountinfo` and `<procRoot>/self/cgroup` are read. */
  readonly procRoot: string;
  /** Prefix of every mount point named in mountinfo: `/` on a real host, a temporary directory in tests. */
  readonly fsRoot: string;
  /** Removes an empty group (rmdir on cgroupfs); throws EBUSY / ENOTEMPTY / ENOENT like rmdir(2). */
  rmdir(dir: string): void;
}

/** The machine itself. */
export const REAL_HOST: CgroupHost = { procRoot: '/proc', fsRoot: '/', rmdir: (dir) => rmdirSync(dir) };

/** Directories of the server's own groups are named `<ROOT_PREFIX><server pid>`. */
export const ROOT_PREFIX = 'wasm-lambda-bench-';

/** Writes a control file (created in a fake tree; on cgroupfs it always exists). */
export function writeControl(file: string, value: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, value);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a control file only if the kernel offers it (e.g. `memory.swap.max`
 * without swap accounting is absent): opened without O_CREAT, so a missing
 * file is ENOENT instead of a new plain file. Returns whether it was written.
 */
export function writeControlIfPresent(file: string, value: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_TRUNC);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    writeSync(fd, value);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Moves a process into a group: one pid per write, as the kernel requires; appended so a fake tree keeps every pid. */
export function joinGroup(dir: string, pid: number): void {
  appendFileSync(`${dir}/cgroup.procs`, `${pid}\n`);
}

/** A control file's text, or undefined when it is absent or unreadable. */
export function readControl(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A control file holding one number (`memory.peak`, ...); undefined when absent or not a number. */
export function readNumber(file: string): number | undefined {
  const text = readControl(file)?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** `key value` lines of a flat-keyed file (`memory.events`, `memory.oom_control`). */
export function readKeyed(file: string, key: string): number | undefined {
  const text = readControl(file);
  if (text === undefined) return undefined;
  const match = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The pids listed in a group's `cgroup.procs` (none when it cannot be read). */
export function groupPids(dir: string): number[] {
  return (readControl(`${dir}/cgroup.procs`) ?? '')
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Names of the child groups (subdirectories) of `dir`; none when it cannot be read. */
export function childGroups(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

/** Removes a group; true once it is gone (ENOENT counts), false while processes or children remain. */
export function tryRemoveGroup(host: CgroupHost, dir: string): boolean {
  try {
    host.rmdir(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One-line text of an error, for reasons shown to the user. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

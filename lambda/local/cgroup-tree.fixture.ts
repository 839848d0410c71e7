/**
 * Fake cgroup hosts for the cgroup tests: a temporary directory holding
 * `proc/self/{mountinfo,cgroup}` and a `sys/fs/cgroup` tree of plain files,
 * and an `rmdir` that behaves as cgroupfs does (a group goes with its
 * interface files, but not while it has child groups or live processes).
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CgroupHost } from './cgroup-fs.js';

/** A fake host in a temporary directory. */
export interface FakeHost {
  readonly dir: string;
  readonly host: CgroupHost;
  /** Absolute path of a file or directory of the fake tree, e.g. `sys/fs/cgroup/cpu`. */
  path(relative: string): string;
  /** Content of a file of the fake tree, undefined when absent. */
  read(relative: string): string | undefined;
  /** Removes the temporary directory. */
  dispose(): void;
}

/** Builds a fake host from `files` (path relative to the fake root → content; a trailing `/` makes a directory). */
export function fakeHost(files: Readonly<Record<string, string>>): FakeHost {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-lambda-bench-cgroup-test-'));
  try {
    for (const [relative, content] of Object.entries(files)) {
      const path = join(dir, relative);
      if (relative.endsWith('/')) {
        mkdirSync(path, { recursive: true });
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    host: { procRoot: join(dir, 'proc'), fsRoot: dir, rmdir: kernelRmdir },
    path: (relative) => join(dir, relative),
    read: (relative) => (existsSync(join(dir, relative)) ? readFileSync(join(dir, relative), 'utf8') : undefined),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** rmdir as cgroupfs does it: ENOENT, ENOTEMPTY with child groups, EBUSY with live processes. */
function kernelRmdir(dir: string): void {
  if (!existsSync(dir)) throw errno('ENOENT', dir);
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isDirectory())) throw errno('ENOTEMPTY', dir);
  const procs = join(dir, 'cgroup.procs');
  const pids = existsSync(procs) ? readFileSync(procs, 'utf8').split('\n').filter((l) => l.trim() !== '') : [];
  if (pids.some((pid) => runs(Number(pid)))) throw errno('EBUSY', dir);
  rmSync(dir, { recursive: true });
}

/** A process counts in a group until it exits; a zombie has already left its groups. */
function runs(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: rmdir '${path}'`), { code });
}

/** mountinfo of a host with cgroup v1 cpu,cpuacct and memory hierarchies and an empty v2 one (systemd "hybrid"). */
export const HYBRID_MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct',
  '35 31 0:32 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,memory',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:11 - cgroup2 cgroup2 rw,nsdelegate',
  '',
].join('\n');

/** mountinfo of a cgroup v2 only host (current systemd, most containers). */
export const UNIFIED_MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot',
  '',
].join('\n');

/** Starts `sleep` and stops it (SIGSTOP), as a frozen environment of a killed server would be. */
export async function frozenProcess(): Promise<ChildProcess> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  child.kill('SIGSTOP');
  return child;
}

/** The pid of a process that has exited (a server that died). */
export async function deadPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

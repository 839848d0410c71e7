/**
 * The watchdog's cleanup (runtime/reaper.mjs) on a fake registry: real
 * processes (plain `sleep`, frozen with SIGSTOP as idle environments are),
 * plain directories standing in for cgroups and work directories.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { cgroupDirs, registryDir, startReaper } from './reaper.js';
import { claimRegistryDir, killGroup, liveGroups, processStart, reap, Registry, registryDirProblem, sweepRegistry } from './runtime/reaper.mjs';

const started: ChildProcess[] = [];
const temps: string[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.pid !== undefined) signal(-child.pid, 'SIGKILL');
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process in its own group, like an environment; it ends by itself after a minute at most. */
function groupLeader(): number {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  started.push(child);
  if (child.pid === undefined) throw new Error('could not start sleep');
  return child.pid;
}

/** A pid that belonged to a process which has exited (and been reaped). */
function deadPid(): number {
  const result = spawnSync('true');
  return result.pid;
}

/** The state letter of /proc/<pid>/stat, or undefined once the process is gone. */
function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.charAt(stat.lastIndexOf(')') + 2);
  } catch {
    return undefined;
  }
}

/** Polls a condition (bounded by the test's timeout); never a fixed wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * The pid of a zombie: a shell starts a child and execs `sleep`, which never reaps it. The child
 * exits only when the test writes to its pipe, after /proc shows the exec done: a child that ended
 * before the exec would be reaped by the shell itself and never become a zombie (it happened under load).
 */
async function zombiePid(): Promise<number> {
  const parent = spawn('sh', ['-c', 'head -c 1 <&3 >/dev/null & echo $!; exec sleep 60'], { detached: true, stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
  started.push(parent);
  const parentPid = parent.pid;
  const stdout = parent.stdout;
  if (parentPid === undefined || stdout === null) throw new Error('could not start sh');
  let out = '';
  const pid = await new Promise<number>((resolve, reject) => {
    stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    parent.once('exit', () => reject(new Error("the zombie's parent exited early")));
  });
  const comm = (): string | undefined => {
    try {
      return readFileSync(`/proc/${parentPid}/comm`, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  await until(() => comm() === 'sleep');
  (parent.stdio[3] as Writable).end('x');
  await until(() => stateOf(pid) === 'Z');
  return pid;
}

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reaper-test-'));
  temps.push(dir);
  return dir;
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // gone already
  }
}

describe('reap', () => {
  it('kills frozen process groups, then removes cgroup directories deepest first and work directories', async () => {
    const leader = groupLeader();
    process.kill(-leader, 'SIGSTOP');
    const base = temp();
    const root = join(base, 'cg', 'wasm-lambda-bench-1');
    const own = join(root, 'env');
    mkdirSync(own, { recursive: true });
    const work = join(base, 'work');
    mkdirSync(join(work, 'fn', '1-abc'), { recursive: true });
    writeFileSync(join(work, 'fn', '1-abc', 'index.mjs'), 'export const handler = () => 1;');

    const result = await reap({ groups: [{ pgid: leader, start: processStart(leader) }], cgroups: [root, own], dirs: [work] });

    expect(result).toEqual({ killed: 1, cgroupsRemoved: 2, dirsRemoved: 1, left: [] });
    expect(liveGroups([leader]).size).toBe(0);
    expect(existsSync(root)).toBe(false);
    expect(existsSync(work)).toBe(false);
  });

  it('leaves a process alone whose pid now names another process (a different start time)', async () => {
    const leader = groupLeader();
    const result = await reap({ groups: [{ pgid: leader, start: '1' }] }, { timeoutMs: 200 });
    expect(result.killed).toBe(0);
    expect(liveGroups([leader]).has(leader)).toBe(true);
    expect(killGroup({ pgid: leader, start: null })).toBe(false);
  });

  it('names what it could not remove instead of throwing', async () => {
    const base = temp();
    const busy = join(base, 'wasm-lambda-bench-2');
    mkdirSync(join(busy, 'child-left'), { recursive: true });
    writeFileSync(join(busy, 'file'), 'x');
    let clock = 0;
    const result = await reap({ cgroups: [busy] }, { timeoutMs: 100, now: () => (clock += 60) });
    expect(result.left).toEqual([busy]);
  });
});

describe('sweepRegistry', () => {
  it('reaps entries whose server and watchdog are both dead and removes their files; live owners are left alone', async () => {
    const registry = temp();
    const leader = groupLeader();
    process.kill(-leader, 'SIGSTOP');
    const work = join(temp(), 'work');
    mkdirSync(work);
    const dead = { pid: deadPid(), start: null };
    const orphaned = join(registry, `${dead.pid}-${dead.pid}.json`);
    writeFileSync(orphaned, JSON.stringify({ server: dead, watchdog: dead, groups: [{ pgid: leader, start: processStart(leader) }], cgroups: [], dirs: [work] }));
    const otherLeader = groupLeader();
    const liveServer = { pid: process.pid, start: processStart(process.pid) };
    const guarded = join(registry, `${process.pid}-1.json`);
    writeFileSync(guarded, JSON.stringify({ server: liveServer, watchdog: dead, groups: [{ pgid: otherLeader, start: processStart(otherLeader) }], dirs: [] }));
    writeFileSync(join(registry, 'notes.txt'), 'not a registry file');
    writeFileSync(join(registry, `.${dead.pid}-${dead.pid}.json.tmp`), '{"server":');

    const swept = await sweepRegistry(registry);

    expect(swept).toEqual([{ file: orphaned, server: dead.pid, killed: 1, left: [] }]);
    expect(liveGroups([leader, otherLeader])).toEqual(new Set([otherLeader]));
    expect(existsSync(work)).toBe(false);
    expect(readdirSync(registry).sort()).toEqual([`${process.pid}-1.json`, 'notes.txt']);
  });

  it('takes a zombie server and watchdog (killed, not yet reaped by whoever inherited them) for dead and reaps their entry', async () => {
    const registry = temp();
    const zombie = await zombiePid();
    expect(processStart(zombie)).toBeDefined(); // /proc still has it: a start time alone would call it running
    const leader = groupLeader();
    process.kill(-leader, 'SIGSTOP');
    const gone = { pid: zombie, start: processStart(zombie) };
    const file = join(registry, `${zombie}-${zombie}.json`);
    writeFileSync(file, JSON.stringify({ server: gone, watchdog: gone, groups: [{ pgid: leader, start: processStart(leader) }], cgroups: [], dirs: [] }));

    expect(await sweepRegistry(registry)).toEqual([{ file, server: zombie, killed: 1, left: [] }]);
    expect(liveGroups([leader])).toEqual(new Set());
    expect(readdirSync(registry)).toEqual([]);
  });

  it('answers an empty list for a registry directory that does not exist', async () => {
    expect(await sweepRegistry(join(temp(), 'missing'))).toEqual([]);
  });
});

describe('the registry directory', () => {
  const isRoot = process.getuid?.() === 0;
  /** A registry holding the entry of a dead server and watchdog that names a work directory. */
  const orphanedEntry = (registry: string): string => {
    const work = join(temp(), 'work');
    mkdirSync(work);
    const dead = { pid: deadPid(), start: null };
    writeFileSync(join(registry, `${dead.pid}-${dead.pid}.json`), JSON.stringify({ server: dead, watchdog: dead, groups: [], cgroups: [], dirs: [work] }));
    return work;
  };

  it('is one per user, so that a directory root made does not stop a server run as another user', () => {
    expect(registryDir('/tmp', 0)).toBe('/tmp/wasm-lambda-bench-local-0-registry');
    expect(registryDir('/tmp', 1000)).toBe('/tmp/wasm-lambda-bench-local-1000-registry');
    expect(registryDir('/x')).toBe(`/x/wasm-lambda-bench-local-${process.getuid?.() ?? 0}-registry`);
  });

  it('is created with mode 0700 and then accepted', () => {
    const dir = join(temp(), 'registry');
    expect(claimRegistryDir(dir)).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(claimRegistryDir(dir)).toBeUndefined(); // existing and ours: used as is
  });

  it('is refused, and nothing in it swept, when others can write to it or it is a symbolic link', async () => {
    const open = join(temp(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const work = orphanedEntry(open);
    expect(claimRegistryDir(open)).toBe('other users can write to it (mode 777)');
    expect(await sweepRegistry(open)).toEqual([]);
    expect(existsSync(work)).toBe(true);

    const real = join(temp(), 'real');
    mkdirSync(real, { mode: 0o700 });
    const planted = orphanedEntry(real);
    const link = join(temp(), 'link');
    symlinkSync(real, link);
    expect(registryDirProblem(link)).toBe('it is a symbolic link');
    expect(await sweepRegistry(link)).toEqual([]);
    expect(existsSync(planted)).toBe(true);
  });

  it.skipIf(!isRoot)("is refused when it belongs to another user, and another user's file in ours is never acted on", async () => {
    const foreign = join(temp(), 'foreign');
    mkdirSync(foreign, { mode: 0o700 });
    const work = orphanedEntry(foreign);
    chownSync(foreign, 65534, 65534);
    expect(claimRegistryDir(foreign)).toBe(`it belongs to uid 65534, not to uid 0`);
    expect(await sweepRegistry(foreign)).toEqual([]);
    expect(existsSync(work)).toBe(true);

    const ours = join(temp(), 'ours');
    mkdirSync(ours, { mode: 0o700 });
    const theirs = orphanedEntry(ours);
    for (const name of readdirSync(ours)) chownSync(join(ours, name), 65534, 65534);
    expect(await sweepRegistry(ours)).toEqual([]);
    expect(existsSync(theirs)).toBe(true);
  });

  it.skipIf(!isRoot)("a watchdog run as another user keeps its registry next to root's", async () => {
    const base = temp();
    chmodSync(base, 0o1777); // as /tmp is
    expect(claimRegistryDir(registryDir(base, 0))).toBeUndefined();
    const theirs = registryDir(base, 65534);
    const script = join(import.meta.dirname, 'runtime', 'reaper.mjs');
    const watchdog = spawn(process.execPath, [script, theirs, String(process.pid)], { uid: 65534, gid: 65534, stdio: ['pipe', 'ignore', 'pipe'], cwd: '/' });
    started.push(watchdog);
    let stderr = '';
    watchdog.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const file = join(theirs, `${process.pid}-${watchdog.pid}.json`);
    expect(await eventually(() => existsSync(file))).toBe(true);
    expect(statSync(theirs)).toMatchObject({ uid: 65534 });
    expect(statSync(file)).toMatchObject({ uid: 65534 });
    watchdog.stdin?.end(`${JSON.stringify({ op: 'closed' })}\n`);
    const code = await new Promise<number | null>((resolve) => watchdog.once('exit', (c) => resolve(c)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(theirs)).toEqual([]);
  });
});

describe('Registry', () => {
  it('tracks what the server adds and removes, and an orderly close', () => {
    const leader = groupLeader();
    const registry = new Registry({ pid: process.pid }, { pid: process.pid });
    expect(registry.apply(JSON.stringify({ op: 'add', kind: 'group', id: leader }))).toBe(true);
    expect(registry.apply(JSON.stringify({ op: 'add', kind: 'cgroup', id: '/sys/fs/cgroup/cpu/wasm-lambda-bench-9/e' }))).toBe(true);
    expect(registry.apply(JSON.stringify({ op: 'add', kind: 'dir', id: '/tmp/w' }))).toBe(true);
    expect(registry.apply(JSON.stringify({ op: 'remove', kind: 'cgroup', id: '/sys/fs/cgroup/cpu/wasm-lambda-bench-9/e' }))).toBe(true);
    expect(registry.apply('not json')).toBe(false);
    expect(registry.apply(JSON.stringify({ op: 'add', kind: 'dir', id: 'relative/path' }))).toBe(false);
    expect(registry.apply(JSON.stringify({ op: 'add', kind: 'group', id: 1 }))).toBe(false);
    expect(registry.toJSON()).toMatchObject({ groups: [{ pgid: leader, start: processStart(leader) }], cgroups: [], dirs: ['/tmp/w'] });
    expect(registry.closed).toBe(false);
    registry.apply(JSON.stringify({ op: 'closed' }));
    expect(registry.closed).toBe(true);
  });
});

/** Polls (bounded, generous: the machine is shared) until `condition` holds; answers whether it did. */
async function eventually(condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe('startReaper (a real watchdog)', () => {
  it('writes the registry, replays it to a watchdog started after one died, and on close reaps what is still registered', async () => {
    const registry = join(temp(), 'registry');
    const notices: string[] = [];
    const reaper = startReaper({ script: join(import.meta.dirname, 'runtime', 'reaper.mjs'), registry, notice: (m) => notices.push(m) });
    const leader = groupLeader();
    const work = join(temp(), 'work');
    mkdirSync(work);
    reaper.add('group', leader);
    reaper.add('dir', work);
    const first = reaper.pid ?? -1;
    const entryOf = (watchdog: number): { groups: Array<{ pgid: number }>; dirs: string[] } | undefined => {
      try {
        return JSON.parse(readFileSync(join(registry, `${process.pid}-${watchdog}.json`), 'utf8'));
      } catch {
        return undefined;
      }
    };
    expect(await eventually(() => entryOf(first)?.groups.length === 1 && entryOf(first)?.dirs.length === 1)).toBe(true);

    process.kill(first, 'SIGKILL');
    expect(await eventually(() => reaper.pid !== undefined && reaper.pid !== first)).toBe(true);
    const second = reaper.pid ?? -1;
    expect(await eventually(() => entryOf(second)?.groups[0]?.pgid === leader)).toBe(true);
    expect(notices).toEqual(['local Lambda: watchdog ended (SIGKILL); starting another']);
    expect(liveGroups([leader]).has(leader)).toBe(true); // the dying watchdog did not touch what it guarded

    reaper.close();
    expect(await eventually(() => liveGroups([leader]).size === 0 && !existsSync(work) && readdirSync(registry).length === 0)).toBe(true);
  });
});

describe('cgroupDirs', () => {
  it("registers an environment's groups and only roots this project created", () => {
    const dirs = cgroupDirs({
      procsFiles: ['/sys/fs/cgroup/cpu/wasm-lambda-bench-7/abc/cgroup.procs', '/sys/fs/cgroup/memory/svc/wasm-lambda-bench-7/abc/cgroup.procs'],
    });
    expect(dirs).toEqual({
      own: ['/sys/fs/cgroup/cpu/wasm-lambda-bench-7/abc', '/sys/fs/cgroup/memory/svc/wasm-lambda-bench-7/abc'],
      roots: ['/sys/fs/cgroup/cpu/wasm-lambda-bench-7', '/sys/fs/cgroup/memory/svc/wasm-lambda-bench-7'],
    });
    const foreign = cgroupDirs({ procsFiles: ['/sys/fs/cgroup/system.slice/app.service/abc/cgroup.procs', '/x/abc/cgroup.procs'] });
    expect(foreign.roots).toEqual([]);
  });
});

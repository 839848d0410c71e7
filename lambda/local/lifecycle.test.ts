/**
 * Environments never outlive the process that started them: a real process
 * embedding the local Lambda (lifecycle.fixture.ts) starts frozen
 * environments, is killed (SIGKILL, SIGINT, SIGTERM, with and without
 * handlers), and the test waits (bounded, generous) until no process of their
 * groups, no cgroup and no work directory is left. Each fixture gets its own
 * TMPDIR, so the registry and work directories are the test's alone.
 */

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureEntry } from './lifecycle.fixture.js';
import { registryDir } from './reaper.js';
import { isRunning, liveGroups } from './runtime/reaper.mjs';

const FIXTURE = 'lambda/local/lifecycle.fixture.ts';
/** Generous: the machine is shared and slow; nothing here asserts a duration. */
const PATIENCE_MS = 30_000;

type Fixture = ChildProcessByStdio<null, Readable, Readable> & { stderrText: () => string };

const running: Fixture[] = [];
const temps: string[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-test-'));
  // As /tmp is: environments may run as an unprivileged user (sandbox-user.ts) and must reach their code under it.
  chmodSync(dir, 0o755);
  temps.push(dir);
  return dir;
}

/** Starts the fixture with its own TMPDIR; resolves with its registry entry once its environments are frozen. */
async function startFixture(tmp: string, args: string[] = []): Promise<{ child: Fixture; entry: FixtureEntry }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, '--envs', '3', ...args], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as Fixture;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stderrText = () => stderr;
  running.push(child);
  const entry = await new Promise<FixtureEntry>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] ?? '') as FixtureEntry);
    });
    child.on('exit', (code) => reject(new Error(`fixture exited early (${code}): ${stderr}`)));
  });
  return { child, entry };
}

function exited(child: Fixture): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Every holder of the fixture's stdout/stderr is gone: the fixture, and the watchdog that inherited its stderr. */
function closed(child: Fixture): Promise<void> {
  if (child.stdout.closed && child.stderr.closed) return Promise.resolve();
  return new Promise((resolve) => child.once('close', () => resolve()));
}


/** What of an entry still exists: live process groups, cgroup and work directories. */
function leftovers(entry: FixtureEntry): string[] {
  return [
    ...[...liveGroups(entry.groups.map((g) => g.pgid))].map((pgid) => `process group ${pgid}`),
    ...entry.cgroups.filter((dir) => existsSync(dir)),
    ...entry.dirs.filter((dir) => existsSync(dir)),
  ];
}

/** Polls until nothing of the entry is left (or the patience runs out); answers what is left. */
async function gone(entry: FixtureEntry): Promise<string[]> {
  const deadline = Date.now() + PATIENCE_MS;
  let left = leftovers(entry);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = leftovers(entry);
  }
  return left;
}

/** Directories named as the server's root cgroups (`wasm-lambda-bench-<pid>`) anywhere under /sys/fs/cgroup, sorted. */
function rootCgroupsOf(pid: number): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let children: string[];
    try {
      children = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return;
    }
    for (const name of children) {
      if (name === `wasm-lambda-bench-${pid}`) found.push(join(dir, name));
      else if (depth > 0) walk(join(dir, name), depth - 1);
    }
  };
  walk('/sys/fs/cgroup', 8);
  return found.sort();
}

/** Polls a condition the test needs; fails (naming it) if it does not hold within the patience, never passes on time alone. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function registryEmptied(tmp: string): Promise<string[]> {
  const dir = registryDir(tmp);
  const deadline = Date.now() + PATIENCE_MS;
  const files = (): string[] => (existsSync(dir) ? readdirSync(dir) : []);
  while (files().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return files();
}

describe('environments die with the process that started them', () => {
  it.each(['SIGKILL', 'SIGINT', 'SIGTERM'] as const)('%s of a process without handlers: the watchdog kills the frozen environments and removes cgroups and work dirs', async (signal) => {
    const tmp = tempDir();
    const { child, entry } = await startFixture(tmp);
    expect(entry.groups).toHaveLength(3);
    expect(leftovers(entry).length).toBeGreaterThanOrEqual(4); // 3 groups + the work dir, before
    child.kill(signal);
    expect(await exited(child)).toEqual({ code: null, signal });
    expect(await gone(entry)).toEqual([]);
    expect(await registryEmptied(tmp)).toEqual([]);
    await closed(child);
    expect(child.stderrText()).toContain(`server ${entry.server.pid} ended without closing: killed 3 environment process group(s)`);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s of a program that closes the local Lambda on signals: close() removes everything, and the watchdog has nothing to do', async (signal, code) => {
    const tmp = tempDir();
    const { child, entry } = await startFixture(tmp, ['--close-on-signal']);
    child.kill(signal);
    expect(await exited(child)).toEqual({ code, signal: null });
    // close() resolved before the exit: nothing may be left at all by then.
    expect(leftovers(entry)).toEqual([]);
    expect(await registryEmptied(tmp)).toEqual([]);
    await closed(child);
    expect(child.stderrText()).not.toContain('ended without closing');
  });

  it('SIGKILL before any environment exists (as during a deploy): the watchdog removes the root cgroups and the work dir', async () => {
    const tmp = tempDir();
    const { child, entry } = await startFixture(tmp, ['--envs', '0']);
    const roots = rootCgroupsOf(entry.server.pid);
    expect(entry.groups).toEqual([]);
    // Registered when the server started, not when an environment did (there is none).
    expect([...entry.cgroups].sort()).toEqual(roots);
    child.kill('SIGKILL');
    await exited(child);
    expect(await gone(entry)).toEqual([]);
    expect(rootCgroupsOf(entry.server.pid)).toEqual([]);
    expect(await registryEmptied(tmp)).toEqual([]);
    await closed(child);
    expect(child.stderrText()).toContain(
      `server ${entry.server.pid} ended without closing: killed 0 environment process group(s), removed ${roots.length} cgroup(s) and 1 work dir(s)`,
    );
  });

  it('what a server killed together with its watchdog left is swept by the next start', async () => {
    const tmp = tempDir();
    // Without cgroups: every local Lambda that starts on this machine (the second fixture here, other
    // test files, a bench beside) sweeps the cgroups of dead servers and would kill these environments
    // first, leaving the registry sweep under test nothing (or only zombies) to count.
    const first = await startFixture(tmp, ['--cgroups', 'off']);
    expect(first.entry.cgroups).toEqual([]);
    // Stopped first, so that it cannot clean up between the two kills: both die "at once".
    process.kill(first.entry.watchdog.pid, 'SIGSTOP');
    first.child.kill('SIGKILL');
    await exited(first.child);
    process.kill(first.entry.watchdog.pid, 'SIGKILL');
    // What the sweep itself asks: a watchdog that is a zombie (PID 1 reaps when it gets to it) is not running.
    await until(() => !isRunning(first.entry.watchdog), `watchdog ${first.entry.watchdog.pid} ended`);
    // The leak as it was before the watchdog: the 3 frozen environments and the work dir, nothing else touched them.
    expect(leftovers(first.entry).sort()).toEqual([...first.entry.groups.map((g) => `process group ${g.pgid}`), ...first.entry.dirs].sort());
    expect(first.entry.groups).toHaveLength(3);
    expect(readdirSync(registryDir(tmp))).toEqual([`${first.entry.server.pid}-${first.entry.watchdog.pid}.json`]);

    const second = await startFixture(tmp);
    expect(await gone(first.entry)).toEqual([]);
    second.child.kill('SIGKILL');
    await exited(second.child);
    expect(await gone(second.entry)).toEqual([]);
    expect(await registryEmptied(tmp)).toEqual([]);
    await closed(second.child);
    expect(second.child.stderrText()).toContain(`swept what server ${first.entry.server.pid} left: 3 process group(s) killed`);
  });
});

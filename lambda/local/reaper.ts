/**
 * The server's side of the watchdog (runtime/reaper.mjs) that makes execution
 * environments die with the process that started them, whatever kills it.
 *
 * Why a separate process: SIGKILL (and any signal the embedding program does
 * not handle, such as SIGINT in a program without handlers) ends a Node
 * process without running a line of it, and the environments are in their own
 * process groups (they are frozen and killed as groups), so nothing else would
 * take them down: they stayed frozen with SIGSTOP forever. The kernel closes
 * the server's end of the watchdog's stdin pipe however the server ends; the
 * watchdog then kills what is still registered and removes cgroups and work
 * directories. It is detached into its own session so that a Ctrl-C to the
 * terminal's foreground process group does not kill it before the server.
 *
 * Registration is one JSON line per change, written to the pipe synchronously
 * from the server's point of view (libuv writes at once when nothing is
 * queued): once `add` returns, the line is in the kernel's buffer and survives
 * the server's death. Only a SIGKILL landing between spawning a runtime and
 * the next line could miss one; the cgroup sweep at the next start is the
 * backstop for that.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { EnvironmentCgroup } from './cgroup.js';

/** What the watchdog tracks: an environment's process group, a cgroup directory, a work directory. */
export type ResourceKind = 'group' | 'cgroup' | 'dir';

/** How often a watchdog that died while its server runs is started again. */
const MAX_RESTARTS = 3;
/** Root cgroup directories the servers create (cgroup.ts names them `wasm-lambda-bench-<pid>`). */
const CGROUP_ROOT = /^wasm-lambda-bench-\d+$/;

/** Registers resources with the watchdog. */
export interface Reaper {
  /** The watchdog's pid; undefined when none could be started. */
  readonly pid: number | undefined;
  /** Registers a resource that must not outlive the server. */
  add(kind: ResourceKind, id: number | string): void;
  /** The server released it itself (process reaped, directory removed). */
  remove(kind: ResourceKind, id: number | string): void;
  /**
   * Orderly shutdown, after the server cleaned up: the watchdog removes
   * whatever is still registered (nothing, normally) and its registry file, then exits.
   */
  close(): void;
}

/**
 * The directory of one user's watchdogs' registry files (`<server pid>-<watchdog pid>.json`),
 * under the OS temp dir by default. One per uid: a directory root created is not writable by
 * other users (a later server run as a normal user could not keep its registry), and one
 * shared by users would let each make the others' watchdogs act on files they wrote. The
 * watchdog creates it with mode 0700 and refuses one it does not own (runtime/reaper.mjs).
 */
export function registryDir(base: string = tmpdir(), uid: number = process.getuid?.() ?? 0): string {
  return join(base, `wasm-lambda-bench-local-${uid}-registry`);
}

/** Options of {@link startReaper}. */
export interface ReaperOptions {
  /** Path of runtime/reaper.mjs. */
  readonly script: string;
  /** Where registry files go; default {@link registryDir}. */
  readonly registry?: string;
  readonly notice: (message: string) => void;
}

/** Starts the watchdog; never throws (without one the server still cleans up on close and on exit). */
export function startReaper(options: ReaperOptions): Reaper {
  const registry = options.registry ?? registryDir();
  /** Everything registered and not released, replayed to a restarted watchdog. */
  const held = new Map<string, { kind: ResourceKind; id: number | string }>();
  let child: ChildProcess | undefined;
  let restarts = 0;
  let closed = false;

  const send = (message: object): void => {
    const stdin = child?.stdin;
    if (!stdin || stdin.destroyed) return;
    stdin.write(`${JSON.stringify(message)}\n`);
  };

  const launch = (): void => {
    if (!existsSync(options.script)) {
      // A build without the script (older build/ directory): say so once instead of four crashes.
      options.notice(`local Lambda: no watchdog (${options.script} is missing: rebuild); environments die with the server only if it closes or exits normally`);
      return;
    }
    let started: ChildProcess;
    try {
      started = spawn(process.execPath, [options.script, registry, String(process.pid)], {
        detached: true, // own session and process group: terminal signals do not reach it
        stdio: ['pipe', 'ignore', 'inherit'],
        env: {}, // nothing of the server's (NODE_OPTIONS loaders, ...) is needed
        cwd: '/',
      });
    } catch (error) {
      options.notice(`local Lambda: no watchdog (${(error as Error).message}); environments die with the server only if it closes or exits normally`);
      return;
    }
    child = started;
    // The watchdog and its pipe must not keep the embedding program alive.
    started.unref();
    (started.stdin as Socket | null)?.unref();
    started.stdin?.on('error', () => undefined); // EPIPE once it is gone: handled by 'exit' below
    started.on('error', (error) => {
      options.notice(`local Lambda: watchdog failed: ${error.message}`);
    });
    started.on('exit', (code, signal) => {
      if (child === started) child = undefined;
      if (closed) return;
      if (restarts >= MAX_RESTARTS) {
        options.notice(`local Lambda: watchdog ended (${signal ?? `exit ${code}`}) ${restarts} times; not restarting it`);
        return;
      }
      restarts += 1;
      options.notice(`local Lambda: watchdog ended (${signal ?? `exit ${code}`}); starting another`);
      launch();
    });
    for (const { kind, id } of held.values()) send({ op: 'add', kind, id });
  };

  launch();
  return {
    get pid() {
      return child?.pid;
    },
    add(kind, id) {
      const key = `${kind}:${id}`;
      if (held.has(key)) return; // roots are added by every environment
      held.set(key, { kind, id });
      send({ op: 'add', kind, id });
    },
    remove(kind, id) {
      if (!held.delete(`${kind}:${id}`)) return;
      send({ op: 'remove', kind, id });
    },
    close() {
      if (closed) return;
      closed = true;
      send({ op: 'closed' });
      child?.stdin?.end();
    },
  };
}

/**
 * The directories to register for an environment's cgroups: its own groups
 * (one per controller on v1) and the server's root groups above them, but
 * only roots this project created (named `wasm-lambda-bench-<pid>`): never a
 * group someone else made for the server. The watchdog removes directories
 * deepest first, so the environment's groups go before the root.
 */
export function cgroupDirs(group: Pick<EnvironmentCgroup, 'procsFiles'>): { readonly own: string[]; readonly roots: string[] } {
  const own = [...new Set(group.procsFiles.map((file) => dirname(file)))];
  const roots = [...new Set(own.map((dir) => dirname(dir)).filter((dir) => CGROUP_ROOT.test(basename(dir))))];
  return { own, roots };
}

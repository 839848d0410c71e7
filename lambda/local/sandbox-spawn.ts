/**
 * Spawning a runtime as its environment's own unprivileged user (see
 * `sandbox-user.ts`). The runtime must be inside its cgroups before its first
 * instruction, as when it runs as the server's user; but a process running as
 * the sandbox user may not write its pid into root's `cgroup.procs` files. So
 * a shell starts as that user and waits for one line on stdin; the server
 * (root) moves the shell's pid into the groups, then sends the line, and the
 * shell execs node (same pid), now limited. The Init Duration clock, started
 * before the spawn, includes this handshake as it included the shell's own
 * writes.
 */

import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { EnvironmentIdentity } from './sandbox-user.js';

/** What `launchRuntime` would pass to spawn for the server's own user. */
export interface RuntimeSpawn {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** `cgroup.procs` files to join before node starts; none without cgroups. */
  readonly cgroupProcs: readonly string[] | undefined;
}

/** A runtime process: stdin is the handshake pipe (closed once node runs; node's stdin is /dev/null). */
export type SandboxedProcess = ChildProcessByStdio<Writable | null, Readable, Readable>;

/** Spawns `run` as `identity`'s uid and gid with its private TMPDIR; removes the TMPDIR when the process exits. */
export function spawnAsSandboxUser(identity: EnvironmentIdentity, run: RuntimeSpawn): SandboxedProcess {
  const options: SpawnOptions = {
    cwd: run.cwd,
    env: { ...run.env, TMPDIR: identity.tmpDir },
    uid: identity.uid,
    gid: identity.gid,
    detached: true,
  };
  let child: SandboxedProcess;
  if (run.cgroupProcs === undefined || run.cgroupProcs.length === 0) {
    child = spawn(run.command, [...run.args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  } else {
    const script = 'read line && exec "$@" </dev/null';
    child = spawn('/bin/sh', ['-c', script, 'sh', run.command, ...run.args], { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    release(child, run.cgroupProcs);
  }
  let released = false;
  const cleanUp = (): void => {
    if (released) return;
    released = true;
    identity.release();
  };
  child.once('exit', cleanUp);
  child.once('error', () => {
    if (child.pid === undefined) cleanUp();
  });
  return child;
}

/** Moves the waiting shell into its cgroups, then lets it exec node; kills it if it cannot be limited. */
function release(child: SandboxedProcess, procs: readonly string[]): void {
  const stdin = child.stdin;
  if (child.pid === undefined || !stdin) return; // spawn failed: 'error' follows
  // The shell may die before reading (killed at once): its stdin then breaks; nothing to report here.
  stdin.on('error', () => undefined);
  try {
    for (const file of procs) writeFileSync(file, String(child.pid));
  } catch (error) {
    const message = `local Lambda: could not move the runtime into its cgroups: ${(error as Error).message}\n`;
    // Into the runtime's log, once the environment listens (right after the spawn returns).
    process.nextTick(() => child.stderr.emit('data', message));
    process.kill(-child.pid, 'SIGKILL');
    return;
  }
  stdin.end('\n');
}

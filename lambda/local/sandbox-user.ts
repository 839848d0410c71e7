/**
 * Who runs handlers. On Lambda a handler runs as an unprivileged user
 * (sbx_user1051) in front of a read-only /var/task; a handler running as the
 * server's user could read the server's environment through
 * /proc/<ppid>/environ (every secret of the host shell) and rewrite another
 * function's unpacked code, which its next cold start would run with an
 * unchanged CodeSha256.
 *
 * When the server runs as root, each execution environment's runtime gets
 * its own unprivileged uid (so environments cannot read each other's
 * /proc/<pid>/environ or signal each other either), and each function a group
 * of its own: a function's code directory is root:<group> 0750 with read-only
 * contents, so only that function's environments can read it and none can
 * write it. Each environment gets a private writable TMPDIR next to the code.
 *
 * When the server does not run as root it cannot switch users: handlers then
 * run as the server's user (status `handlerUser: "same-user"`, with the
 * reason, and one notice at start). That is a documented degradation, not a
 * failure.
 */

import { chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether handlers run as users of their own or as the server's user. */
export type HandlerUserMode = 'separate-user' | 'same-user';

/** The outcome of detection, for the status and the start-up notice. */
export interface HandlerSandbox {
  readonly mode: HandlerUserMode;
  /** Why handlers run as the server's user, when they do. */
  readonly reason: string | undefined;
}

/** The identity of one environment's runtime process. */
export interface EnvironmentIdentity {
  readonly uid: number;
  readonly gid: number;
  /** A private temporary directory owned by `uid` (the runtime's TMPDIR). */
  readonly tmpDir: string;
  /** Removes the temporary directory (when the runtime has exited). */
  release(): void;
}

/**
 * Ids are allocated from 2^30 upward: far above login users (1000-60000),
 * `nobody` (65534) and the subordinate ranges container engines hand out
 * (100000-...), and below 2^31 because Node's spawn takes an int32 uid. Each
 * server process takes a block of 65,536 ids chosen by its pid, so two servers
 * on one host do not share ids either.
 */
const ID_BASE = 0x4000_0000;
const BLOCK = 0x1_0000;
const NOBODY = 65534;

/** Files the runtime process must be able to read (and, for node, execute) under another uid. */
function runtimeFiles(): { path: string; execute: boolean }[] {
  const runtimeDir = fileURLToPath(new URL('./runtime/', import.meta.url));
  const files = [
    { path: process.execPath, execute: true },
    { path: join(runtimeDir, 'bootstrap.mjs'), execute: false },
    { path: join(runtimeDir, 'fallback-client.mjs'), execute: false },
  ];
  try {
    const ric = createRequire(join(runtimeDir, 'bootstrap.mjs')).resolve('aws-lambda-ric');
    files.push({ path: ric, execute: false }, { path: join(dirname(ric), 'rapid-client.node'), execute: false });
  } catch {
    // Not installed: the fallback client runs, and needs only the files above.
  }
  return files;
}

/** Whether a user other than the owner can reach `path` through every ancestor and read (or execute) it. */
export function othersCanRead(path: string, execute = false): boolean {
  try {
    const need = 0o004 | (execute ? 0o001 : 0);
    if ((statSync(path).mode & need) !== need) return false;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (dir === parse(dir).root) return true;
    }
  } catch {
    return false;
  }
}

/** First id and count of the unprivileged ids usable in this user namespace, from /proc/self/{uid,gid}_map. */
export function idPool(uidMap: string, gidMap: string, pid: number): { first: number; count: number } | undefined {
  const mapped = (map: string, first: number, count: number): boolean =>
    map.split('\n').some((line) => {
      const [inside, , length] = line.trim().split(/\s+/).map(Number);
      return inside !== undefined && length !== undefined && inside <= first && first + count <= inside + length;
    });
  const first = ID_BASE + (pid % (ID_BASE / BLOCK)) * BLOCK;
  if (mapped(uidMap, first, BLOCK) && mapped(gidMap, first, BLOCK)) return { first, count: BLOCK };
  // A user namespace with a small map (rootless containers): `nobody` for everyone, still not root.
  if (mapped(uidMap, NOBODY, 1) && mapped(gidMap, NOBODY, 1)) return { first: NOBODY, count: 1 };
  return undefined;
}

/** Detects whether handlers can run as users of their own. */
function detect(): { sandbox: HandlerSandbox; pool?: { first: number; count: number } } {
  const uid = process.getuid?.();
  if (uid !== 0) {
    const reason = `the local Lambda runs as uid ${uid ?? 'unknown'}, not root, and cannot switch users: handlers run as the same user, so they can read its environment (/proc/<ppid>/environ) and write the unpacked code`;
    return { sandbox: { mode: 'same-user', reason } };
  }
  let pool: { first: number; count: number } | undefined;
  try {
    pool = idPool(readFileSync('/proc/self/uid_map', 'utf8'), readFileSync('/proc/self/gid_map', 'utf8'), process.pid);
  } catch {
    // No user namespaces in this kernel: every id exists.
    pool = idPool('0 0 4294967295', '0 0 4294967295', process.pid);
  }
  if (!pool) return { sandbox: { mode: 'same-user', reason: 'no unprivileged uid is mapped in this user namespace: handlers run as root' } };
  const unreadable = runtimeFiles().find((file) => !othersCanRead(file.path, file.execute));
  if (unreadable) {
    const reason = `${unreadable.path} is not readable by other users (a parent directory lacks o+x or the file o+r): handlers run as root`;
    return { sandbox: { mode: 'same-user', reason } };
  }
  return { sandbox: { mode: 'separate-user', reason: undefined }, pool };
}

let detected: ReturnType<typeof detect> | undefined;
let nextUid = 0;
let nextGid = 0;
const groups = new Map<string, number>();

/** The process-wide decision (running as root or not does not change while a server runs). */
export function handlerSandbox(): HandlerSandbox {
  detected ??= detect();
  return detected.sandbox;
}

/** The group owning a function's code; undefined when handlers run as the server's user. */
export function functionGroup(functionName: string): number | undefined {
  handlerSandbox();
  const pool = detected?.pool;
  if (!pool) return undefined;
  let gid = groups.get(functionName);
  if (gid === undefined) {
    gid = pool.first + (nextGid++ % pool.count);
    groups.set(functionName, gid);
  }
  return gid;
}

/**
 * A fresh uid, the function's group and a private TMPDIR for one environment;
 * undefined when handlers run as the server's user. The TMPDIR is made in
 * `parent` (the function's directory in the server's work directory), so
 * whatever removes the work directory (close, the watchdog after a kill)
 * removes it too, even when the runtime's exit is never seen.
 */
export function environmentIdentity(functionName: string, parent: string): EnvironmentIdentity | undefined {
  const gid = functionGroup(functionName);
  const pool = detected?.pool;
  if (gid === undefined || !pool) return undefined;
  const uid = pool.first + (nextUid++ % pool.count);
  const tmpDir = mkdtempSync(join(parent, '.tmp-'));
  chownSync(tmpDir, uid, gid);
  return {
    uid,
    gid,
    tmpDir,
    release: () => rmSync(tmpDir, { recursive: true, force: true }),
  };
}

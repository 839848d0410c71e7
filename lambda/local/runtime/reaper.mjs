// The local Lambda's watchdog: execution environments never outlive the
// server that started them, whatever ends it (SIGKILL included).
//
// The server starts this script detached (its own session and process group,
// so a Ctrl-C to the terminal's foreground group does not reach it) with a
// pipe on stdin, and tells it, one JSON line per change, which process groups,
// cgroup directories and work directories it owns. Nothing can run in a
// process killed with SIGKILL, but the kernel closes its end of the pipe: at
// EOF this watchdog thaws and kills every process group still registered,
// removes the cgroups once their processes are gone, removes the work
// directories, and exits.
//
// It also keeps what it was told in a registry file (one per server, in the
// registry directory given as argv[2]) so that what a dead server AND a dead
// watchdog left (both killed at once, e.g. kill -9 of every process) is swept
// by the next server's watchdog when it starts.
//
// Plain .mjs on purpose: it runs under plain `node` next to the built CLI
// (build/harness/runtime/), with no TypeScript loader.

import { readFileSync, readdirSync, renameSync, rmSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { claimRegistryDir, ownFile, registryDirProblem } from './registry-dir.mjs';

export { claimRegistryDir, registryDirProblem };

/** Longest wait for killed processes to disappear and their cgroups to become removable. */
export const REAP_TIMEOUT_MS = 10_000;
const POLL_MS = 20;

/**
 * The start time of a process (field 22 of /proc/<pid>/stat, clock ticks since
 * boot), which with the pid identifies one process: pids are reused, start
 * times of a reused pid differ. Undefined when no such process exists.
 * @param {number} pid
 * @returns {string | undefined}
 */
export function processStart(pid) {
  const fields = statFields(pid);
  // After the ")" that ends the command name: state is field 3, starttime field 22.
  return fields?.[19];
}

/**
 * Fields of /proc/<pid>/stat after the command name (state first), or undefined.
 * @param {number | string} pid
 * @returns {string[] | undefined}
 */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that had this pid and start time still runs. Without a
 * start time only the pid is checked. A zombie does not run: a server and its
 * watchdog killed together stay zombies until whoever inherited them reaps
 * them (PID 1, when it gets to it), and a sweep that took them for alive
 * would skip their leftovers until some later start.
 * @param {{ pid: number, start?: string | null }} who
 */
export function isRunning(who) {
  const fields = statFields(who.pid);
  if (fields === undefined || fields[0] === 'Z') return false;
  return who.start == null || who.start === fields[19];
}

/**
 * The process groups among `pgids` that still have a member that is not a
 * zombie. kill(-pgid, 0) would count zombies, which linger until the new
 * parent reaps them and hold neither memory nor a cgroup.
 * @param {Iterable<number>} pgids
 * @returns {Set<number>}
 */
export function liveGroups(pgids) {
  const wanted = new Set(pgids);
  const live = new Set();
  if (wanted.size === 0) return live;
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return live;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(name);
    if (!fields) continue;
    const pgrp = Number(fields[2]);
    if (fields[0] !== 'Z' && wanted.has(pgrp)) live.add(pgrp);
  }
  return live;
}

/**
 * Thaws and kills one registered process group, unless its number now belongs
 * to another process: Linux does not reuse a pid while a group of that number
 * exists, so a leader pid running with another start time means our group is
 * gone. SIGCONT first is harmless; SIGKILL also ends stopped processes.
 * @param {{ pgid: number, start?: string | null }} group
 * @returns {boolean} whether signals were sent
 */
export function killGroup(group) {
  const leaderStart = processStart(group.pgid);
  if (leaderStart !== undefined && (group.start == null || leaderStart !== group.start)) return false;
  for (const signal of ['SIGCONT', 'SIGKILL']) {
    try {
      process.kill(-group.pgid, signal);
    } catch {
      return false; // no process left in the group
    }
  }
  return true;
}

/**
 * What one server left: kills its process groups, waits (bounded) until they
 * are gone, removes its cgroup directories (deepest first, retrying while the
 * kernel still counts the dying processes) and its work directories.
 * @param {{ groups?: Array<{ pgid: number, start?: string | null }>, cgroups?: string[], dirs?: string[] }} entry
 * @param {{ timeoutMs?: number, now?: () => number }} [options]
 * @returns {Promise<{ killed: number, cgroupsRemoved: number, dirsRemoved: number, left: string[] }>}
 */
export async function reap(entry, options = {}) {
  const timeoutMs = options.timeoutMs ?? REAP_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  const groups = entry.groups ?? [];
  let killed = 0;
  for (const group of groups) if (killGroup(group)) killed += 1;
  let live = liveGroups(groups.map((g) => g.pgid));
  while (live.size > 0 && now() < deadline) {
    await sleep(POLL_MS);
    live = liveGroups(live);
  }
  // Deepest first: an environment's group before the server's root group above it.
  let cgroups = [...new Set(entry.cgroups ?? [])].sort((a, b) => b.length - a.length);
  let cgroupsRemoved = 0;
  for (;;) {
    const failed = cgroups.filter((dir) => !tryRmdir(dir));
    cgroupsRemoved += cgroups.length - failed.length;
    cgroups = failed;
    if (cgroups.length === 0 || now() >= deadline) break;
    await sleep(POLL_MS);
  }
  let dirsRemoved = 0;
  const left = [...[...live].map((pgid) => `process group ${pgid}`), ...cgroups];
  for (const dir of entry.dirs ?? []) {
    try {
      rmSync(dir, { recursive: true, force: true });
      dirsRemoved += 1;
    } catch {
      left.push(dir);
    }
  }
  return { killed, cgroupsRemoved, dirsRemoved, left };
}

/**
 * Sweeps the registry: every entry whose server and watchdog are both gone is
 * reaped and its file removed. Entries of a running server or watchdog are
 * left alone (a live watchdog is already doing this). `skip` names files not
 * to touch (the caller's own). Nothing is swept from a directory
 * {@link registryDirProblem} refuses, nor from a file of another user.
 * @param {string} registryDir
 * @param {{ skip?: string, timeoutMs?: number }} [options]
 * @returns {Promise<Array<{ file: string, server: number, killed: number, left: string[] }>>}
 */
export async function sweepRegistry(registryDir, options = {}) {
  if (registryDirProblem(registryDir) !== undefined) return [];
  let names;
  try {
    names = readdirSync(registryDir);
  } catch {
    return [];
  }
  const swept = [];
  for (const name of names) {
    const half = /^\.\d+-(\d+)\.json\.tmp$/.exec(name);
    // Half a write of a watchdog killed while saving.
    if (half && !isRunning({ pid: Number(half[1]) })) tryUnlink(join(registryDir, name));
    if (name === options.skip || !name.endsWith('.json')) continue;
    const file = join(registryDir, name);
    if (!ownFile(file)) continue;
    let entry;
    try {
      entry = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // not ours, or unreadable: leave it
    }
    if (!entry?.server || isRunning(entry.server) || (entry.watchdog && isRunning(entry.watchdog))) continue;
    const result = await reap(entry, { timeoutMs: options.timeoutMs });
    if (result.left.length === 0) tryUnlink(file);
    swept.push({ file, server: entry.server.pid, killed: result.killed, left: result.left });
  }
  return swept;
}

/**
 * The watchdog's state: what the server has registered and not yet released.
 * Messages (one JSON object per line): `{"op":"add"|"remove","kind":"group"|"cgroup"|"dir","id":...}`
 * and `{"op":"closed"}` (an orderly shutdown: the server cleaned up itself).
 */
export class Registry {
  /** @param {{ pid: number, start?: string | null }} server @param {{ pid: number, start?: string | null }} watchdog */
  constructor(server, watchdog) {
    this.server = server;
    this.watchdog = watchdog;
    /** @type {Map<number, string | null>} pgid → start time of its leader */
    this.groups = new Map();
    /** @type {Set<string>} */
    this.cgroups = new Set();
    /** @type {Set<string>} */
    this.dirs = new Set();
    this.closed = false;
  }

  /** Applies one message line; returns false for a line it does not understand. @param {string} line */
  apply(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return false;
    }
    if (message?.op === 'closed') {
      this.closed = true;
      return true;
    }
    const add = message?.op === 'add';
    if (!add && message?.op !== 'remove') return false;
    if (message.kind === 'group' && Number.isInteger(message.id) && message.id > 1) {
      // The leader's start time is read now, while the server's child is alive (or a zombie it has not reaped).
      if (add) this.groups.set(message.id, processStart(message.id) ?? null);
      else this.groups.delete(message.id);
      return true;
    }
    const set = message.kind === 'cgroup' ? this.cgroups : message.kind === 'dir' ? this.dirs : undefined;
    if (!set || typeof message.id !== 'string' || !message.id.startsWith('/')) return false;
    if (add) set.add(message.id);
    else set.delete(message.id);
    return true;
  }

  /** The registry file's content, also what {@link reap} takes. */
  toJSON() {
    return {
      server: this.server,
      watchdog: this.watchdog,
      groups: [...this.groups].map(([pgid, start]) => ({ pgid, start })),
      cgroups: [...this.cgroups],
      dirs: [...this.dirs],
    };
  }
}

/**
 * Removes the files of this server's earlier watchdogs that died while it ran: the server
 * replays everything it holds to its new watchdog, so they only repeat (older) news.
 * @param {string} registryDir
 * @param {number} serverPid
 */
function dropReplaced(registryDir, serverPid) {
  let names;
  try {
    names = readdirSync(registryDir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^(\d+)-(\d+)\.json$/.exec(name);
    if (match && Number(match[1]) === serverPid && Number(match[2]) !== process.pid && !isRunning({ pid: Number(match[2]) })) {
      tryUnlink(join(registryDir, name));
    }
  }
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @param {string} dir */
function tryRmdir(dir) {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
  }
}

/** @param {string} file */
function tryUnlink(file) {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** One line on stderr; the terminal may be gone, which must not stop the cleanup. @param {string} text */
function say(text) {
  try {
    process.stderr.write(`local Lambda watchdog: ${text}\n`);
  } catch {
    // nobody listening
  }
}

/** The watchdog: argv = registry directory, server pid. */
async function main() {
  const [registryDir, serverPidText] = process.argv.slice(2);
  const serverPid = Number(serverPidText);
  if (!registryDir || !Number.isInteger(serverPid) || serverPid <= 1) {
    say('usage: reaper.mjs <registry dir> <server pid>');
    process.exit(2);
  }
  process.stderr.on('error', () => undefined);
  process.on('SIGHUP', () => undefined); // a closing terminal is no reason to stop guarding
  process.on('SIGINT', () => undefined); // nor a Ctrl-C meant for the server
  const registry = new Registry(
    { pid: serverPid, start: processStart(serverPid) ?? null },
    { pid: process.pid, start: processStart(process.pid) ?? null },
  );
  const name = `${serverPid}-${process.pid}.json`;
  const file = join(registryDir, name);
  const temp = join(registryDir, `.${name}.tmp`);
  let pending = false;
  // Without a registry file the pipe still guards the server; only the sweep after a double kill is lost.
  const refused = claimRegistryDir(registryDir);
  if (refused !== undefined) say(`not using ${registryDir}: ${refused}; guarding server ${serverPid} without a registry file`);
  let saveFailed = refused !== undefined;
  const save = () => {
    pending = false;
    if (refused !== undefined) return;
    try {
      // Written whole then renamed: a reader never sees half a file.
      writeFileSync(temp, JSON.stringify(registry));
      renameSync(temp, file);
    } catch (error) {
      if (!saveFailed) say(`cannot write ${file} (${error.message}); guarding server ${serverPid} without it`);
      saveFailed = true;
    }
  };
  save();
  if (refused === undefined) dropReplaced(registryDir, serverPid);
  // What earlier runs left when their server and watchdog were killed together.
  const sweeping = sweepRegistry(registryDir, { skip: name }).then((swept) => {
    for (const s of swept) {
      say(`swept what server ${s.server} left: ${s.killed} process group(s) killed` + (s.left.length ? `; could not remove ${s.left.join(', ')}` : ''));
    }
  });
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text) => {
    buffered += text;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') registry.apply(line);
    if (!pending) {
      pending = true;
      setImmediate(save);
    }
  });
  await new Promise((resolve) => {
    process.stdin.on('end', resolve);
    process.stdin.on('error', resolve);
  });
  // The server is gone (or closed): whatever it still owned dies now.
  if (buffered.trim() !== '') registry.apply(buffered);
  const entry = registry.toJSON();
  // After an orderly close the server has waited for its environments and removed what it could:
  // one pass, no waiting. What remains then (a root cgroup another server of the same process
  // still uses) is not this watchdog's to chase.
  const result = await reap(entry, { timeoutMs: registry.closed ? 0 : REAP_TIMEOUT_MS });
  await sweeping;
  if (refused !== undefined) {
    // Nothing of ours in a directory we refused.
  } else if (result.left.length === 0 || registry.closed) {
    tryUnlink(file);
  } else {
    save();
    say(`could not remove ${result.left.join(', ')}; the next start will try again`);
  }
  if (!registry.closed) {
    say(`server ${serverPid} ended without closing: killed ${result.killed} environment process group(s), ` +
      `removed ${result.cgroupsRemoved} cgroup(s) and ${result.dirsRemoved} work dir(s)`);
  }
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    say(`failed: ${error?.message ?? error}`);
    process.exit(1);
  });
}

/**
 * Preparing the server's root group in the cgroup v2 unified hierarchy.
 *
 * v2's "no internal processes" rule: a group other than the root can hand a
 * controller to its children (`+cpu` in `cgroup.subtree_control`) only while
 * it has no processes of its own, and no process can join a group whose
 * children have controllers. The server lives in its own group G, so G must
 * be emptied before per-environment groups under it can have cpu and memory
 * limits. This is what container inits do on v2 (docker-in-docker's `dind`
 * script, kind's entrypoint): move every process of G into a leaf child, then
 * enable the controllers in G. systemd's delegation (`Delegate=yes`) gives a
 * unit exactly such a subtree to manage; a non-delegated unit's group is still
 * writable by root, and the leaf keeps its processes under the same limits
 * (the leaf has none of its own, G's still apply above it).
 *
 * Layout, with G the server's group:
 *
 *     G/                            cgroup.subtree_control: +cpu +memory
 *       wasm-lambda-bench.leaf/     every process that was in G (the server too); no limits
 *       wasm-lambda-bench-<pid>/    this server's root, cgroup.subtree_control: +cpu +memory
 *         <environment id>/         cpu.max, memory.max, memory.swap.max; the runtime joins it
 *
 * The move is not undone at shutdown: other servers in G may still use the
 * controllers, which would have to be disabled in G first, and the leaf limits
 * nothing. A server started later in the same group finds itself in the leaf
 * and uses G again. The real root group is exempt from the rule and is used as is.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cpuQuotaUs, V2_CPU, V2_MEMORY } from './cgroup-controllers.js';
import type { Controller } from './cgroup-detect.js';
import { ROOT_PREFIX, errorText, groupPids, joinGroup, readControl, tryRemoveGroup, writeControl, type CgroupHost } from './cgroup-fs.js';
import { sweepStale } from './cgroup-sweep.js';

/** The leaf that holds the processes of the server's group once its children get controllers. */
export const LEAF = 'wasm-lambda-bench.leaf';
/** Processes fork while being moved; a few passes catch the children of the moved ones. */
const MOVE_PASSES = 3;

/** The server's v2 root group, or why a controller cannot be limited. */
export interface V2Root {
  /** The server's root group (`G/wasm-lambda-bench-<pid>`); undefined when no controller is usable. */
  readonly root: string | undefined;
  /** The controllers the root hands to environment groups. */
  readonly controllers: readonly Controller[];
  /** Why each wanted controller that is missing cannot be used. */
  readonly reasons: ReadonlyMap<Controller, string>;
}

/** Prepares `G/wasm-lambda-bench-<pid>` for `wanted` controllers, `own` being the server's v2 group. */
export function prepareV2Root(host: CgroupHost, own: string, wanted: readonly Controller[], pid: number): V2Root {
  // A server started after another one moved G's processes finds itself in the leaf.
  const base = basename(own) === LEAF ? dirname(own) : own;
  const reasons = new Map<Controller, string>();
  const fail = (controllers: readonly Controller[], reason: string): V2Root => {
    for (const c of controllers) reasons.set(c, reason);
    return { root: undefined, controllers: [], reasons };
  };
  const available = words(readControl(join(base, 'cgroup.controllers')));
  const usable = wanted.filter((c) => available.includes(c));
  for (const c of wanted) {
    if (!usable.includes(c)) reasons.set(c, `cgroup v2 found but ${c} controller not delegated to ${base}`);
  }
  if (usable.length === 0) return { root: undefined, controllers: [], reasons };
  try {
    enableForChildren(host, base, usable);
  } catch (error) {
    return fail(usable, `cgroup v2 at ${base}: cannot enable ${usable.join(', ')} for child groups: ${errorText(error)}`);
  }
  sweepStale(host, base, pid);
  const root = join(base, ROOT_PREFIX + pid);
  try {
    mkdirSync(root, { recursive: true });
    writeControl(join(root, 'cgroup.subtree_control'), usable.map((c) => `+${c}`).join(' '));
    probe(host, root, usable);
  } catch (error) {
    tryRemoveGroup(host, root);
    return fail(usable, `cgroup v2 at ${base} not writable: ${errorText(error)}`);
  }
  return { root, controllers: usable, reasons };
}

/**
 * Enables `controllers` in `base/cgroup.subtree_control`, first moving the
 * processes of `base` into the leaf unless `base` is the real root (which has
 * no `cgroup.type`, and may have processes and controllers at once).
 */
function enableForChildren(host: CgroupHost, base: string, controllers: readonly Controller[]): void {
  const enabled = words(readControl(join(base, 'cgroup.subtree_control')));
  const missing = controllers.filter((c) => !enabled.includes(c));
  if (missing.length === 0) return;
  const isRealRoot = !existsSync(join(base, 'cgroup.type'));
  const unmoved = isRealRoot ? [] : moveProcessesToLeaf(base);
  try {
    writeControl(join(base, 'cgroup.subtree_control'), missing.map((c) => `+${c}`).join(' '));
  } catch (error) {
    const stuck = unmoved.length > 0 ? `; ${unmoved.length} process(es) could not be moved out of it (${unmoved[0]})` : '';
    throw new Error(`${errorText(error)}${stuck}`);
  }
}

/** Moves every process of `base` into `base/LEAF`; returns why some could not move. */
function moveProcessesToLeaf(base: string): string[] {
  const leaf = join(base, LEAF);
  mkdirSync(leaf, { recursive: true });
  const tried = new Set<number>();
  const failures: string[] = [];
  for (let pass = 0; pass < MOVE_PASSES; pass += 1) {
    // Later passes catch processes forked in the group while it was being emptied; each pid is tried once.
    const pids = groupPids(base).filter((pid) => !tried.has(pid));
    if (pids.length === 0) break;
    for (const pid of pids) {
      tried.add(pid);
      try {
        joinGroup(leaf, pid);
      } catch (error) {
        // ESRCH: it exited meanwhile, which empties the group just as well.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') failures.push(`pid ${pid}: ${errorText(error)}`);
      }
    }
  }
  return failures;
}

/** Checks in a throwaway group that the limits can be written. */
function probe(host: CgroupHost, root: string, controllers: readonly Controller[]): void {
  const dir = join(root, 'probe');
  mkdirSync(dir, { recursive: true });
  try {
    if (controllers.includes('cpu')) V2_CPU.setQuota(dir, cpuQuotaUs(128));
    if (controllers.includes('memory')) V2_MEMORY.setLimit(dir, 128 * 1024 * 1024);
  } finally {
    tryRemoveGroup(host, dir);
  }
}

function words(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter((w) => w !== '');
}

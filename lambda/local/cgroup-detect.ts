/**
 * Which cgroup hierarchies this process sits in, from `/proc/self/mountinfo`
 * (what is mounted where, and which part of each hierarchy a mount shows)
 * and `/proc/self/cgroup` (this process's group in each hierarchy).
 *
 * A controller is attached to exactly one hierarchy: a cgroup v1 mount that
 * names it, or else the cgroup v2 unified hierarchy. "Hybrid" hosts (systemd's
 * old default) mount v1 hierarchies for cpu, memory, ... and a v2 hierarchy
 * with no controllers at `/sys/fs/cgroup/unified`; there cpu and memory are v1.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CgroupHost } from './cgroup-fs.js';

/** The controllers the local Lambda limits. */
export type Controller = 'cpu' | 'memory';

/** This process's groups, as found on the host. */
export interface CgroupLayout {
  /** For each controller with a cgroup v1 hierarchy: this process's group directory in it. */
  readonly v1: ReadonlyMap<Controller, string>;
  /** Controllers this process has a v1 group for (per /proc/self/cgroup) whose hierarchy is not mounted here. */
  readonly v1Unmounted: ReadonlySet<Controller>;
  /** This process's group directory in the cgroup v2 hierarchy, when one is mounted. */
  readonly v2: string | undefined;
}

interface Mount {
  /** The part of the hierarchy the mount shows (not `/` in a container without a cgroup namespace). */
  readonly root: string;
  readonly mountPoint: string;
  readonly fsType: string;
  readonly superOptions: readonly string[];
}

interface Membership {
  /** Controllers of a v1 hierarchy (`name=systemd` included); empty for the v2 line `0::/path`. */
  readonly controllers: readonly string[];
  readonly v2: boolean;
  readonly path: string;
}

/** Reads mountinfo and the process's memberships; throws if procfs cannot be read. */
export function detectCgroups(host: CgroupHost): CgroupLayout {
  const mounts = parseMountinfo(readFileSync(join(host.procRoot, 'self/mountinfo'), 'utf8'));
  const memberships = parseProcCgroup(readFileSync(join(host.procRoot, 'self/cgroup'), 'utf8'));
  const v1 = new Map<Controller, string>();
  const v1Unmounted = new Set<Controller>();
  for (const controller of ['cpu', 'memory'] as const) {
    const member = memberships.find((m) => !m.v2 && m.controllers.includes(controller));
    const candidates = mounts.filter((m) => m.fsType === 'cgroup' && m.superOptions.includes(controller));
    const dir = member && groupDir(host, candidates, member.path);
    if (dir !== undefined) v1.set(controller, dir);
    else if (member !== undefined) v1Unmounted.add(controller);
  }
  const unified = memberships.find((m) => m.v2);
  const v2Mounts = mounts.filter((m) => m.fsType === 'cgroup2');
  return { v1, v1Unmounted, v2: unified && groupDir(host, v2Mounts, unified.path) };
}

/** Parses `/proc/self/mountinfo` (proc(5)): fields, optional fields, `-`, fstype, source, super options. */
export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const separator = fields.indexOf('-', 6);
    if (separator < 0 || fields.length < separator + 4) continue;
    mounts.push({
      root: unescapeOctal(fields[3] ?? '/'),
      mountPoint: unescapeOctal(fields[4] ?? '/'),
      fsType: fields[separator + 1] ?? '',
      superOptions: (fields[separator + 3] ?? '').split(','),
    });
  }
  return mounts;
}

/** Parses `/proc/self/cgroup`: `hierarchy-id:controllers:path`, the v2 line being `0::path`. */
export function parseProcCgroup(text: string): Membership[] {
  const memberships: Membership[] = [];
  for (const line of text.split('\n')) {
    const [id, controllers, ...rest] = line.split(':');
    if (id === undefined || controllers === undefined || rest.length === 0) continue;
    memberships.push({
      controllers: controllers === '' ? [] : controllers.split(','),
      v2: id === '0' && controllers === '',
      path: rest.join(':'),
    });
  }
  return memberships;
}

/**
 * This process's group directory under one of a hierarchy's mounts: the mount
 * point plus the group path relative to the mount's root. Inside a cgroup
 * namespace, or when a container sees only its own part, the path may not
 * exist under the mount: the mount point is then this process's group.
 */
function groupDir(host: CgroupHost, mounts: readonly Mount[], path: string): string | undefined {
  const within = mounts.find((m) => m.root === '/' || path === m.root || path.startsWith(`${m.root}/`)) ?? mounts[0];
  if (within === undefined) return undefined;
  const mountDir = resolve(host.fsRoot, `.${within.mountPoint}`);
  const relative = within.root === '/' ? path : path.slice(within.root.length);
  // A group outside the namespace's view shows as `/../..`: never climb out of the mount.
  if (relative.split('/').includes('..')) return mountDir;
  const nested = resolve(mountDir, `.${relative}`);
  return existsSync(nested) ? nested : mountDir;
}

/** mountinfo writes space, tab, newline and backslash in paths as `\040` etc. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

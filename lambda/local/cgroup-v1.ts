/**
 * Preparing the server's root groups in cgroup v1 hierarchies: one directory
 * `<own group>/wasm-lambda-bench-<pid>` in the cpu hierarchy and one in the
 * memory hierarchy (one only, where both controllers share a mount). v1 has no
 * "no internal processes" rule, so the server stays where it is and its own
 * group's limits (a sandbox's) still apply above the environments' groups.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuQuotaUs, V1_CPU, V1_MEMORY } from './cgroup-controllers.js';
import type { Controller } from './cgroup-detect.js';
import { ROOT_PREFIX, errorText, tryRemoveGroup, type CgroupHost } from './cgroup-fs.js';
import { sweepStale } from './cgroup-sweep.js';

/** The server's root group for one controller, or why there is none. */
export type V1Root = { readonly root: string } | { readonly reason: string };

/** Prepares the root group of `controller` under `own`, the server's group in that controller's hierarchy. */
export function prepareV1Root(host: CgroupHost, controller: Controller, own: string, pid: number): V1Root {
  const root = join(own, ROOT_PREFIX + pid);
  try {
    sweepStale(host, own, pid);
    mkdirSync(root, { recursive: true });
    probe(host, controller, root);
    return { root };
  } catch (error) {
    tryRemoveGroup(host, root);
    return { reason: `cgroup v1 ${controller} hierarchy at ${own} not writable: ${errorText(error)}` };
  }
}

/** Checks in a throwaway group that the limit can be written. */
function probe(host: CgroupHost, controller: Controller, root: string): void {
  const dir = join(root, `probe-${controller}`);
  mkdirSync(dir, { recursive: true });
  try {
    if (controller === 'cpu') V1_CPU.setQuota(dir, cpuQuotaUs(128));
    else V1_MEMORY.setLimit(dir, 128 * 1024 * 1024);
  } finally {
    tryRemoveGroup(host, dir);
  }
}

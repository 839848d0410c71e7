/**
 * Starting the runtime process of an execution environment the way Lambda's
 * Node bootstrap does: plain `node` with the memory flags Lambda derives from
 * the memory size, the function's code directory as cwd, and only the
 * environment variables Lambda sets (plus the function's own), nothing
 * inherited from the server.
 */

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { spawnAsSandboxUser } from './sandbox-spawn.js';
import { environmentIdentity } from './sandbox-user.js';
import type { Reaper } from './reaper.js';
import type { FunctionCode, FunctionConfig, RuntimeClientName } from './types.js';

/** Everything needed to start one runtime process. */
export interface LaunchSpec {
  readonly config: FunctionConfig;
  readonly code: FunctionCode;
  /** The environment id, used in the log stream name. */
  readonly environmentId: string;
  /** AWS_LAMBDA_LOG_STREAM_NAME: the stream the environment's lines are stored under (logs.ts logStreamName). */
  readonly logStream: string;
  readonly bootstrapPath: string;
  readonly runtimeClient: RuntimeClientName;
  readonly region: string;
  /** `127.0.0.1:<port>` of the environment's Runtime API. */
  readonly runtimeApi: string;
  /** `cgroup.procs` files to join before node starts; none without cgroups. */
  readonly cgroupProcs: readonly [string, string] | undefined;
  /** The watchdog, told about directories made for this environment alone (its private TMPDIR). */
  readonly reaper?: Pick<Reaper, 'add' | 'remove'>;
  /** The node binary (the Node major the function's Runtime names; default: the server's own). */
  readonly nodePath?: string;
}

/** The runtime process with piped stdout and stderr (stdin: the sandbox handshake pipe, or none). */
export type RuntimeProcess = ChildProcessByStdio<Writable | null, Readable, Readable>;

/** Node flags of Lambda's bootstrap: 10% of memory to the young generation (half per semi-space), the rest to the old. */
export function nodeMemoryFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

/** Spawns the runtime in its own process group (so the group can be frozen and killed as one). */
export function launchRuntime(spec: LaunchSpec): RuntimeProcess {
  const node = spec.nodePath ?? process.execPath;
  const nodeArgs = [
    '--expose-gc',
    '--max-http-header-size',
    '81920',
    ...nodeMemoryFlags(spec.config.memorySize),
    spec.bootstrapPath,
    spec.runtimeClient,
  ];
  const options = {
    cwd: spec.code.dir,
    env: runtimeEnvironment(spec),
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    detached: true,
  };
  // As root: the runtime runs as an unprivileged user of its own (sandbox-user.ts), else as ours.
  const identity = environmentIdentity(spec.config.name, dirname(spec.code.dir));
  if (identity) {
    const run = { command: node, args: nodeArgs, cwd: options.cwd, env: options.env, cgroupProcs: spec.cgroupProcs };
    // Registered while it exists: a server killed mid-run must not leave environments' TMPDIRs behind.
    spec.reaper?.add('dir', identity.tmpDir);
    const child = spawnAsSandboxUser(identity, run);
    child.once('exit', () => spec.reaper?.remove('dir', identity.tmpDir)); // after spawnAsSandboxUser's own removal
    return child;
  }
  if (spec.cgroupProcs === undefined) return spawn(node, nodeArgs, options);
  // A shell joins the groups, then execs node (same pid): the runtime is limited from its first instruction.
  const script = 'echo $$ > "$1" && echo $$ > "$2" && shift 2 && exec "$@"';
  return spawn('/bin/sh', ['-c', script, 'sh', ...spec.cgroupProcs, node, ...nodeArgs], options);
}

/** The variables Lambda sets for a Node function, then the function's own (which may not override them). */
export function runtimeEnvironment(spec: LaunchSpec): Record<string, string> {
  const c = spec.config;
  const env: Record<string, string> = {
    // Lambda's PATH leads with its runtime's bin: a handler spawning `node` gets the Node its Runtime names.
    PATH: `${dirname(spec.nodePath ?? process.execPath)}:/usr/local/bin:/usr/bin/:/bin:/opt/bin`,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: spec.code.dir,
    LAMBDA_RUNTIME_DIR: dirname(spec.bootstrapPath),
    _HANDLER: c.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${c.runtime}`,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_LAMBDA_FUNCTION_NAME: c.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(c.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: c.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: spec.logStream,
    AWS_LAMBDA_RUNTIME_API: spec.runtimeApi,
  };
  if (c.logFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = c.applicationLogLevel ?? 'INFO';
  }
  return { ...c.environment, ...env };
}

/**
 * VmHWM (peak resident set) of one process in kB, from /proc/<pid>/status
 * through a descriptor opened once: it is read on every invocation's path to
 * the caller, and re-reading an open descriptor costs about a third of an
 * open/read/close (8 vs 20 µs on the project machine). The descriptor
 * follows the pid across the wrapper shell's exec into node.
 */
export class PeakRssReader {
  private fd: number | undefined;
  /** /proc/<pid>/status is about 1.4 KB; VmHWM is in its first half. */
  private readonly buffer = Buffer.alloc(4096);

  /** `procRoot` is where procfs is mounted: /proc unless a test passes a fake tree (so a test controls VmHWM). */
  constructor(pid: number | undefined, procRoot = '/proc') {
    try {
      this.fd = pid === undefined ? undefined : openSync(`${procRoot}/${pid}/status`, 'r');
    } catch {
      this.fd = undefined;
    }
  }

  /** The current VmHWM in kB; undefined once the process is gone (or was never there). */
  readKb(): number | undefined {
    if (this.fd === undefined) return undefined;
    try {
      const length = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
      const match = /^VmHWM:\s+(\d+) kB/m.exec(this.buffer.toString('latin1', 0, length));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed: nothing to release
    }
    this.fd = undefined;
  }
}

/** Sends a signal to a runtime's whole process group (handlers may have spawned children). */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

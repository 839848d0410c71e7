/** Types of runtime/reaper.mjs (the watchdog), for the TypeScript that tests it. */

/** A process (or process group leader) identified by pid and start time (clock ticks since boot). */
export interface ProcessIdentity {
  readonly pid: number;
  readonly start?: string | null;
}

/** A registered process group; `start` is its leader's start time. */
export interface RegisteredGroup {
  readonly pgid: number;
  readonly start?: string | null;
}

/** What one server owns, as kept in its registry file. */
export interface RegistryEntry {
  readonly server?: ProcessIdentity;
  readonly watchdog?: ProcessIdentity;
  readonly groups?: readonly RegisteredGroup[];
  readonly cgroups?: readonly string[];
  readonly dirs?: readonly string[];
}

/** What {@link reap} did; `left` names what could not be removed. */
export interface ReapResult {
  readonly killed: number;
  readonly cgroupsRemoved: number;
  readonly dirsRemoved: number;
  readonly left: string[];
}

export const REAP_TIMEOUT_MS: number;
export function processStart(pid: number): string | undefined;
export function isRunning(who: ProcessIdentity): boolean;
export function liveGroups(pgids: Iterable<number>): Set<number>;
export function killGroup(group: RegisteredGroup): boolean;
export function reap(entry: RegistryEntry, options?: { timeoutMs?: number; now?: () => number }): Promise<ReapResult>;
export function registryDirProblem(dir: string): string | undefined;
export function claimRegistryDir(dir: string): string | undefined;
export function sweepRegistry(
  registryDir: string,
  options?: { skip?: string; timeoutMs?: number },
): Promise<Array<{ file: string; server: number; killed: number; left: string[] }>>;

/** The watchdog's state, fed one message line at a time. */
export class Registry {
  constructor(server: ProcessIdentity, watchdog: ProcessIdentity);
  readonly server: ProcessIdentity;
  readonly watchdog: ProcessIdentity;
  readonly groups: Map<number, string | null>;
  readonly cgroups: Set<string>;
  readonly dirs: Set<string>;
  closed: boolean;
  apply(line: string): boolean;
  toJSON(): Required<RegistryEntry>;
}

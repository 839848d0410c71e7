/**
 * Where a standalone local Lambda (`npm run lambda:local`) leaves its API
 * credential for the project's own clients (deploy, teardown, bench) to find:
 * `credentials-<port>.json`, mode 0600, in the per-uid registry directory the
 * watchdog uses (mode 0700, see reaper.ts `registryDir`). Handlers run as
 * other users (the server is root) cannot read it; handlers run as the
 * server's own user can, which the status and README say.
 */

import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiCredentials } from './credentials.js';
import { registryDir } from './reaper.js';

/** The credential file of the server on `port` (in this user's registry directory unless `dir` is given). */
export function credentialFilePath(port: number, dir: string = registryDir()): string {
  return join(dir, `credentials-${port}.json`);
}

/**
 * Writes `credentials` for the server on `port`, readable by this user only,
 * and answers its path. Throws (one line) when the directory is not this
 * user's own: a file in a directory someone else controls could be read or
 * replaced by them.
 */
export function writeCredentialFile(port: number, credentials: ApiCredentials, dir: string = registryDir()): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    throw new Error(`cannot keep the API credential in ${dir}: it is not a directory of this user that only this user can write`);
  }
  const file = credentialFilePath(port, dir);
  const temporary = `${file}.${process.pid}.tmp`;
  // Created 0600 from the first byte (a chmod after writing would leave a window), then renamed over any stale file.
  writeFileSync(temporary, `${JSON.stringify({ ...credentials, pid: process.pid })}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
  return file;
}

/**
 * The credential of the local Lambda on `port` when this user's registry
 * holds one that only this user can read, else undefined (an endpoint that
 * is not a local Lambda of this user needs none).
 */
export function readCredentialFile(port: number, dir: string = registryDir()): ApiCredentials | undefined {
  const file = credentialFilePath(port, dir);
  try {
    const stat = lstatSync(file);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) return undefined;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ApiCredentials>;
    if (typeof parsed.accessKeyId !== 'string' || typeof parsed.secretAccessKey !== 'string') return undefined;
    return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
  } catch {
    return undefined;
  }
}

/** Removes the file (the server is closing); never throws. */
export function removeCredentialFile(file: string): void {
  rmSync(file, { force: true });
}

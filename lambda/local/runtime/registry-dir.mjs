// Which registry directory and files the local Lambda's watchdog (reaper.mjs)
// may trust. A registry file tells a watchdog which process groups to kill and
// which directories to remove, so only files the watchdog's own user wrote, in
// a directory only that user can write, are acted on.
//
// Plain .mjs, next to reaper.mjs, for the same reason: it runs under plain `node`.

import { lstatSync, mkdirSync } from 'node:fs';

/**
 * Why `dir` must not be used as this user's registry directory, or undefined
 * when it may: it has to be a real directory (not a symbolic link), owned by
 * this user and writable by nobody else. Whoever can write there can make a
 * watchdog kill process groups and remove directories of their choosing, so
 * a directory someone else made or planted (in a shared /tmp anyone can
 * create any name first) is refused, not repaired.
 * @param {string} dir
 * @returns {string | undefined}
 */
export function registryDirProblem(dir) {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    return `cannot read it (${/** @type {Error} */ (error).message})`;
  }
  if (stat.isSymbolicLink()) return 'it is a symbolic link';
  if (!stat.isDirectory()) return 'it is not a directory';
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return `it belongs to uid ${stat.uid}, not to uid ${uid}`;
  if ((stat.mode & 0o022) !== 0) return `other users can write to it (mode ${(stat.mode & 0o777).toString(8)})`;
  return undefined;
}

/**
 * Creates this user's registry directory (mode 0700) unless it exists, then
 * checks it with {@link registryDirProblem}; answers why it cannot be used, or undefined.
 * @param {string} dir
 * @returns {string | undefined}
 */
export function claimRegistryDir(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return `cannot create it (${/** @type {Error} */ (error).message})`;
  }
  return registryDirProblem(dir);
}

/** Whether `file` is a plain file of this user (entries are acted on only then). @param {string} file */
export function ownFile(file) {
  try {
    const stat = lstatSync(file);
    const uid = process.getuid?.();
    return stat.isFile() && (uid === undefined || stat.uid === uid);
  } catch {
    return false;
  }
}

/**
 * Paths as results record them. run.json is shared and published; an absolute
 * path such as /home/<user>/... names the user who ran the benchmark. A path
 * inside the current directory is recorded relative to it, one elsewhere in
 * the home directory as `~/...`; other absolute paths (/tmp/...) name no one
 * and are kept.
 */

import { homedir } from 'node:os';
import { relative, resolve, sep } from 'node:path';

/** `path` relative to `cwd` when inside it, else with `home` shown as `~`, else as it is (absolute). */
export function displayPath(path: string, cwd = process.cwd(), home = homedir()): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  if (inside === '') return '.';
  if (inside.split(sep)[0] !== '..' && !inside.startsWith(sep)) return inside;
  const root = home.endsWith(sep) && home.length > 1 ? home.slice(0, -1) : home;
  if (root.length > 1 && (absolute === root || absolute.startsWith(root + sep))) return `~${absolute.slice(root.length)}`;
  return absolute;
}

/**
 * `text` with every absolute path under `root` (the project) written relative
 * to it and every other path under `home` written `~/...`. Applied to every
 * string run.json and samples.jsonl record (artifact paths, a cold child's
 * argv, error texts), so a checkout under /home/<user> names no one.
 */
export function scrubPaths(text: string, root: string, home = homedir()): string {
  let out = text;
  const project = root.endsWith(sep) ? root : root + sep;
  if (project.length > 1 && out.includes(project)) out = out.split(project).join('');
  const user = home.endsWith(sep) ? home.slice(0, -1) : home;
  if (user.length > 1 && out.includes(user + sep)) out = out.split(user + sep).join(`~${sep}`);
  return out;
}

/**
 * Writing a checked deployment package into its code directory, entry by
 * entry, streaming: each entry's compressed bytes go through zlib in 1 KB
 * slices straight into its file, so memory stays bounded whatever the package
 * holds (the old way held every unzipped file in memory at once). The zip was
 * checked first (`checkZip`): names stay inside the directory and the entries
 * inflate to at most 250 MB; the byte count is enforced again here.
 *
 * When handlers run as users of their own (the server runs as root, see
 * `sandbox-user.ts`), the code is read-only and private to the function: the
 * upload directory is root:<function group> 0750, directories below it 0555,
 * files 0444 (0555 when the zip marks them executable), as /var/task is on
 * Lambda. Otherwise files are written with the server user's default modes
 * (executable bits from the zip kept), and stay writable by handlers.
 */

import { chmod, chown, mkdir, readdir, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { zipEntries, type ZipEntry } from './zip-reader.js';

/** Who may read the unpacked code. */
export interface CodeAccess {
  /** The function's group: the code becomes read-only and readable by this group only. Undefined: default modes. */
  readonly gid: number | undefined;
}

/** Compressed input per write step (as in zip-reader.ts: at most ~1 MB inflated per step). */
const INPUT_SLICE = 1024;

/**
 * Unpacks `zip` into `dir` (which must not exist yet), writing at most
 * `limitBytes` of file data. On failure the partial directory is removed.
 */
export async function unpackZip(zip: Uint8Array, dir: string, limitBytes: number, access: CodeAccess): Promise<void> {
  const readOnly = access.gid !== undefined;
  const root = resolve(dir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  try {
    let left = limitBytes;
    for (const entry of zipEntries(zip)) {
      const target = resolve(root, entry.name);
      // checkZip refused such names already; resolving again keeps this module safe on its own.
      if (target !== root && !target.startsWith(root + sep)) throw new Error(`entry ${entry.name} leaves the code directory`);
      if (entry.directory) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      left = await writeEntry(zip, entry, target, left, fileMode(entry, readOnly));
    }
    if (readOnly) await lockDown(root, access.gid as number);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** Inflates one entry into `target`; returns the byte budget left. */
async function writeEntry(zip: Uint8Array, entry: ZipEntry, target: string, budget: number, mode: number): Promise<number> {
  const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let left = budget;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      left -= chunk.length;
      if (left < 0) done(new Error('the unzipped size grew past the checked limit'));
      else done(null, chunk);
    },
  });
  const source = Readable.from(slices(data), { objectMode: false });
  const sink = createWriteStream(target, { mode });
  if (entry.method === 8) await pipeline(source, createInflateRaw(), guard, sink);
  else await pipeline(source, guard, sink);
  // The mode of an existing file (a duplicate entry) is not changed by open: set it.
  await chmod(target, mode);
  return left;
}

function* slices(data: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < data.length; at += INPUT_SLICE) yield data.subarray(at, at + INPUT_SLICE);
}

/** Read-only (0444/0555) for sandboxed handlers; else rw for the owner, executable bits from the zip. */
function fileMode(entry: ZipEntry, readOnly: boolean): number {
  const executable = (entry.unixMode & 0o111) !== 0;
  if (readOnly) return executable ? 0o555 : 0o444;
  return executable ? 0o755 : 0o644;
}

/** Directories below the root become 0555; the root root:<gid> 0750, so other functions' users cannot enter. */
async function lockDown(root: string, gid: number): Promise<void> {
  const walk = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      if (!item.isDirectory()) continue;
      const path = join(dir, item.name);
      await walk(path);
      await chmod(path, 0o555);
    }
  };
  await walk(root);
  await chown(root, 0, gid);
  await chmod(root, 0o750);
}

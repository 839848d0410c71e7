/**
 * Reproducible deployment zips: entries sorted by name, one fixed timestamp,
 * fixed permissions (0644 regular files), fixed compression level. The same
 * inputs give the same bytes, so the same CodeSha256, so an unchanged
 * function is never re-uploaded.
 */
import { createHash } from 'node:crypto';
import { zipSync, type ZipAttributes, type Zippable } from 'fflate';

/** One file of a package. */
export interface PackageFile {
  /** Path inside the zip ("/"-separated, relative). */
  readonly name: string;
  readonly data: Uint8Array;
}

/** Unix regular file, rw-r--r-- (Lambda needs world-readable files). */
const FILE_ATTRS = (0o100644 << 16) >>> 0;

/**
 * Entry options, built per call: DOS timestamps are local wall-clock fields,
 * so the date is made from local components in the current time zone, and
 * every zone writes the same fields (1980-01-01 12:00; noon stays clear of
 * midnight DST gaps, and the instant itself moves with the zone's history).
 */
function entryOptions(): ZipAttributes & { level: 9 } {
  return { level: 9, mtime: new Date(1980, 0, 1, 12, 0, 0), os: 3, attrs: FILE_ATTRS };
}

/** Builds the zip; throws on duplicate or unsafe names. */
export function reproducibleZip(files: readonly PackageFile[]): Uint8Array {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const options = entryOptions();
  const entries: Zippable = {};
  for (const file of sorted) {
    if (file.name in entries) throw new Error(`duplicate zip entry ${file.name}`);
    if (file.name.startsWith('/') || file.name.split('/').includes('..') || file.name.includes('\\')) {
      throw new Error(`unsafe zip entry name ${file.name}`);
    }
    entries[file.name] = [file.data, options];
  }
  return zipSync(entries, options);
}

/** base64 SHA-256 of a zip: what Lambda reports as CodeSha256 after an upload. */
export function codeSha256(zip: Uint8Array): string {
  return createHash('sha256').update(zip).digest('base64');
}

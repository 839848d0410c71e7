/**
 * Reading an uploaded zip without trusting it: entries come from the central
 * directory one at a time (never a list of all of them: a 50 MB archive can
 * name a million entries), and each entry is inflated in small input slices,
 * its output handed to a sink chunk by chunk, so no more than a few MB of
 * inflated data exist at once whatever the archive claims or contains. The
 * sizes the headers declare are used only for an early refusal, never for
 * allocation or as the truth: the sink counts what actually comes out.
 */

import { Inflate } from 'fflate';
import { crc32 } from 'node:zlib';

/** The zip is malformed or uses a feature the local Lambda does not read. */
export class ZipFormatError extends Error {}

/** One central-directory entry. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** What the headers claim; not trusted. */
  readonly declaredSize: number;
  /** Offset of the entry's data in the archive. */
  readonly dataOffset: number;
  /** Unix mode bits from the external attributes (0 when the archive was not made on Unix). */
  readonly unixMode: number;
  /** A directory entry (name ends with '/'). */
  readonly directory: boolean;
}

/**
 * Compressed input per inflate step. Deflate expands at most ~1032:1, so one
 * step yields at most ~1 MB: the bound on inflated data held at once. (4 KB
 * steps let a gigabyte bomb raise the peak RSS by ~50 MB of garbage chunks,
 * 1 KB steps by ~40 MB, at the same speed.)
 */
const INPUT_SLICE = 1024;
/** Stored entries are handed out in slices of this size. */
const STORED_SLICE = 64 * 1024;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Iterates the central directory: one entry at a time, checked against the archive's bounds. */
export function* zipEntries(zip: Uint8Array): Generator<ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const { count, offset } = directory(zip, view);
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    need(zip, at, 46);
    if (view.getUint32(at, true) !== CENTRAL) throw new ZipFormatError('broken central directory');
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    need(zip, at + 46, nameLength + extraLength + commentLength);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: UTF-8 names; otherwise IBM 437, read as latin1 as fflate does.
    const name = Buffer.from(rawName).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const sizes = zip64Sizes(view, at + 46 + nameLength, extraLength, {
      declaredSize: view.getUint32(at + 24, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    if (flags & 0x1) throw new ZipFormatError(`entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipFormatError(`entry ${name} uses compression method ${method} (only stored and deflate are read)`);
    const dataOffset = localDataOffset(zip, view, sizes.localOffset);
    need(zip, dataOffset, sizes.compressedSize);
    yield {
      name,
      method,
      crc32: view.getUint32(at + 16, true),
      compressedSize: sizes.compressedSize,
      declaredSize: sizes.declaredSize,
      dataOffset,
      unixMode: madeBy === 3 ? view.getUint32(at + 38, true) >>> 16 : 0,
      directory: name.endsWith('/'),
    };
    at += 46 + nameLength + extraLength + commentLength;
  }
}

/**
 * Inflates one entry, handing its output to `sink` in chunks of at most a few
 * MB; `sink` may throw to stop (a size limit). Checks the CRC-32 at the end.
 */
export function inflateEntry(zip: Uint8Array, entry: ZipEntry, sink: (chunk: Uint8Array) => void): void {
  const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let crc = 0;
  let stop: unknown;
  const take = (chunk: Uint8Array): void => {
    if (chunk.length === 0) return;
    crc = crc32(chunk, crc);
    try {
      sink(chunk);
    } catch (error) {
      stop = error;
      throw error;
    }
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += STORED_SLICE) take(data.subarray(at, at + STORED_SLICE));
  } else {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      // At least one push, marked final: fflate then throws if the deflate stream has not ended.
      for (let at = 0; at < data.length || at === 0; at += INPUT_SLICE) {
        const end = Math.min(at + INPUT_SLICE, data.length);
        inflater.push(data.subarray(at, end), end >= data.length);
      }
    } catch (error) {
      if (error === stop) throw error;
      // fflate's own errors (invalid block, unexpected end): the entry's data is not deflate.
      throw new ZipFormatError(`entry ${entry.name}: ${(error as Error).message}`);
    }
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new ZipFormatError(`entry ${entry.name}: CRC-32 mismatch`);
}

/** Throws unless `length` bytes from `at` lie inside the archive. */
function need(zip: Uint8Array, at: number, length: number): void {
  if (at < 0 || length < 0 || at + length > zip.length) throw new ZipFormatError('truncated archive');
}

/** Finds the end-of-central-directory record (and its zip64 form): entry count and directory offset. */
function directory(zip: Uint8Array, view: DataView): { count: number; offset: number } {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no end of central directory record (not a zip file)');
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
    throw new ZipFormatError('multi-disk archives are not read');
  }
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    need(zip, locator, 20);
    if (view.getUint32(locator, true) !== EOCD64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
    const record = safeNumber(view.getBigUint64(locator + 8, true));
    need(zip, record, 56);
    if (view.getUint32(record, true) !== EOCD64) throw new ZipFormatError('zip64 end record missing');
    count = safeNumber(view.getBigUint64(record + 32, true));
    offset = safeNumber(view.getBigUint64(record + 48, true));
  }
  return { count, offset };
}

interface Sizes {
  declaredSize: number;
  compressedSize: number;
  localOffset: number;
}

/** Replaces 0xFFFFFFFF fields with their values from the zip64 extra field (id 1), in its fixed order. */
function zip64Sizes(view: DataView, at: number, length: number, sizes: Sizes): Sizes {
  const out = { ...sizes };
  const keys = (['declaredSize', 'compressedSize', 'localOffset'] as const).filter((key) => sizes[key] === 0xffffffff);
  if (keys.length === 0) return out;
  for (let p = at; p + 4 <= at + length; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 1) {
      keys.forEach((key, i) => {
        if (8 * (i + 1) > size) throw new ZipFormatError('short zip64 extra field');
        out[key] = safeNumber(view.getBigUint64(p + 4 + 8 * i, true));
      });
      return out;
    }
    p += 4 + size;
  }
  throw new ZipFormatError('zip64 sizes missing');
}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ from the central ones. */
function localDataOffset(zip: Uint8Array, view: DataView, localOffset: number): number {
  need(zip, localOffset, 30);
  if (view.getUint32(localOffset, true) !== LOCAL) throw new ZipFormatError('broken local header');
  return localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
}

/** A 64-bit field as a number; archives this large are refused long before precision matters. */
function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('zip64 field out of range');
  return Number(value);
}

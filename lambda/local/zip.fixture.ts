/**
 * Test zips built byte by byte, including the hostile ones the local Lambda
 * must refuse without running out of memory: deflate bombs (a megabyte of
 * zeros deflates to about a kilobyte, and a flushed deflate block can be
 * repeated, so a 1 MB zip can inflate to 1 GiB without ever holding that
 * much), archives whose headers lie about sizes, and archives whose central
 * directory names the same compressed data many times.
 */

import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry as written into the archive. */
export interface RawEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: 0 | 8;
  /** The entry's data as stored in the archive (raw deflate for method 8). */
  readonly data: Uint8Array;
  /** CRC-32 of the uncompressed data, as the headers declare it. */
  readonly crc: number;
  /** Uncompressed size as the headers declare it (not necessarily the truth). */
  readonly declaredSize: number;
  /** Unix mode (e.g. 0o100755); 0o100644 when absent. */
  readonly mode?: number;
}

const MIB = 1024 * 1024;

/** A plain deflated entry with true sizes and CRC. */
export function deflatedEntry(name: string, content: Uint8Array | string, mode?: number): RawEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { name, method: 8, data: deflateRawSync(bytes), crc: crc32(bytes), declaredSize: bytes.length, ...(mode === undefined ? {} : { mode }) };
}

/**
 * Raw deflate data that inflates to `mib` MiB of zeros: one megabyte of zeros
 * deflated with a full flush (self-contained, byte aligned, not final),
 * repeated, then an empty final block. About 1 KB per MiB.
 */
export function zeroBomb(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const out = Buffer.alloc(block.length * mib + 2);
  for (let i = 0; i < mib; i += 1) block.copy(out, i * block.length);
  // BFINAL=1, BTYPE=01 (fixed Huffman), end-of-block code: an empty final block.
  out[out.length - 2] = 0x03;
  out[out.length - 1] = 0x00;
  return out;
}

/**
 * An entry of `mib` MiB of zeros. The CRC is computed only when asked (it
 * means hashing every byte): a single oversized entry is refused before its
 * end, where the CRC is checked, but entries that fit must be intact for the
 * count to carry on to the next one.
 */
export function bombEntry(name: string, mib: number, declaredSize = mib * MIB, withCrc = false): RawEntry {
  let crc = 0;
  if (withCrc) {
    const zeros = Buffer.alloc(MIB);
    for (let i = 0; i < mib; i += 1) crc = crc32(zeros, crc);
  }
  return { name, method: 8, data: zeroBomb(mib), crc, declaredSize: declaredSize >>> 0 };
}

/**
 * Writes a zip: local headers and data, the central directory, the end record.
 * `aliases` extra central-directory entries point at the first entry's local
 * header and data (the overlapping-entries bomb).
 */
export function buildZip(entries: readonly RawEntry[], aliases = 0): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const centralRecord = (entry: RawEntry, name: Buffer, localOffset: number): Buffer => {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, zip 2.0
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8); // UTF-8 names
    c.writeUInt16LE(entry.method, 10);
    c.writeUInt32LE(entry.crc >>> 0, 16);
    c.writeUInt32LE(entry.data.length, 20);
    c.writeUInt32LE(entry.declaredSize >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    c.writeUInt32LE(localOffset, 42);
    return Buffer.concat([c, name]);
  };
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, Buffer.from(entry.data));
    central.push(centralRecord(entry, name, offset));
    offset += local.length + name.length + entry.data.length;
  }
  const first = entries[0];
  for (let i = 0; i < aliases && first; i += 1) central.push(centralRecord(first, Buffer.from(`alias-${i}`), 0));
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

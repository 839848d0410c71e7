/**
 * Uploaded zips: good archives are checked and unpacked faithfully; bombs
 * (honest, lying about sizes, spread over entries, overlapping entries) are
 * refused with AWS's message while memory stays bounded; malformed archives
 * are refused as AWS refuses them.
 */

import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackZip } from './unpack.js';
import { checkZip, isSafeEntryName, MAX_UNZIPPED_BYTES } from './validate.js';
import { bombEntry, buildZip, deflatedEntry, type RawEntry } from './zip.fixture.js';

const MIB = 1024 * 1024;
const base64 = (zip: Uint8Array): string => Buffer.from(zip).toString('base64');
const work = mkdtempSync(join(tmpdir(), 'wlb-zip-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function refusal(zip: Uint8Array): string {
  try {
    checkZip(base64(zip), 'CreateFunction');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the zip to be refused');
}

/** Resident-set figures of this process in MB, from /proc/self/status. */
function statusMb(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1]) / 1024;
}

/** Peak RSS growth (MB) while `run` runs: VmHWM is reset to the current RSS first (clear_refs 5). */
function peakGrowthMb(run: () => void): number | undefined {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    return undefined;
  }
  const before = statusMb('VmRSS');
  run();
  return statusMb('VmHWM') - before;
}

const TOO_LARGE = `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`;

describe('checkZip and unpackZip', () => {
  it('accepts a package, counts what it really inflates to, and unpacks it byte for byte with executable bits', async () => {
    const big = Buffer.alloc(3 * MIB, 'abcdefgh');
    const zip = zipSync({
      'index.mjs': [strToU8('export const handler = async () => 1;\n'), { os: 3, attrs: (0o100644 << 16) >>> 0 }],
      'lib/big.txt': big,
      'bin/tool': [strToU8('#!/bin/sh\necho hi\n'), { os: 3, attrs: (0o100755 << 16) >>> 0 }],
      'empty/': new Uint8Array(0),
      'stored.txt': [strToU8('kept as is'), { level: 0 }],
    });
    const checked = checkZip(base64(zip), 'CreateFunction');
    expect(checked.unzippedBytes).toBe(38 + big.length + 18 + 10);
    const dir = join(work, 'ok');
    await unpackZip(checked.zip, dir, MAX_UNZIPPED_BYTES, { gid: undefined });
    expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).toBe('export const handler = async () => 1;\n');
    expect(readFileSync(join(dir, 'lib/big.txt')).equals(big)).toBe(true);
    expect(readFileSync(join(dir, 'stored.txt'), 'utf8')).toBe('kept as is');
    expect(statSync(join(dir, 'bin/tool')).mode & 0o111).not.toBe(0);
    expect(statSync(join(dir, 'index.mjs')).mode & 0o111).toBe(0);
    expect(readdirSync(join(dir, 'empty'))).toEqual([]);
  });

  it('refuses an honest gigabyte bomb from its declared sizes, before inflating anything', () => {
    const zip = buildZip([bombEntry('bomb.bin', 1100)]);
    expect(zip.length).toBeLessThan(1.2 * MIB);
    expect(refusal(zip)).toBe(TOO_LARGE);
  });

  it('refuses a bomb whose headers lie about its size while inflating it, with memory bounded', () => {
    // 1.1 MB that inflates to 1.1 GiB while every header claims 1 KB.
    const zip = buildZip([bombEntry('bomb.bin', 1100, 1024)]);
    let message = '';
    const growth = peakGrowthMb(() => {
      message = refusal(zip);
    });
    expect(message).toBe(TOO_LARGE);
    // Before the streaming check, this bomb raised the peak RSS by ~1,100 MB (whole archive inflated in memory).
    if (growth !== undefined) expect(growth).toBeLessThan(100);
  });

  it('counts across entries: several lying entries, and one entry named by many central-directory records', () => {
    const spread = buildZip([bombEntry('a.bin', 100, 10, true), bombEntry('b.bin', 100, 10, true), bombEntry('c.bin', 100, 10)]);
    expect(refusal(spread)).toBe(TOO_LARGE);
    // Overlapping entries: 40 more records point at the same 8 MiB of deflated zeros (328 MiB in all).
    const overlap = buildZip([bombEntry('z.bin', 8, 10, true)], 40);
    expect(refusal(overlap)).toBe(TOO_LARGE);
  });

  it('refuses malformed archives and names that leave the code directory', () => {
    const good = deflatedEntry('index.mjs', 'export const handler = async () => 1;\n');
    const unzip = /^Could not unzip uploaded file\. Please check your file, then try to upload again\./;
    expect(refusal(Buffer.from('not a zip at all'))).toMatch(unzip);
    expect(refusal(buildZip([{ ...good, crc: good.crc ^ 1 }]))).toMatch(/CRC-32 mismatch/);
    const truncated: RawEntry = { ...good, data: good.data.subarray(0, good.data.length - 3) };
    expect(refusal(buildZip([truncated]))).toMatch(unzip);
    expect(refusal(buildZip([{ ...good, method: 12 as 8 }]))).toMatch(/compression method 12/);
    const cut = buildZip([good]);
    expect(refusal(cut.subarray(0, cut.length - 30))).toMatch(unzip);
    expect(refusal(buildZip([deflatedEntry('../escape.mjs', 'x')]))).toMatch(/leaves the code directory/);
    expect(refusal(buildZip([deflatedEntry('/etc/escape', 'x')]))).toMatch(/leaves the code directory/);
    expect(isSafeEntryName('a/../../b')).toBe(false);
    expect(isSafeEntryName('./index.mjs')).toBe(true);
    expect(isSafeEntryName('dir\\file')).toBe(true);
  });

  it('unpacking stops at the byte limit even if the check was skipped', async () => {
    const zip = buildZip([bombEntry('bomb.bin', 4, 10)]);
    const dir = join(work, 'limited');
    await expect(unpackZip(zip, dir, 1 * MIB, { gid: undefined })).rejects.toThrow(/grew past the checked limit/);
    expect(() => statSync(dir)).toThrow(/ENOENT/);
  });
});

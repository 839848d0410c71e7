/**
 * Pins the output digests every verification path relies on (issue 16,
 * mutation testing): FIPS 180-2 test vectors for sha256, and byte equality
 * that honours views into a larger buffer and catches one changed byte.
 */
import { describe, expect, it } from 'vitest';
import { payloadBytes, payloadsEqual, sha256Hex } from './digest.js';

describe('digest', () => {
  it('hashes text as UTF-8 and bytes as they are (FIPS 180-2 "abc" vector)', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256Hex('abc')).toBe(abc);
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(Array.from(payloadBytes('é'))).toEqual([0xc3, 0xa9]);
    const bytes = new Uint8Array([1, 2, 3]);
    expect(payloadBytes(bytes)).toBe(bytes);
  });

  it('compares text as strings and bytes byte for byte, within views of larger buffers', () => {
    expect(payloadsEqual('abc', 'abc')).toBe(true);
    expect(payloadsEqual('abc', 'abd')).toBe(false);
    expect(payloadsEqual('abc', new Uint8Array([0x61, 0x62, 0x63]))).toBe(false);
    expect(payloadsEqual(new Uint8Array([0x61, 0x62, 0x63]), 'abc')).toBe(false);
    const backing = new Uint8Array([9, 1, 2, 3, 9, 1, 2, 4, 9]);
    const a = backing.subarray(1, 4);
    const same = new Uint8Array([1, 2, 3]);
    const oneByteOff = backing.subarray(5, 8);
    expect(payloadsEqual(a, same)).toBe(true);
    expect(payloadsEqual(same, a)).toBe(true);
    expect(payloadsEqual(a, oneByteOff)).toBe(false);
    expect(payloadsEqual(a, backing.subarray(1, 3))).toBe(false);
    expect(payloadsEqual(backing.subarray(1, 3), a)).toBe(false);
    expect(payloadsEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});

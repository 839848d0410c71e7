/** Output digests: how results are compared with the committed expected outputs. */
import { createHash } from 'node:crypto';
import type { Payload } from '../contract/index.js';

/** A payload's bytes (UTF-8 for text). */
export function payloadBytes(payload: Payload): Uint8Array {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}

/** SHA-256 (hex) of a payload's bytes. */
export function sha256Hex(payload: Payload): string {
  return createHash('sha256').update(payloadBytes(payload)).digest('hex');
}

/** True when two payloads are byte-for-byte equal (text compared as strings). */
export function payloadsEqual(a: Payload, b: Payload): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

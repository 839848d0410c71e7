/**
 * What a Node team hashing a request body calls: `node:crypto`'s createHash('sha256'), OpenSSL's native SHA-256 (with the CPU's SHA extensions where it has them), not a TypeScript port.
 *
 * This is the `node-idiomatic` target: not the same algorithm as the wasm
 * module (node.ts is that comparison), but the code a real handler hashing a
 * request body would deploy, so "Wasm or what I would write in Node" has an
 * answer. The first paragraph above is the reason the target records.
 */
import { createHash } from 'node:crypto';

/** Returns the 32-byte SHA-256 digest of `input`. */
export function run(input: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(input).digest();
  // A plain Uint8Array view, as node.ts returns: the same output type whatever the implementation.
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

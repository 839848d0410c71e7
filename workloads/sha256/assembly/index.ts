// SHA-256 (FIPS 180-4), the same block-by-block algorithm as node.ts.
// Full blocks are hashed straight from the input region the host wrote
// (no copy); only the padded tail goes through a static scratch block.
import { setOutputBytes } from '../../../wasm/assembly/abi';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

/** Round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Initial hash value: first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = memory.data<u32>([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

// Module-lifetime scratch in static memory: the running hash, the message
// schedule and the padded final block(s). Raw regions rather than managed
// arrays: a managed global is spilled to the GC's shadow stack on every
// access, which in this loop cost more than the hashing.
const STATE = memory.data(8 * 4, 8);
const W = memory.data(64 * 4, 8);
const TAIL = memory.data(128, 8);

/** Reads word `i` of a u32 table. */
// @ts-ignore: decorator
@inline function word(base: usize, i: i32): u32 {
  return load<u32>(base + (<usize>i << 2));
}

/** Writes word `i` of a u32 table. */
// @ts-ignore: decorator
@inline function setWord(base: usize, i: i32, value: u32): void {
  store<u32>(base + (<usize>i << 2), value);
}

/** Hashes `len` input bytes at `ptr`; publishes the 32-byte digest. */
export function run(ptr: usize, len: i32): i32 {
  memory.copy(STATE, H0, 8 * 4);
  const fullBytes = len - (len & 63);
  for (let offset = 0; offset < fullBytes; offset += 64) compress(ptr + <usize>offset);

  // Padding (FIPS 180-4 §5.1.1): 0x80, zeros, then the bit length as a 64-bit big-endian integer.
  const rest = len - fullBytes;
  const tailLen = rest < 56 ? 64 : 128;
  memory.copy(TAIL, ptr + <usize>fullBytes, <usize>rest);
  store<u8>(TAIL + <usize>rest, 0x80);
  memory.fill(TAIL + <usize>rest + 1, 0, <usize>(tailLen - rest - 9));
  store<u64>(TAIL + <usize>tailLen - 8, bswap<u64>(<u64>len << 3));
  for (let offset = 0; offset < tailLen; offset += 64) compress(TAIL + <usize>offset);

  const digest = new Uint8Array(32);
  for (let i = 0; i < 8; i++) setWord(digest.dataStart, i, bswap<u32>(word(STATE, i)));
  return setOutputBytes(digest);
}

/** Processes the 64-byte block at `block` (FIPS 180-4 §6.2.2). */
function compress(block: usize): void {
  for (let t = 0; t < 16; t++) setWord(W, t, bswap<u32>(word(block, t)));
  for (let t = 16; t < 64; t++) {
    const x = word(W, t - 15);
    const y = word(W, t - 2);
    const s0 = rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3);
    const s1 = rotr<u32>(y, 17) ^ rotr<u32>(y, 19) ^ (y >>> 10);
    setWord(W, t, word(W, t - 16) + s0 + word(W, t - 7) + s1);
  }

  let a = word(STATE, 0), b = word(STATE, 1), c = word(STATE, 2), d = word(STATE, 3);
  let e = word(STATE, 4), f = word(STATE, 5), g = word(STATE, 6), h = word(STATE, 7);
  for (let t = 0; t < 64; t++) {
    const S1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = h + S1 + ch + word(K, t) + word(W, t);
    const S0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = S0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  setWord(STATE, 0, word(STATE, 0) + a);
  setWord(STATE, 1, word(STATE, 1) + b);
  setWord(STATE, 2, word(STATE, 2) + c);
  setWord(STATE, 3, word(STATE, 3) + d);
  setWord(STATE, 4, word(STATE, 4) + e);
  setWord(STATE, 5, word(STATE, 5) + f);
  setWord(STATE, 6, word(STATE, 6) + g);
  setWord(STATE, 7, word(STATE, 7) + h);
}

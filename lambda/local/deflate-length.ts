/**
 * How many bytes a raw deflate stream (RFC 1951) inflates to, found without
 * producing them: literals count one, a back-reference counts its length,
 * a stored block its size. No output buffer and no window exist, so a bomb
 * that would inflate to gigabytes is measured, up to the limit, in constant
 * memory and without garbage. (Inflating and dropping the output, even in
 * small slices, leaves up to ~80 MB of garbage buffers before V8 collects
 * them: measured through the server, a 1.1 GiB bomb raised the peak RSS by
 * 73-84 MB.)
 *
 * The checks follow zlib's (after Mark Adler's puff.c, the reference
 * decoder): over-subscribed or incomplete codes, distances reaching before
 * the start of the stream, invalid symbols, stored-length mismatches and a
 * stream that ends early are errors, so what passes here inflates in zlib.
 */

import { ZipFormatError } from './zip-reader.js';

/**
 * A canonical Huffman code: how many codes of each length, the symbols in code
 * order, and a lookup table for codes of up to FAST_BITS bits (indexed by the
 * next FAST_BITS input bits: `symbol << 4 | length`, 0 for a longer code).
 */
interface Huffman {
  readonly count: Uint16Array;
  readonly symbol: Uint16Array;
  readonly fast: Uint16Array;
}

const MAX_BITS = 15;
/**
 * Most codes are this short: one table lookup instead of a bit-by-bit walk.
 * 65 MB of JavaScript: 4.5 s bit by bit, 1.6 s with 9 bits, 0.65-0.9 s with 11
 * (fflate inflating it: 0.45 s).
 */
const FAST_BITS = 11;
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order in which the code-length code's lengths are sent. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * Builds a code from code lengths. Returns how many codes are left unused:
 * 0 complete, > 0 incomplete; throws when over-subscribed.
 */
function build(lengths: ArrayLike<number>, n: number, into: Huffman): number {
  into.count.fill(0);
  for (let s = 0; s < n; s += 1) into.count[lengths[s] as number]! += 1;
  if (into.count[0] === n) return 0; // no codes: complete, but decoding anything fails
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len += 1) {
    left = (left << 1) - into.count[len]!;
    if (left < 0) throw new ZipFormatError('invalid deflate data: over-subscribed code');
  }
  const offsets = new Uint16Array(MAX_BITS + 1);
  for (let len = 1; len < MAX_BITS; len += 1) offsets[len + 1] = offsets[len]! + into.count[len]!;
  for (let s = 0; s < n; s += 1) {
    const len = lengths[s] as number;
    if (len !== 0) into.symbol[offsets[len]!++] = s;
  }
  // Canonical codes in order of (length, symbol); deflate sends them most significant bit first.
  into.fast.fill(0);
  let code = 0;
  let index = 0;
  for (let len = 1; len <= FAST_BITS; len += 1) {
    for (let k = 0; k < into.count[len]!; k += 1) {
      let reversed = 0;
      for (let b = 0; b < len; b += 1) reversed |= ((code >> b) & 1) << (len - 1 - b);
      for (let i = reversed; i < 1 << FAST_BITS; i += 1 << len) into.fast[i] = (into.symbol[index]! << 4) | len;
      code += 1;
      index += 1;
    }
    code <<= 1;
  }
  return left;
}

function huffman(symbols: number): Huffman {
  return { count: new Uint16Array(MAX_BITS + 1), symbol: new Uint16Array(symbols), fast: new Uint16Array(1 << FAST_BITS) };
}

/** The fixed codes of block type 1, built once. */
const FIXED = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  const literal = huffman(288);
  build(lengths, 288, literal);
  const distance = huffman(30);
  build(new Uint8Array(30).fill(5), 30, distance);
  return { literal, distance };
})();

/**
 * Bytes `data` inflates to, counting stops as soon as the count passes
 * `limit` (the returned number is then > limit). Throws ZipFormatError for
 * data zlib would refuse.
 */
export function inflatedLength(data: Uint8Array, limit: number): number {
  let at = 0;
  let bitBuffer = 0;
  let bitCount = 0;
  let produced = 0;
  const bits = (n: number): number => {
    while (bitCount < n) {
      if (at >= data.length) throw new ZipFormatError('invalid deflate data: unexpected end');
      bitBuffer |= (data[at++] as number) << bitCount;
      bitCount += 8;
    }
    const value = bitBuffer & ((1 << n) - 1);
    bitBuffer >>>= n;
    bitCount -= n;
    return value;
  };
  const decode = (h: Huffman): number => {
    // Fill up to FAST_BITS bits without failing at the end of the data: a short last code needs fewer.
    while (bitCount < FAST_BITS && at < data.length) {
      bitBuffer |= (data[at++] as number) << bitCount;
      bitCount += 8;
    }
    const entry = h.fast[bitBuffer & ((1 << FAST_BITS) - 1)]!;
    const length = entry & 15;
    if (entry !== 0 && length <= bitCount) {
      bitBuffer >>>= length;
      bitCount -= length;
      return entry >> 4;
    }
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len += 1) {
      code |= bits(1);
      const count = h.count[len]!;
      if (code - count < first) return h.symbol[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new ZipFormatError('invalid deflate data: code not in table');
  };
  const literal = huffman(288);
  const distance = huffman(30);
  const lengths = new Uint8Array(288 + 30);

  const codes = (lit: Huffman, dist: Huffman): void => {
    for (;;) {
      const symbol = decode(lit);
      if (symbol < 256) {
        produced += 1;
      } else if (symbol === 256) {
        return;
      } else {
        const index = symbol - 257;
        if (index >= 29) throw new ZipFormatError('invalid deflate data: invalid length symbol');
        const length = LENGTH_BASE[index]! + bits(LENGTH_EXTRA[index]!);
        const d = decode(dist);
        if (d >= 30) throw new ZipFormatError('invalid deflate data: invalid distance symbol');
        if (DIST_BASE[d]! + bits(DIST_EXTRA[d]!) > produced) throw new ZipFormatError('invalid deflate data: distance too far back');
        produced += length;
      }
      if (produced > limit) return;
    }
  };

  const dynamic = (): void => {
    const nlen = bits(5) + 257;
    const ndist = bits(5) + 1;
    const ncode = bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new ZipFormatError('invalid deflate data: too many length or distance symbols');
    lengths.fill(0, 0, 19);
    for (let i = 0; i < ncode; i += 1) lengths[CODE_LENGTH_ORDER[i]!] = bits(3);
    const codeLengths = huffman(19);
    if (build(lengths, 19, codeLengths) !== 0) throw new ZipFormatError('invalid deflate data: incomplete code-length code');
    for (let i = 0; i < nlen + ndist; ) {
      const symbol = decode(codeLengths);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (i === 0) throw new ZipFormatError('invalid deflate data: repeat with no first length');
        value = lengths[i - 1]!;
        repeat = 3 + bits(2);
      } else if (symbol === 17) {
        repeat = 3 + bits(3);
      } else {
        repeat = 11 + bits(7);
      }
      if (i + repeat > nlen + ndist) throw new ZipFormatError('invalid deflate data: too many lengths');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new ZipFormatError('invalid deflate data: no end-of-block code');
    // An incomplete code is allowed only when its one code has length 1 (zlib's and puff's rule).
    const litLeft = build(lengths.subarray(0, nlen), nlen, literal);
    if (litLeft !== 0 && nlen !== literal.count[0]! + literal.count[1]!) throw new ZipFormatError('invalid deflate data: incomplete literal/length code');
    const distLeft = build(lengths.subarray(nlen, nlen + ndist), ndist, distance);
    if (distLeft !== 0 && ndist !== distance.count[0]! + distance.count[1]!) throw new ZipFormatError('invalid deflate data: incomplete distance code');
    codes(literal, distance);
  };

  let last = 0;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // Stored: the rest of the current byte is dropped, then LEN and its complement. Whole bytes
      // already taken into the bit buffer (decode reads ahead) go back to the input.
      at -= bitCount >>> 3;
      bitBuffer = 0;
      bitCount = 0;
      if (at + 4 > data.length) throw new ZipFormatError('invalid deflate data: unexpected end');
      const length = (data[at] as number) | ((data[at + 1] as number) << 8);
      const check = (data[at + 2] as number) | ((data[at + 3] as number) << 8);
      if (length !== (~check & 0xffff)) throw new ZipFormatError('invalid deflate data: stored block length mismatch');
      at += 4;
      if (at + length > data.length) throw new ZipFormatError('invalid deflate data: unexpected end');
      at += length;
      produced += length;
    } else if (type === 1) {
      codes(FIXED.literal, FIXED.distance);
    } else if (type === 2) {
      dynamic();
    } else {
      throw new ZipFormatError('invalid deflate data: invalid block type');
    }
  } while (last === 0 && produced <= limit);
  return produced;
}

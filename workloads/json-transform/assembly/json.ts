// A JSON parser for AssemblyScript: UTF-8 bytes in linear memory -> a tree
// of JsonValue objects, the counterpart of JSON.parse on the Node side.
// Full RFC 8259 grammar: objects, arrays, strings with every escape
// (including \uXXXX and surrogate pairs, kept as UTF-16 code units exactly
// as JSON.parse keeps them), numbers with fraction and exponent, literals,
// and the four whitespace characters. Malformed input throws (an abort the
// host sees as an exception), as JSON.parse throws a SyntaxError.
//
// Allocation is what a tree parser pays for in AssemblyScript (every object
// goes through the allocator; V8 bump-allocates), so this parser does what
// V8's JSON.parse does to limit it: members are gathered on a reusable
// scratch stack and each object/array is allocated once at its exact size,
// short ASCII strings (keys, short values) are looked up in a small per-parse
// cache so repeated ones share one string value, as V8 internalizes them, and
// small integers share preallocated numbers, as V8 keeps them unboxed (Smis).

import { hexDigit, shortEscape } from './escapes';

/** Which JSON type a value holds. */
export const enum JsonKind {
  Null,
  False,
  True,
  Number,
  String,
  Array,
  Object,
}

/** A parsed JSON value; check `kind`, then use the matching subclass. */
export class JsonValue {
  constructor(public readonly kind: JsonKind) {}
}

/** A JSON number (an f64, like a JS number). */
export class JsonNumber extends JsonValue {
  constructor(public readonly value: f64) {
    super(JsonKind.Number);
  }
}

/** A JSON string (decoded to a UTF-16 string). */
export class JsonString extends JsonValue {
  constructor(public readonly value: string) {
    super(JsonKind.String);
  }
}

/** A JSON array. */
export class JsonArray extends JsonValue {
  constructor(public readonly items: StaticArray<JsonValue>) {
    super(JsonKind.Array);
  }
}

/** A JSON object: keys and values in document order (objects here are small, so a scan beats hashing). */
export class JsonObject extends JsonValue {
  constructor(
    public readonly keys: StaticArray<string>,
    public readonly values: StaticArray<JsonValue>,
  ) {
    super(JsonKind.Object);
  }

  /** The value of `key`, or null. A repeated key yields its last value, as in JSON.parse. */
  get(key: string): JsonValue | null {
    const keys = this.keys;
    for (let i = keys.length - 1; i >= 0; i--) {
      if (unchecked(keys[i]) == key) return unchecked(this.values[i]);
    }
    return null;
  }
}

// Literals carry no data, so each is one shared instance.
const NULL = new JsonValue(JsonKind.Null);
const FALSE = new JsonValue(JsonKind.False);
const TRUE = new JsonValue(JsonKind.True);

/** Nesting limit: deeper documents throw instead of overflowing the Wasm stack. */
const MAX_DEPTH = 512;
/** Strings up to this many bytes (ASCII, no escapes) go through the cache (V8 internalizes every key and one-byte values under 10 characters). */
const CACHED_MAX_BYTES: usize = 16;
/** Cache slots (a power of two); a collision just replaces the slot. */
const CACHE_SLOTS = 512;

/** Parses the UTF-8 JSON text of `len` bytes at `ptr`. */
export function parseJson(ptr: usize, len: usize): JsonValue {
  const parser = new Parser(ptr, ptr + len);
  parser.skipWhitespace();
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.pos != parser.end) parser.fail('unexpected data after the JSON value');
  return value;
}

class Parser {
  // Members of the objects and arrays being parsed, innermost last.
  private readonly valueStack: JsonValue[] = [];
  private readonly keyStack: string[] = [];
  private readonly cache: StaticArray<JsonString | null> = new StaticArray<JsonString | null>(CACHE_SLOTS);

  constructor(public pos: usize, public readonly end: usize) {}

  fail(message: string): void {
    throw new Error('JSON: ' + message + ' at byte ' + (this.pos).toString());
  }

  skipWhitespace(): void {
    let p = this.pos;
    const end = this.end;
    while (p < end) {
      const c = load<u8>(p);
      if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
      p++;
    }
    this.pos = p;
  }

  /** The byte at the cursor, or -1 at the end. */
  peek(): i32 {
    return this.pos < this.end ? <i32>load<u8>(this.pos) : -1;
  }

  parseValue(depth: i32): JsonValue {
    const c = this.peek();
    if (c == 0x7b /* { */) return this.parseObject(depth + 1);
    if (c == 0x5b /* [ */) return this.parseArray(depth + 1);
    if (c == 0x22 /* " */) return this.parseString();
    if (c == 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return numberValue(this.parseNumber());
    if (c == 0x74 /* t */) return this.literal('true', TRUE);
    if (c == 0x66 /* f */) return this.literal('false', FALSE);
    if (c == 0x6e /* n */) return this.literal('null', NULL);
    this.fail(c < 0 ? 'unexpected end of input' : 'unexpected character');
    return NULL;
  }

  literal(word: string, value: JsonValue): JsonValue {
    const n = <usize>word.length;
    if (this.end - this.pos < n) this.fail('truncated literal');
    for (let i: usize = 0; i < n; i++) {
      if (<u32>load<u8>(this.pos + i) != <u32>word.charCodeAt(<i32>i)) this.fail('invalid literal');
    }
    this.pos += n;
    return value;
  }

  parseObject(depth: i32): JsonObject {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.pos++; // {
    const keys = this.keyStack;
    const values = this.valueStack;
    const base = keys.length;
    const valueBase = values.length;
    this.skipWhitespace();
    if (this.peek() == 0x7d /* } */) {
      this.pos++;
    } else {
      let c: i32;
      do {
        this.skipWhitespace();
        if (this.peek() != 0x22) this.fail('expected a string key');
        keys.push(this.parseString().value);
        this.skipWhitespace();
        if (this.peek() != 0x3a /* : */) this.fail('expected ":"');
        this.pos++;
        this.skipWhitespace();
        values.push(this.parseValue(depth));
        this.skipWhitespace();
        c = this.peek();
        this.pos++;
      } while (c == 0x2c /* , */);
      if (c != 0x7d /* } */) {
        this.pos--;
        this.fail('expected "," or "}"');
      }
    }
    const n = keys.length - base;
    const ownKeys = new StaticArray<string>(n);
    const ownValues = new StaticArray<JsonValue>(n);
    for (let i = 0; i < n; i++) {
      unchecked((ownKeys[i] = unchecked(keys[base + i])));
      unchecked((ownValues[i] = unchecked(values[valueBase + i])));
    }
    keys.length = base;
    values.length = valueBase;
    return new JsonObject(ownKeys, ownValues);
  }

  parseArray(depth: i32): JsonArray {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.pos++; // [
    const values = this.valueStack;
    const base = values.length;
    this.skipWhitespace();
    if (this.peek() == 0x5d /* ] */) {
      this.pos++;
    } else {
      let c: i32;
      do {
        this.skipWhitespace();
        values.push(this.parseValue(depth));
        this.skipWhitespace();
        c = this.peek();
        this.pos++;
      } while (c == 0x2c /* , */);
      if (c != 0x5d /* ] */) {
        this.pos--;
        this.fail('expected "," or "]"');
      }
    }
    const n = values.length - base;
    const items = new StaticArray<JsonValue>(n);
    for (let i = 0; i < n; i++) unchecked((items[i] = unchecked(values[base + i])));
    values.length = base;
    return new JsonArray(items);
  }

  /** A string value for `len` plain ASCII bytes at `ptr`, shared with an earlier equal one when short. */
  asciiString(ptr: usize, len: usize): JsonString {
    if (len > CACHED_MAX_BYTES) return new JsonString(String.UTF8.decodeUnsafe(ptr, len));
    let hash: u32 = 0x811c9dc5; // FNV-1a
    for (let i: usize = 0; i < len; i++) hash = (hash ^ <u32>load<u8>(ptr + i)) * 0x01000193;
    const slot = <i32>(hash & (CACHE_SLOTS - 1));
    const cached = unchecked(this.cache[slot]);
    if (cached !== null && <usize>cached.value.length == len) {
      const units = changetype<usize>(cached.value);
      let i: usize = 0;
      while (i < len && <u32>load<u16>(units + (i << 1)) == <u32>load<u8>(ptr + i)) i++;
      if (i == len) return cached;
    }
    const text = new JsonString(String.UTF8.decodeUnsafe(ptr, len));
    unchecked((this.cache[slot] = text));
    return text;
  }

  /** Parses a string literal at the cursor (on its opening quote). */
  parseString(): JsonString {
    const start = this.pos + 1;
    const end = this.end;
    let p = start;
    let bits: u32 = 0;
    // Fast path: no escapes, so the bytes are plain UTF-8 and decode in one go.
    for (;;) {
      if (p >= end) this.fail('unterminated string');
      const c = load<u8>(p);
      if (c == 0x22) {
        this.pos = p + 1;
        // Non-ASCII strings skip the cache (it compares bytes with code units).
        return bits < 0x80 ? this.asciiString(start, p - start) : new JsonString(String.UTF8.decodeUnsafe(start, p - start));
      }
      if (c == 0x5c /* \ */) break;
      if (c < 0x20) this.fail('control character in string');
      bits |= c;
      p++;
    }
    // Escapes: find the closing quote first. Every input byte yields at most
    // one UTF-16 code unit (an escape is 2-6 bytes for 1 unit), so the byte
    // count bounds the decoded length.
    let close = p;
    for (;;) {
      if (close >= end) this.fail('unterminated string');
      const c = load<u8>(close);
      if (c == 0x22) break;
      if (c < 0x20) this.fail('control character in string');
      close += c == 0x5c ? 2 : 1;
    }
    const out = __new((close - start) << 1, idof<String>());
    let o = out;
    let s = start;
    while (s < close) {
      const c = <u32>load<u8>(s);
      if (c == 0x5c) {
        const e = <u32>load<u8>(s + 1);
        let unit: u32 = 0;
        if (e == 0x75 /* u */) {
          if (s + 6 > close) this.fail('truncated \\u escape');
          unit = (hexDigit(load<u8>(s + 2)) << 12) | (hexDigit(load<u8>(s + 3)) << 8) | (hexDigit(load<u8>(s + 4)) << 4) | hexDigit(load<u8>(s + 5));
          if (unit > 0xffff) this.fail('invalid \\u escape');
          s += 6;
        } else {
          unit = shortEscape(e);
          if (unit == 0xffffffff) this.fail('invalid escape');
          s += 2;
        }
        store<u16>(o, <u16>unit);
        o += 2;
      } else if (c < 0x80) {
        store<u16>(o, <u16>c);
        o += 2;
        s++;
      } else {
        // Multi-byte UTF-8 (the host's TextEncoder only writes well-formed sequences).
        let cp: u32;
        if ((c & 0xe0) == 0xc0) {
          cp = ((c & 0x1f) << 6) | (<u32>load<u8>(s + 1) & 0x3f);
          s += 2;
        } else if ((c & 0xf0) == 0xe0) {
          cp = ((c & 0x0f) << 12) | ((<u32>load<u8>(s + 1) & 0x3f) << 6) | (<u32>load<u8>(s + 2) & 0x3f);
          s += 3;
        } else {
          cp = ((c & 0x07) << 18) | ((<u32>load<u8>(s + 1) & 0x3f) << 12) | ((<u32>load<u8>(s + 2) & 0x3f) << 6) | (<u32>load<u8>(s + 3) & 0x3f);
          s += 4;
        }
        if (s > close) this.fail('truncated UTF-8 sequence');
        if (cp < 0x10000) {
          store<u16>(o, <u16>cp);
          o += 2;
        } else {
          cp -= 0x10000;
          store<u16>(o, <u16>(0xd800 | (cp >> 10)));
          store<u16>(o, <u16>(0xdc00 | (cp & 0x3ff)), 2);
          o += 4;
        }
      }
    }
    this.pos = close + 1;
    return new JsonString(changetype<string>(__renew(out, o - out)));
  }

  /** Parses a number at the cursor: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  parseNumber(): f64 {
    const start = this.pos;
    const end = this.end;
    let p = start;
    const negative = load<u8>(p) == 0x2d;
    if (negative) p++;
    const intStart = p;
    let integer: u64 = 0;
    if (p < end && load<u8>(p) == 0x30) {
      p++;
    } else {
      while (p < end) {
        const d = <u32>load<u8>(p) - 0x30;
        if (d > 9) break;
        integer = integer * 10 + d;
        p++;
      }
    }
    const digits = p - intStart;
    if (digits == 0) this.fail('invalid number');
    let plainInteger = true;
    if (p < end && load<u8>(p) == 0x2e /* . */) {
      plainInteger = false;
      p = this.digitsAfter(p + 1);
    }
    if (p < end && (load<u8>(p) | 0x20) == 0x65 /* e or E */) {
      plainInteger = false;
      p++;
      if (p < end && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
      p = this.digitsAfter(p);
    }
    this.pos = p;
    // Up to 15 digits an integer is exact in an f64; anything else goes
    // through the standard library's decimal conversion.
    if (plainInteger && digits <= 15) return negative ? -(<f64>integer) : <f64>integer;
    return parseFloat(String.UTF8.decodeUnsafe(start, p - start));
  }

  /** Skips one or more digits starting at `p`; returns the position after them. */
  digitsAfter(p: usize): usize {
    const first = p;
    while (p < this.end && <u32>load<u8>(p) - 0x30 <= 9) p++;
    if (p == first) {
      this.pos = p;
      this.fail('expected a digit');
    }
    return p;
  }
}

/** Integers 0..SMALL_INTS-1 are shared, like V8's unboxed small integers. */
const SMALL_INTS = 256;
const smallInts = new StaticArray<JsonNumber>(SMALL_INTS);
for (let i = 0; i < SMALL_INTS; i++) unchecked((smallInts[i] = new JsonNumber(<f64>i)));

/** A number value, shared when it is a small non-negative integer (-0 is not: it must stay -0). */
function numberValue(x: f64): JsonNumber {
  if (x >= 0 && x < <f64>SMALL_INTS) {
    const i = <i32>x;
    if (<f64>i == x && (i != 0 || 1 / x > 0)) return unchecked(smallInts[i]);
  }
  return new JsonNumber(x);
}

// Writes UTF-8 JSON text into a growing buffer, spelling strings exactly as
// JSON.stringify does (ECMA-262 QuoteJSONString): `"` and `\` escaped,
// \b \f \n \r \t short forms, other controls as \u00xx (lower-case hex),
// lone surrogates as \udxxx, everything else (non-ASCII, U+2028, `/`) raw.
// Byte-identical output to the Node version depends on these rules.

const HEX = '0123456789abcdef';

/** An append-only UTF-8 buffer. */
export class JsonWriter {
  private buffer: ArrayBuffer;
  private length: i32 = 0;

  constructor(capacity: i32 = 1024) {
    this.buffer = new ArrayBuffer(capacity);
  }

  /** Makes room for `extra` more bytes. */
  private reserve(extra: i32): usize {
    const needed = this.length + extra;
    if (needed > this.buffer.byteLength) {
      const grown = new ArrayBuffer(max(needed, this.buffer.byteLength << 1));
      memory.copy(changetype<usize>(grown), changetype<usize>(this.buffer), <usize>this.length);
      this.buffer = grown;
    }
    return changetype<usize>(this.buffer) + <usize>this.length;
  }

  /** Appends ASCII punctuation or a key that needs no escaping, e.g. `,"orders":`. */
  raw(ascii: string): JsonWriter {
    const n = ascii.length;
    const p = this.reserve(n);
    for (let i = 0; i < n; i++) store<u8>(p + <usize>i, <u8>ascii.charCodeAt(i));
    this.length += n;
    return this;
  }

  /** Appends an integer in decimal, as JSON.stringify writes an integral number. */
  integer(value: i64): JsonWriter {
    // 20 bytes hold any i64 with its sign; digits are written backwards.
    const p = this.reserve(20);
    let v: u64 = value < 0 ? <u64>-value : <u64>value;
    let n = 0;
    do {
      store<u8>(p + 19 - <usize>n, <u8>(0x30 + v % 10));
      v /= 10;
      n++;
    } while (v != 0);
    if (value < 0) {
      store<u8>(p + 19 - <usize>n, 0x2d);
      n++;
    }
    memory.copy(p, p + 20 - <usize>n, <usize>n);
    this.length += n;
    return this;
  }

  /** Appends `text` as a JSON string literal. */
  string(text: string): JsonWriter {
    const n = text.length;
    // Worst case: every unit escaped as \uXXXX (6 bytes), plus the quotes.
    let o = this.reserve(n * 6 + 2);
    const begin = o;
    const src = changetype<usize>(text);
    store<u8>(o++, 0x22);
    for (let i = 0; i < n; i++) {
      const c = <u32>load<u16>(src + (<usize>i << 1));
      if (c < 0x80) {
        if (c == 0x22 || c == 0x5c) {
          store<u8>(o++, 0x5c);
          store<u8>(o++, <u8>c);
        } else if (c >= 0x20) {
          store<u8>(o++, <u8>c);
        } else {
          const short = c == 0x08 ? 0x62 : c == 0x0c ? 0x66 : c == 0x0a ? 0x6e : c == 0x0d ? 0x72 : c == 0x09 ? 0x74 : 0;
          store<u8>(o++, 0x5c);
          if (short != 0) {
            store<u8>(o++, <u8>short);
          } else {
            o = unicodeEscape(o, c);
          }
        }
      } else if (c < 0x800) {
        store<u8>(o++, <u8>(0xc0 | (c >> 6)));
        store<u8>(o++, <u8>(0x80 | (c & 0x3f)));
      } else if ((c & 0xf800) != 0xd800) {
        store<u8>(o++, <u8>(0xe0 | (c >> 12)));
        store<u8>(o++, <u8>(0x80 | ((c >> 6) & 0x3f)));
        store<u8>(o++, <u8>(0x80 | (c & 0x3f)));
      } else {
        // A surrogate: a high one followed by a low one is one code point (4 bytes);
        // anything else is lone and JSON.stringify escapes it.
        const next = i + 1 < n ? <u32>load<u16>(src + (<usize>(i + 1) << 1)) : 0;
        if (c < 0xdc00 && (next & 0xfc00) == 0xdc00) {
          const cp = 0x10000 + ((c & 0x3ff) << 10) + (next & 0x3ff);
          store<u8>(o++, <u8>(0xf0 | (cp >> 18)));
          store<u8>(o++, <u8>(0x80 | ((cp >> 12) & 0x3f)));
          store<u8>(o++, <u8>(0x80 | ((cp >> 6) & 0x3f)));
          store<u8>(o++, <u8>(0x80 | (cp & 0x3f)));
          i++;
        } else {
          store<u8>(o++, 0x5c);
          o = unicodeEscape(o, c);
        }
      }
    }
    store<u8>(o++, 0x22);
    this.length += <i32>(o - begin);
    return this;
  }

  /** The bytes written so far, in a buffer of exactly that size. */
  finish(): ArrayBuffer {
    return this.buffer.slice(0, this.length);
  }
}

/** Writes `uXXXX` (lower-case hex; the backslash is already written); returns the new end. */
function unicodeEscape(o: usize, c: u32): usize {
  store<u8>(o, 0x75);
  store<u8>(o + 1, <u8>HEX.charCodeAt((c >> 12) & 0xf));
  store<u8>(o + 2, <u8>HEX.charCodeAt((c >> 8) & 0xf));
  store<u8>(o + 3, <u8>HEX.charCodeAt((c >> 4) & 0xf));
  store<u8>(o + 4, <u8>HEX.charCodeAt(c & 0xf));
  return o + 5;
}

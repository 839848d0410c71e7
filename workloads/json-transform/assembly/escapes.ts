// The two escape tables of JSON strings (RFC 8259 section 7), apart from the parser that reads them.

/** The value of a hex digit; throws on anything else. */
export function hexDigit(c: u8): u32 {
  const d = <u32>c - 0x30;
  if (d <= 9) return d;
  const h = (<u32>c | 0x20) - 0x61;
  if (h <= 5) return h + 10;
  throw new Error('JSON: invalid hex digit in \\u escape');
}

/** The code unit of a one-letter escape, or 0xffffffff if `e` is not one. */
export function shortEscape(e: u32): u32 {
  switch (e) {
    case 0x22: return 0x22; // \"
    case 0x5c: return 0x5c; // \\
    case 0x2f: return 0x2f; // \/
    case 0x62: return 0x08; // \b
    case 0x66: return 0x0c; // \f
    case 0x6e: return 0x0a; // \n
    case 0x72: return 0x0d; // \r
    case 0x74: return 0x09; // \t
    default: return 0xffffffff;
  }
}

// wordcount in AssemblyScript: the same definitions as node.ts (see there).
// The text arrives as UTF-8, so tokens are found by scanning bytes: a word
// byte is an ASCII letter or digit, or any byte >= 0x80 (every byte of a
// multi-byte UTF-8 sequence is), which is exactly "ASCII alphanumeric or
// non-ASCII code point" on the decoded text. Each token becomes a string key
// in a Map<string, i32>, as the Node version's regex match does.
import { setOutputString } from '../../../wasm/assembly/abi';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

/** How many words the output lists. */
const TOP = 100;

// Byte classes: 0 for a separator, otherwise the byte as it appears in the
// folded word (A-Z lowered, everything else unchanged).
const FOLD = memory.data(256);
for (let c = 0; c < 256; c++) {
  const isDigit = c >= 0x30 && c <= 0x39;
  const isUpper = c >= 0x41 && c <= 0x5a;
  const isLower = c >= 0x61 && c <= 0x7a;
  store<u8>(FOLD + <usize>c, isUpper ? c | 0x20 : isDigit || isLower || c >= 0x80 ? c : 0);
}

class WordCount {
  constructor(
    public readonly word: string,
    public readonly count: i32,
  ) {}
}

/** Counts the words of the UTF-8 text at `ptr`; publishes the top 100 as `word\tcount\n` lines. */
export function run(ptr: usize, len: i32): i32 {
  const counts = new Map<string, i32>();
  const end = ptr + <usize>len;
  let p = ptr;
  for (;;) {
    while (p < end && load<u8>(FOLD + <usize>load<u8>(p)) == 0) p++;
    if (p >= end) break;
    const start = p;
    let bits: u32 = 0;
    while (p < end) {
      const c = load<u8>(p);
      if (load<u8>(FOLD + <usize>c) == 0) break;
      bits |= c;
      p++;
    }
    const word = bits < 0x80 ? asciiWord(start, p - start) : utf8Word(start, p - start);
    counts.set(word, counts.has(word) ? counts.get(word) + 1 : 1);
  }

  const words = counts.keys();
  const ranked = new Array<WordCount>(words.length);
  for (let i = 0, n = words.length; i < n; i++) {
    const word = unchecked(words[i]);
    unchecked((ranked[i] = new WordCount(word, counts.get(word))));
  }
  ranked.sort((a: WordCount, b: WordCount): i32 => b.count - a.count || (a.word < b.word ? -1 : 1));

  const lines = new Array<string>(min(ranked.length, TOP));
  for (let i = 0, n = lines.length; i < n; i++) {
    const entry = unchecked(ranked[i]);
    unchecked((lines[i] = entry.word + '\t' + entry.count.toString() + '\n'));
  }
  return setOutputString(lines.join(''));
}

/** A token of ASCII bytes as a folded string: one code unit per byte. */
function asciiWord(ptr: usize, len: usize): string {
  const word = changetype<string>(__new(len << 1, idof<string>()));
  const units = changetype<usize>(word);
  for (let i: usize = 0; i < len; i++) store<u16>(units + (i << 1), load<u8>(FOLD + <usize>load<u8>(ptr + i)));
  return word;
}

/** A token with non-ASCII characters: decoded from UTF-8, then A-Z folded. */
function utf8Word(ptr: usize, len: usize): string {
  const word = String.UTF8.decodeUnsafe(ptr, len);
  // The string was just allocated and is not shared yet, so folding it in place is safe.
  const units = changetype<usize>(word);
  for (let i: usize = 0, n = <usize>word.length; i < n; i++) {
    const c = load<u16>(units + (i << 1));
    if (c >= 0x41 && c <= 0x5a) store<u16>(units + (i << 1), c | 0x20);
  }
  return word;
}

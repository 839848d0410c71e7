/**
 * Input generator for wordcount: prose-like text from a seeded vocabulary
 * whose word frequencies follow a Zipf law (rank r drawn with weight 1/r),
 * with sentence capitals, occasional ALL-CAPS and mixed case, punctuation,
 * quotes, hyphens, apostrophes, numbers, non-ASCII words (2- to 4-byte
 * UTF-8, including astral emoji), and LF/CRLF line breaks and paragraphs.
 */
import { createRandom, seedFor, type Random } from '../_kit/random.js';

/** Frequent English words, so the top of the ranking looks like real text. */
const COMMON = ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'it', 'you', 'that', 'he', 'was', 'for', 'on', 'are', 'with', 'as', 'they', 'be', 'at', 'this', 'have', 'from', 'or', 'by'];
/** Non-ASCII words; placed at random ranks, so some are frequent. */
const FOREIGN = ['café', 'naïve', 'straße', 'Ärger', 'smörgåsbord', 'jalapeño', 'crème', 'brûlée', 'Zürich', 'São', 'façade', 'über', 'Øresund', 'École', 'niño', '日本語', 'привет', 'Москва', 'ελληνικά', 'Ελλάδα', 'עברית', 'हिन्दी', '한국어', 'ąęśćż', '🙂', '🚀launch', 'naïveté', 'résumé'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'an', 're', 'sto', 'vel', 'qua', 'ing', 'tho', 'es', 'pri', 'dun', 'gal', 'or', 'cen', 'bri', 'mos', 'ul', 'nex', 'fa', 'tor', 'is', 'plu', 'ver', 'sa', 'gen', 'ox', 'del'];
/** Tokens with internal separators: each splits into several words under the workload's definition. */
const COMPOUNDS = ["don't", "it's", 'well-known', 'e-mail', 'x86_64', 'mp3', '3.14', '2024', 'COVID-19', 'user@example.com', 'v2.0.1', "rock'n'roll"];

/** Builds the vocabulary, most frequent first. */
function vocabulary(size: number, random: Random): string[] {
  const words = new Set<string>(COMMON);
  while (words.size < size) {
    let word = '';
    for (let n = 1 + random.int(4); n > 0; n--) word += random.pick(SYLLABLES);
    words.add(word);
  }
  const list = [...words];
  // Foreign words and compounds take random ranks just below the common words,
  // frequent enough to show up in the small preset too.
  for (const extra of [...FOREIGN, ...COMPOUNDS]) list.splice(COMMON.length + random.int(300), 0, extra);
  return list;
}

/** Draws ranks with probability proportional to 1/rank. */
function zipfSampler(n: number, random: Random): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cumulative[r] = total += 1 / (r + 1);
  return () => {
    const x = random.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Case variants as a writer (or a shouting one) would produce them. */
function styled(word: string, sentenceStart: boolean, random: Random): string {
  const r = random.next();
  if (r < 0.02) return word.toUpperCase(); // full Unicode upper case: "CAFÉ", which folds to "cafÉ"
  if (r < 0.03) return [...word].map((ch) => (random.next() < 0.5 ? ch.toUpperCase() : ch)).join('');
  if (sentenceStart || r < 0.05) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/** About `bytes` bytes (UTF-8) of text; the result is at least that long and ends with a newline. */
export function generateText(bytes: number, vocabularySize: number, seed: number, size: string): string {
  const random = createRandom(seedFor(size, seed));
  const words = vocabulary(vocabularySize, random);
  const rank = zipfSampler(words.length, random);
  const parts: string[] = [];
  let length = 0;
  let lineLength = 0;
  let sentenceStart = true;
  let sentenceLeft = 5 + random.int(15);
  while (length < bytes) {
    let token = styled(words[rank()]!, sentenceStart, random);
    sentenceStart = false;
    const r = random.next();
    if (r < 0.02) token = `"${token}"`;
    else if (r < 0.03) token = `(${token})`;
    if (--sentenceLeft === 0) {
      token += random.pick(['.', '.', '.', '!', '?', '...']);
      sentenceStart = true;
      sentenceLeft = 5 + random.int(15);
    } else if (random.next() < 0.1) {
      token += random.pick([',', ',', ',', ';', ':', ' -', ' —']);
    }
    let separator = ' ';
    lineLength += token.length + 1;
    if (sentenceStart && random.next() < 0.08) {
      separator = random.next() < 0.2 ? '\r\n\r\n' : '\n\n';
      lineLength = 0;
    } else if (lineLength > 60 + random.int(20)) {
      separator = random.next() < 0.2 ? '\r\n' : random.next() < 0.05 ? '\n\t' : '\n';
      lineLength = 0;
    }
    const piece = token + separator;
    parts.push(piece);
    length += utf8Length(piece);
  }
  return `${parts.join('').trimEnd()}\n`;
}

/** Bytes of `text` in UTF-8 (a surrogate pair, two code units, is 4 bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

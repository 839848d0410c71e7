/**
 * wordcount in idiomatic TypeScript: a regular expression finds the words,
 * a Map counts them, a sort ranks them.
 *
 * Definitions (the AssemblyScript version implements exactly these):
 *  - a word is a maximal run of ASCII letters, ASCII digits and non-ASCII
 *    characters (any code point from U+0080 up); everything else in ASCII
 *    (space, punctuation, `'`, `-`, `_`, control characters) separates words;
 *  - case folding is ASCII-only: A-Z become a-z, every other character is
 *    kept as is ("École" stays "École", "CAFÉ" becomes "cafÉ");
 *  - output: the 100 most frequent words as `word\tcount\n` lines, by count
 *    descending, then by word in UTF-16 code-unit order (JS `<`, not locale order).
 */

/** Words: runs of [A-Za-z0-9] and non-ASCII code units (both halves of a surrogate pair are >= U+0080). */
const WORD = /[A-Za-z0-9\u0080-\uffff]+/g;
/** Runs of ASCII capitals; `toLowerCase` on such a run is exactly the ASCII-only fold. */
const ASCII_UPPER = /[A-Z]+/g;

/** How many words the output lists. */
const TOP = 100;

/** Counts the words of `text`; returns the top 100 as `word\tcount\n` lines. */
export function run(text: string): string {
  // Folding the whole text once, then matching, measured faster here than
  // testing and folding each token (and than `match`, which builds an array of every token).
  const folded = text.replace(ASCII_UPPER, (run) => run.toLowerCase());
  const counts = new Map<string, number>();
  for (const [word] of folded.matchAll(WORD)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([word, count]) => `${word}\t${count}\n`)
    .join('');
}

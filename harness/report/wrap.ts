/**
 * Word wrapping for plain-text outputs that must fit a terminal width (the
 * bench's default end-of-run screen fits 120 columns). Widths count code
 * points: every character the reports print (×, –, µ, →) is one column wide.
 */

/** Columns a string takes: its code points (not UTF-16 units). */
export function columns(text: string): number {
  return [...text].length;
}

/** The first `width` columns of `text`, ending in "…" when something was cut. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** A unit the reports print after a number ("12.3 ms", "45.7 MiB", "53 MB"), with any closing punctuation. */
const UNIT = /^(ns|µs|ms|s|B|KiB|MiB|GiB|MB)(?![\p{L}\d])/u;

/**
 * The words of a paragraph, a number kept with its unit ("2.66 MiB") and a
 * ratio with its interval ("faster [1.51–2.00]"), so neither breaks across lines.
 */
function words(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const previous = out[out.length - 1];
    const glued = previous !== undefined && ((/\d$/.test(previous) && UNIT.test(word)) || word.startsWith('['));
    if (glued) out[out.length - 1] = `${previous} ${word}`;
    else out.push(word);
  }
  return out;
}

/**
 * Wraps one paragraph to `width` columns: the first line starts with
 * `first`, the others with `rest` (a hanging indent). Breaks at spaces; a
 * word longer than a whole line (a path, a long error token) is cut hard so
 * no line ever exceeds the width.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const room = (prefix: string) => Math.max(1, width - columns(prefix));
  for (const word of words(text)) {
    const sep = empty ? '' : ' ';
    if (columns(line) + columns(sep) + columns(word) <= width) {
      line += sep + word;
      empty = false;
      continue;
    }
    if (!empty) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    // A word wider than a whole line is split into line-sized pieces.
    let chars = [...word];
    while (chars.length > room(line)) {
      const take = room(line);
      lines.push(line + chars.slice(0, take).join(''));
      chars = chars.slice(take);
      line = rest;
    }
    line += chars.join('');
    empty = chars.length === 0;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Wraps every line of a multi-line text to `width`, keeping each line's own leading indent for its continuations. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    if (columns(line) <= width) return [line];
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    return wrap(line.slice(indent.length), width, indent, `${indent}  `);
  });
}

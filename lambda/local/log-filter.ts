/**
 * CloudWatch Logs filter patterns, as FilterLogEvents applies them to each
 * event's message:
 *
 * - terms: `ERROR` (case-sensitive; every term must occur: `ERROR timeout`),
 *   `"exact phrase"` (quotes for anything but letters, digits and `_`),
 *   `?ERROR ?WARN` (any of the `?` terms), `-term` (must not occur);
 * - JSON: `{ $.path = value }` with `=`, `!=`, `<`, `<=`, `>`, `>=`, string
 *   values quoted or bare with `*` wildcards, numbers, `true`/`false`/`NULL`,
 *   `IS NULL`, `NOT EXISTS`, combined with `&&` or `||` (one kind per pattern);
 * - regular expressions: `%regex%`.
 *
 * Space-delimited patterns (`[ip, user, ...]`) are refused with AWS's
 * InvalidParameterException rather than matched wrongly.
 */

/** A compiled pattern: true when a message matches. */
export type LogFilter = (message: string) => boolean;

/** Thrown for a pattern that cannot be read; the Logs API answers InvalidParameterException. */
export class FilterPatternError extends Error {}

/** Compiles a filter pattern; an empty or absent one matches everything. */
export function compileFilter(pattern: string | undefined): LogFilter {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return jsonFilter(text);
  if (text.startsWith('[')) throw new FilterPatternError('Space-delimited filter patterns are not supported by the local Lambda.');
  if (text.length > 2 && text.startsWith('%') && text.endsWith('%')) {
    let regex: RegExp;
    try {
      regex = new RegExp(text.slice(1, -1));
    } catch {
      throw new FilterPatternError('Invalid regex in filter pattern.');
    }
    return (message) => regex.test(message);
  }
  return termFilter(text);
}

/** Terms: AND of plain terms, OR of `?` terms, exclusion of `-` terms. */
function termFilter(text: string): LogFilter {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const token = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of text.matchAll(token)) {
    const prefix = match[1] ?? '';
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    if (term === '') continue;
    if (prefix === '?') any.push(term);
    else if (prefix === '-') none.push(term);
    else all.push(term);
  }
  if (all.length === 0 && any.length === 0 && none.length === 0) throw new FilterPatternError('Invalid character(s) in term');
  return (message) =>
    all.every((t) => message.includes(t)) && (any.length === 0 || any.some((t) => message.includes(t))) && !none.some((t) => message.includes(t));
}

type Comparison = (message: unknown) => boolean;

/** `{ $.a.b = "x" && $.n > 3 }`. */
function jsonFilter(text: string): LogFilter {
  if (!text.endsWith('}')) throw new FilterPatternError('Invalid JSON filter pattern: missing closing brace.');
  const body = text.slice(1, -1).trim();
  const conjunction = body.includes('&&');
  const disjunction = body.includes('||');
  if (conjunction && disjunction) throw new FilterPatternError('Mixing && and || is not supported by the local Lambda.');
  const parts = body.split(conjunction ? '&&' : '||').map((part) => comparison(part.trim()));
  return (message) => {
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      return false;
    }
    if (event === null || typeof event !== 'object') return false;
    return conjunction ? parts.every((p) => p(event)) : parts.some((p) => p(event));
  };
}

function comparison(text: string): Comparison {
  const match = /^(\$(?:\.[A-Za-z0-9_-]+|\[\d+\])+)\s*(?:(=|!=|<=|>=|<|>)\s*(.+)|(IS NULL|NOT EXISTS|IS TRUE|IS FALSE))$/.exec(text);
  if (!match) throw new FilterPatternError(`Invalid JSON filter condition: ${text}`);
  const path = [...(match[1] ?? '').matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  const read = (event: unknown): { found: boolean; value: unknown } => {
    let value = event;
    for (const key of path) {
      if (value === null || typeof value !== 'object' || !(key in value)) return { found: false, value: undefined };
      value = (value as Record<string | number, unknown>)[key];
    }
    return { found: true, value };
  };
  const unary = match[4];
  if (unary !== undefined) {
    if (unary === 'NOT EXISTS') return (e) => !read(e).found;
    if (unary === 'IS NULL') return (e) => read(e).value === null;
    return (e) => read(e).value === (unary === 'IS TRUE');
  }
  const op = match[2] ?? '=';
  const raw = (match[3] ?? '').trim();
  if (op === '=' || op === '!=') {
    const test = equality(raw);
    return op === '=' ? (e) => { const r = read(e); return r.found && test(r.value); } : (e) => { const r = read(e); return r.found && !test(r.value); };
  }
  const bound = Number(raw);
  if (!Number.isFinite(bound)) throw new FilterPatternError(`Invalid numeric value in JSON filter condition: ${raw}`);
  const cmp: Record<string, (a: number) => boolean> = { '<': (a) => a < bound, '<=': (a) => a <= bound, '>': (a) => a > bound, '>=': (a) => a >= bound };
  const check = cmp[op] as (a: number) => boolean;
  return (e) => {
    const value = read(e).value;
    return typeof value === 'number' && check(value);
  };
}

/** What `=` compares with: a quoted or bare string (with `*` wildcards), a number, true, false or NULL. */
function equality(raw: string): (value: unknown) => boolean {
  if (raw === 'NULL') return (v) => v === null;
  if (raw === 'true' || raw === 'false') return (v) => v === (raw === 'true');
  const quoted = /^"(.*)"$/.exec(raw);
  if (!quoted && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) {
    const n = Number(raw);
    return (v) => v === n;
  }
  const text = quoted ? (quoted[1] ?? '') : raw;
  if (!text.includes('*')) return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === text;
  const regex = new RegExp(`^${text.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (v) => typeof v === 'string' && regex.test(v);
}

/**
 * EventBridge event patterns: checked when PutRule stores one (AWS refuses a
 * malformed pattern with InvalidEventPatternException) and matched against
 * each event PutEvents receives.
 *
 * Semantics, as EventBridge documents them: every field the pattern names
 * must match; a nested object in the pattern matches a nested object of the
 * event; a leaf is an array of alternatives, and an event value (or any
 * element of an event array) matching any alternative matches. Alternatives:
 * exact strings, numbers (compared as numbers), booleans and null, and the
 * content filters `prefix`, `suffix`, `equals-ignore-case`, `wildcard`,
 * `anything-but` (values, or a prefix/suffix), `numeric` (ranges) and
 * `exists`. `cidr` and `$or` are refused with the reason rather than
 * matched wrongly.
 */

/** A compiled pattern: true when an event matches. */
export type EventMatcher = (event: Readonly<Record<string, unknown>>) => boolean;

/** Why a pattern is not valid; the API answers InvalidEventPatternException with this reason. */
export class EventPatternError extends Error {}

type Leaf = (value: unknown, present: boolean) => boolean;

/** Parses and checks a pattern (the JSON string PutRule takes). */
export function compilePattern(text: string): EventMatcher {
  let pattern: unknown;
  try {
    pattern = JSON.parse(text);
  } catch (error) {
    throw new EventPatternError(`Filter is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(pattern)) throw new EventPatternError('Filter is not an object');
  if (Object.keys(pattern).length === 0) throw new EventPatternError('Empty objects are not allowed');
  const match = objectMatcher(pattern, '');
  return (event) => match(event);
}

function objectMatcher(pattern: Record<string, unknown>, path: string): (value: unknown) => boolean {
  const fields = Object.entries(pattern).map(([key, sub]) => {
    const where = path === '' ? key : `${path}.${key}`;
    if (key === '$or') throw new EventPatternError('$or is not supported by the local EventBridge');
    if (Array.isArray(sub)) {
      const leaf = leafMatcher(sub, where);
      return (value: unknown) => {
        const present = isObject(value) && key in value;
        return leaf(present ? (value as Record<string, unknown>)[key] : undefined, present);
      };
    }
    if (isObject(sub)) {
      if (Object.keys(sub).length === 0) throw new EventPatternError('Empty objects are not allowed');
      const inner = objectMatcher(sub, where);
      return (value: unknown) => isObject(value) && inner((value as Record<string, unknown>)[key]);
    }
    throw new EventPatternError(`"${where}" must be an object or an array`);
  });
  return (value) => isObject(value) && fields.every((field) => field(value));
}

/** An array of alternatives. `exists` looks at presence; every other alternative needs a value. */
function leafMatcher(alternatives: unknown[], where: string): Leaf {
  if (alternatives.length === 0) throw new EventPatternError(`Empty arrays are not allowed (at "${where}")`);
  const tests = alternatives.map((alt) => alternative(alt, where));
  return (value, present) => {
    const values = Array.isArray(value) ? value : [value];
    return tests.some((test) => ('exists' in test ? test.exists === present : present && values.some((v) => test.match(v))));
  };
}

type Test = { readonly exists: boolean } | { readonly match: (value: unknown) => boolean };

function alternative(alt: unknown, where: string): Test {
  if (alt === null || typeof alt === 'string' || typeof alt === 'boolean') return { match: (v) => v === alt };
  if (typeof alt === 'number') return { match: (v) => typeof v === 'number' && v === alt };
  if (!isObject(alt)) throw new EventPatternError(`Match value must be String, number, true, false, or null (at "${where}")`);
  const keys = Object.keys(alt);
  if (keys.length !== 1) throw new EventPatternError(`Only one key allowed in match expression (at "${where}")`);
  const [kind] = keys as [string];
  const arg = alt[kind];
  switch (kind) {
    case 'prefix': return { match: stringTest(arg, where, kind, (v, s) => v.startsWith(s), (v, s) => v.toLowerCase().startsWith(s.toLowerCase())) };
    case 'suffix': return { match: stringTest(arg, where, kind, (v, s) => v.endsWith(s), (v, s) => v.toLowerCase().endsWith(s.toLowerCase())) };
    case 'equals-ignore-case': {
      if (typeof arg !== 'string') throw new EventPatternError(`equals-ignore-case match pattern must be a string (at "${where}")`);
      return { match: (v) => typeof v === 'string' && v.toLowerCase() === arg.toLowerCase() };
    }
    case 'wildcard': {
      if (typeof arg !== 'string') throw new EventPatternError(`wildcard match pattern must be a string (at "${where}")`);
      const regex = new RegExp(`^${arg.split('*').map(escape).join('.*')}$`, 's');
      return { match: (v) => typeof v === 'string' && regex.test(v) };
    }
    case 'exists': {
      if (typeof arg !== 'boolean') throw new EventPatternError(`exists match pattern must be either true or false (at "${where}")`);
      return { exists: arg };
    }
    case 'anything-but': return { match: anythingBut(arg, where) };
    case 'numeric': return { match: numeric(arg, where) };
    default: throw new EventPatternError(`Unrecognized match type ${kind}${kind === 'cidr' ? ' (not supported by the local EventBridge)' : ''} (at "${where}")`);
  }
}

/** `{"prefix": "a"}` or `{"prefix": {"equals-ignore-case": "a"}}` (the same for suffix). */
function stringTest(
  arg: unknown, where: string, kind: string, exact: (v: string, s: string) => boolean, folded: (v: string, s: string) => boolean,
): (value: unknown) => boolean {
  if (typeof arg === 'string') return (v) => typeof v === 'string' && exact(v, arg);
  if (isObject(arg) && Object.keys(arg).length === 1 && typeof arg['equals-ignore-case'] === 'string') {
    const s = arg['equals-ignore-case'];
    return (v) => typeof v === 'string' && folded(v, s);
  }
  throw new EventPatternError(`${kind} match pattern must be a string (at "${where}")`);
}

/** `anything-but`: a value, a list of values, or `{"prefix": ...}` / `{"suffix": ...}`. */
function anythingBut(arg: unknown, where: string): (value: unknown) => boolean {
  if (isObject(arg)) {
    const [kind] = Object.keys(arg);
    const s = kind === undefined ? undefined : arg[kind];
    if (Object.keys(arg).length !== 1 || typeof s !== 'string' || (kind !== 'prefix' && kind !== 'suffix')) {
      throw new EventPatternError(`anything-but takes a value, a list of values, or a prefix or suffix (at "${where}")`);
    }
    return (v) => typeof v === 'string' && !(kind === 'prefix' ? v.startsWith(s) : v.endsWith(s));
  }
  const values = Array.isArray(arg) ? arg : [arg];
  if (values.length === 0 || values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new EventPatternError(`Inside anything-but list, start|null|boolean is not supported (at "${where}")`);
  }
  return (v) => (typeof v === 'string' || typeof v === 'number') && !values.includes(v);
}

/** `numeric`: `[">", 0, "<=", 5]` or `["=", 3]`. */
function numeric(arg: unknown, where: string): (value: unknown) => boolean {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) {
    throw new EventPatternError(`Value of numeric must be an array of one or two comparisons (at "${where}")`);
  }
  const checks: ((v: number) => boolean)[] = [];
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    const bound = arg[i + 1];
    if (typeof bound !== 'number') throw new EventPatternError(`Value of ${String(op)} must be a number (at "${where}")`);
    const ops: Record<string, (v: number) => boolean> = {
      '=': (v) => v === bound, '<': (v) => v < bound, '<=': (v) => v <= bound, '>': (v) => v > bound, '>=': (v) => v >= bound,
    };
    const check = typeof op === 'string' ? ops[op] : undefined;
    if (!check) throw new EventPatternError(`Unrecognized numeric range operator: ${String(op)} (at "${where}")`);
    checks.push(check);
  }
  return (v) => typeof v === 'number' && checks.every((check) => check(v));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Flag reading shared by every command (bench, report, expected,
 * lambda:local, deploy, teardown), so that every mistake reads the same way:
 * one line naming the flag, raised as a UsageError (exit 2).
 *
 * Why not node:util parseArgs alone: it calls `--time -5` "ambiguous", takes
 * no bounds, and its messages run over several sentences. This reader takes
 * the next token as a string flag's value even when it starts with one dash
 * (so negative numbers reach the range check), and knows the flag names well
 * enough to suggest the one a typo meant.
 */

/** A mistake on the command line: one line on stderr and exit code 2. */
export class UsageError extends Error {}

/** Declared flags: name (without dashes) to kind. */
export type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/** Values read for a spec: strings for string flags, true for booleans given. */
export type FlagValues<S extends FlagSpec> = { -readonly [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean };

/** What parseFlags returns. */
export interface ParsedFlags<S extends FlagSpec> {
  readonly values: FlagValues<S>;
  /** Arguments that are not flags, in order. */
  readonly positionals: readonly string[];
  /** Flags the user gave, in order, without dashes (for "does not apply" checks). */
  readonly given: readonly string[];
}

/**
 * Reads `--name value`, `--name=value` and boolean `--name`; `--` ends the
 * flags. Unknown flags, missing values, values on booleans and (unless
 * allowed) positionals are UsageErrors.
 */
export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S, options: { positionals?: string } = {}): ParsedFlags<S> {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const given: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    // -h is what people type first; it means --help wherever there is one.
    const token = argv[i] === '-h' && spec.help !== undefined ? '--help' : (argv[i] as string);
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = (eq === -1 ? token : token.slice(0, eq)).replace(/^-{1,2}/, '');
    const declared = spec[name];
    if (declared === undefined || !token.startsWith('--')) throw new UsageError(unknownFlag(token.slice(0, eq === -1 ? undefined : eq), Object.keys(spec)));
    given.push(name);
    if (declared.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value, got "${token.slice(eq + 1)}"`);
      values[name] = true;
      continue;
    }
    if (eq !== -1) {
      values[name] = token.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    // A value may start with one dash (a negative number, reported by the range check) but not two (that is the next flag).
    if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    values[name] = next;
    i += 1;
  }
  if (positionals.length > 0 && options.positionals === undefined) {
    throw new UsageError(`unexpected argument "${positionals[0]}" (flags start with --; see --help)`);
  }
  return { values: values as FlagValues<S>, positionals, given };
}

function unknownFlag(flag: string, known: readonly string[]): string {
  const guess = closest(flag.replace(/^-+/, ''), known);
  return `unknown option ${flag}${guess ? ` (did you mean --${guess}?)` : ''}; see --help`;
}

/**
 * The known name nearest to `word` (edit distance at most 2, or a prefix),
 * for "did you mean" hints; undefined when nothing is close.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.startsWith(word) && word.length >= 3 ? 1 : editDistance(word, name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** A numeric flag's allowed range and why it ends there (shown in the error). */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  /** Unit shown after the range, e.g. "ms". */
  readonly unit?: string;
  /** Why the upper bound, e.g. "at most an hour per task". */
  readonly why?: string;
}

/** Reads a whole number within bounds; undefined when the flag was not given. */
export function boundedInteger(value: string | undefined, flag: string, bounds: Bounds): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    const unit = bounds.unit ? ` ${bounds.unit}` : '';
    const why = bounds.why ? ` (${bounds.why})` : '';
    throw new UsageError(`--${flag} must be a whole number from ${bounds.min} to ${bounds.max}${unit}, got "${value}"${why}`);
  }
  return n;
}

/** Splits a comma list and checks every item against the known names (with a "did you mean" hint). */
export function knownList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${flag} needs at least one value`);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new UsageError(unknownName(flag.replace(/s$/, ''), item, allowed));
  }
  return [...new Set(items)] as T[];
}

/** `unknown workload "sha265" (did you mean sha256?; known: ...)`. */
export function unknownName(what: string, item: string, allowed: readonly string[]): string {
  const guess = closest(item, allowed);
  return `unknown ${what} "${item}" (${guess ? `did you mean ${guess}? ` : ''}known: ${allowed.join(', ')})`;
}

/**
 * How a command ends on an error: a UsageError is one line and exit 2; any
 * other error is a failure of the tool or its surroundings, exit 1, with the
 * stack when it looks like a bug (not a system error with a code).
 */
export function exitOnError(prefix: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(2);
    }
    const systemError = error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
    const text = error instanceof Error ? (systemError ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`${prefix}: ${text}\n`);
    process.exit(1);
  };
}

/**
 * Ends the process quietly when stdout's reader goes away (`npm run bench --
 * --list | head -3`): the reader has what it wanted, and a stack trace for an
 * EPIPE would be the only thing the user sees.
 */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

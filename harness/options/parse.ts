/**
 * The one command-line reader of the project: every command (bench, deploy,
 * teardown, lambda:local, report, expected, compare, control-rates,
 * mutation, build) reads its flags here, from its declarations, so every
 * mistake reads the same way: one line naming the flag, raised as a
 * UsageError (exit 2). One list parser, one integer parser.
 *
 * Why not node:util parseArgs: it calls `--time -5` "ambiguous", takes no
 * bounds, and its messages run over several sentences. This reader takes
 * the next token as a flag's value even when it starts with one dash (so
 * negative numbers reach the range check), and knows the flag names well
 * enough to suggest the one a typo meant.
 */
import type { Bounds, FlagDeclaration, FlagSet, FlagValues, Profile } from './declare.js';
import { UsageError } from './errors.js';

/** The command line split into flags and positionals, values still as typed. */
export interface Tokens<S extends FlagSet> {
  /** Text of each value flag given, `true` for each boolean given (the last occurrence wins). */
  readonly raw: Readonly<Partial<Record<keyof S & string, string | true>>>;
  /** Flags the user gave, in order, without dashes (for "does not apply" checks). */
  readonly given: readonly (keyof S & string)[];
  /** Arguments that are not flags, in order. */
  readonly positionals: readonly string[];
}

/**
 * Splits argv by the declared flags: `--name value`, `--name=value`, boolean
 * `--name`; `--` ends the flags; `-h` is `--help` where there is one.
 * Unknown flags, missing values, values on booleans and (unless `positionals`
 * names what they are) positionals are UsageErrors. Values are not checked
 * yet: `--help` answers even beside a wrong value.
 */
export function tokenize<S extends FlagSet>(argv: readonly string[], flags: S, positionals?: string): Tokens<S> {
  const raw: Record<string, string | true> = {};
  const rest: string[] = [];
  const given: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    // -h is what people type first; it means --help wherever there is one.
    const token = argv[i] === '-h' && flags['help'] !== undefined ? '--help' : (argv[i] as string);
    if (token === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      rest.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = (eq === -1 ? token : token.slice(0, eq)).replace(/^-{1,2}/, '');
    const declared = flags[name];
    if (declared === undefined || !token.startsWith('--')) throw new UsageError(unknownFlag(token.slice(0, eq === -1 ? undefined : eq), Object.keys(flags)));
    given.push(name);
    if (declared.kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value, got "${token.slice(eq + 1)}"`);
      raw[name] = true;
      continue;
    }
    if (eq !== -1) {
      raw[name] = token.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    // A value may start with one dash (a negative number, reported by the range check) but not two (that is the next flag).
    if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    raw[name] = next;
    i += 1;
  }
  if (rest.length > 0 && positionals === undefined) throw new UsageError(`unexpected argument "${rest[0]}" (flags start with --; see --help)`);
  return { raw: raw as Tokens<S>['raw'], given: given as Tokens<S>['given'], positionals: rest };
}

/** How values are completed and checked. */
export interface ValueSettings<S extends FlagSet, P extends Profile<S>> {
  /** Values of the flags not given (profiles.ts). */
  readonly defaults?: P;
  /** Values that replace the defaults when `--quick` is given (profiles.ts). */
  readonly quick?: Profile<S>;
  /** Whether the quick profile applies; default: whether `--quick` was given. */
  readonly quickProfile?: boolean;
  /** Allowed names of the list flags declared without choices (known only at run time). */
  readonly choices?: Readonly<Partial<Record<keyof S, readonly string[]>>>;
}

/**
 * Checks and converts every given value by its declaration, then fills the
 * flags not given from the quick profile (with `--quick`) or the default one.
 */
export function toValues<S extends FlagSet, P extends Profile<S>>(tokens: Tokens<S>, flags: S, settings: ValueSettings<S, P> = {}): FlagValues<S, P> {
  const quick = settings.quickProfile ?? tokens.raw['quick' as keyof S & string] === true;
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(flags)) {
    const text = tokens.raw[name as keyof S & string];
    if (declaration.kind === 'boolean') {
      values[name] = text === true;
      continue;
    }
    if (typeof text === 'string') {
      values[name] = convert(text, name, declaration, settings.choices?.[name as keyof S]);
      continue;
    }
    const fallback = (quick ? settings.quick?.[name as keyof S] : undefined) ?? settings.defaults?.[name as keyof S];
    if (fallback !== undefined) values[name] = fallback;
  }
  return values as FlagValues<S, P>;
}

/** tokenize, then toValues: the whole reading for commands that need nothing in between. */
export function parseArgs<S extends FlagSet, P extends Profile<S>>(
  argv: readonly string[],
  flags: S,
  settings: ValueSettings<S, P> & { readonly positionals?: string } = {},
): { readonly values: FlagValues<S, P>; readonly given: Tokens<S>['given']; readonly positionals: readonly string[] } {
  const tokens = tokenize(argv, flags, settings.positionals);
  return { values: toValues(tokens, flags, settings), given: tokens.given, positionals: tokens.positionals };
}

function convert(text: string, name: string, declaration: FlagDeclaration, runtimeChoices: readonly string[] | undefined): unknown {
  const bounds = declaration.bounds ?? { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  const item = declaration.item ?? name.replace(/s$/, '');
  switch (declaration.kind) {
    case 'integer':
      return parseInteger(text, name, bounds);
    case 'integer-list':
      return parseList(text, name).map((entry) => parseInteger(entry, name, bounds));
    case 'list': {
      const allowed = declaration.choices ?? runtimeChoices;
      if (declaration.all !== undefined && allowed !== undefined && text.trim() === declaration.all) return [...allowed];
      return parseList(text, name, allowed, item);
    }
    default:
      if (declaration.choices !== undefined && !declaration.choices.includes(text)) throw new UsageError(unknownName(item, text, declaration.choices));
      return text;
  }
}

/** Reads a whole number within bounds, or says which flag, which range and why. The one integer parser. */
export function parseInteger(value: string, flag: string, bounds: Bounds): number {
  const text = value.trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    const unit = bounds.unit ? ` ${bounds.unit}` : '';
    const why = bounds.why ? ` (${bounds.why})` : '';
    throw new UsageError(`--${flag} must be a whole number from ${bounds.min} to ${bounds.max}${unit}, got "${value}"${why}`);
  }
  return n;
}

/**
 * Splits a comma list (blank items dropped, repeats kept once) and, with
 * `allowed`, checks every item against the known names with a "did you
 * mean" hint. The one list parser.
 */
export function parseList<T extends string>(value: string, flag: string, allowed?: readonly T[], item = flag.replace(/s$/, '')): T[] {
  const items = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  if (items.length === 0) throw new UsageError(`--${flag} needs at least one value`);
  if (allowed !== undefined) for (const entry of items) if (!allowed.includes(entry as T)) throw new UsageError(unknownName(item, entry, allowed));
  return items as T[];
}

/** `unknown workload "sha265" (did you mean sha256? known: ...)`. */
export function unknownName(what: string, item: string, allowed: readonly string[]): string {
  const guess = closest(item, allowed);
  return `unknown ${what} "${item}" (${guess ? `did you mean ${guess}? ` : ''}known: ${allowed.join(', ')})`;
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

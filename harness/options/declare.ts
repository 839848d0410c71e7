/**
 * Flags as data. Every flag of every command is one FlagDeclaration: its
 * value kind, what its help line says, its range or its names; its default
 * and quick-profile values live in profiles.ts, all in one place. The parser
 * (parse.ts) and the help text (help.ts) are both made from these
 * declarations, so adding a flag is one declaration (and, when it has a
 * default, one profile entry).
 */

/** A numeric flag's allowed range and why it ends there (shown in the error). */
export interface Bounds {
  readonly min: number;
  readonly max: number;
  /** Unit shown after the range, e.g. "ms". */
  readonly unit?: string;
  /** Why the upper bound, e.g. "at most an hour per task". */
  readonly why?: string;
}

/**
 * What a flag takes: nothing (`boolean`), free text (`string`), a whole
 * number within bounds (`integer`), a comma list of names (`list`) or of
 * whole numbers within bounds (`integer-list`).
 */
export type FlagKind = 'boolean' | 'string' | 'integer' | 'list' | 'integer-list';

/** One flag of a command. */
export interface FlagDeclaration {
  readonly kind: FlagKind;
  /** What the help line shows after the name: `<n>`, `a,b`, `<url>`; booleans show nothing. */
  readonly value?: string;
  /**
   * The help text. `{default}` and `{quick}` stand for the flag's values in
   * the default and quick profiles (lists joined with commas), so the figures
   * are written once. A line break continues the text under the first line.
   */
  readonly help: string;
  /** `integer` and `integer-list`: the allowed range. */
  readonly bounds?: Bounds;
  /**
   * `list` (and `string`): the allowed names. Absent on a list: the names are given to the parser
   * (workloads and targets are known only at run time, see ParseSettings.choices).
   */
  readonly choices?: readonly string[];
  /** `list` and `string` with choices: the word in "unknown <item>" errors (default: the flag name without a plural s). */
  readonly item?: string;
  /** `list`: a word that stands for every allowed name (`--engines all`). */
  readonly all?: string;
  /** The heading of the help section this flag is listed under. */
  readonly section?: string;
}

/** A command's flags: name (without dashes) to declaration. */
export type FlagSet = Readonly<Record<string, FlagDeclaration>>;

/** The value a declaration parses to. Lists with fixed names parse to those names' type. */
export type ValueOf<D extends FlagDeclaration> = D['kind'] extends 'boolean'
  ? boolean
  : D['kind'] extends 'string'
    ? D['choices'] extends readonly (infer T extends string)[]
      ? T
      : string
    : D['kind'] extends 'integer'
      ? number
      : D['kind'] extends 'integer-list'
        ? readonly number[]
        : D['choices'] extends readonly (infer T extends string)[]
          ? readonly T[]
          : readonly string[];

/** Values of (some of) a command's flags, as a profile holds them. Booleans default to false and need no entry. */
export type Profile<S extends FlagSet> = { readonly [N in keyof S]?: ValueOf<S[N]> };

/**
 * What the parser returns for a flag set and its default profile: booleans
 * are always there (false when not given), flags with a default always have
 * a value, the others are undefined when not given.
 */
export type FlagValues<S extends FlagSet, P> = {
  readonly [N in keyof S]: S[N]['kind'] extends 'boolean' ? boolean : N extends keyof P ? ValueOf<S[N]> : ValueOf<S[N]> | undefined;
};

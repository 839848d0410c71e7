/**
 * --help made from the declarations: one line per flag (more when its help
 * continues), grouped under its section, with `{default}`, `{quick}` and
 * `{choices}` filled from the profiles and the declaration, so a default
 * shown in --help is the default the parser applies.
 */
import type { FlagSet, Profile } from './declare.js';

/** How a command's flag lines are laid out and filled. */
export interface HelpSettings<S extends FlagSet> {
  readonly defaults?: Profile<S>;
  readonly quick?: Profile<S>;
  /** Column the help texts start at, after two spaces of indent (default 23: `  --name <v>` padded to 25). */
  readonly width?: number;
}

/** A profile value as --help shows it: lists joined with commas. */
function shown(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * The flag lines of a command: section headings (when declared) and one
 * entry per flag, in declaration order. Throws when a help text names a
 * value no profile holds: a declaration mistake, caught by the tests.
 */
export function flagHelp<S extends FlagSet>(flags: S, settings: HelpSettings<S> = {}): string {
  const width = settings.width ?? 22;
  const lines: string[] = [];
  let section: string | undefined;
  for (const [name, declaration] of Object.entries(flags)) {
    if (declaration.section !== undefined && declaration.section !== section) {
      section = declaration.section;
      lines.push(section);
    }
    const text = declaration.help.replace(/\{(default|quick|choices)(?::([a-z-]+))?\}/g, (_, which: string, other: string | undefined) => {
      const flag = other ?? name;
      const value =
        which === 'choices'
          ? flags[flag]?.choices
          : which === 'quick'
            ? (settings.quick?.[flag as keyof S] ?? settings.defaults?.[flag as keyof S])
            : settings.defaults?.[flag as keyof S];
      if (value === undefined) throw new Error(`--${name}'s help names the ${which} value of --${flag}, which has none`);
      return shown(value);
    });
    const usage = `--${name}${declaration.value === undefined ? '' : ` ${declaration.value}`}`;
    const [first, ...rest] = text.split('\n');
    lines.push(`  ${usage.padEnd(width)} ${first ?? ''}`);
    for (const line of rest) lines.push(`${' '.repeat(width + 3)}${line}`);
  }
  return lines.join('\n');
}

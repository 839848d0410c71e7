import { describe, expect, it } from 'vitest';
import { BENCH_FLAGS } from './bench-flags.js';
import type { FlagSet } from './declare.js';
import { flagHelp } from './help.js';
import { BENCH_DEFAULTS, BENCH_QUICK, BAD_INPUTS_DEFAULTS, COMPARE_DEFAULTS, CONTROL_RATES_DEFAULTS, LAMBDA_DEFAULTS, LOCAL_LAMBDA_DEFAULTS } from './profiles.js';
import * as tools from './tool-flags.js';

/** Every command's flags with the profile its help reads. */
const COMMANDS: readonly [string, FlagSet, object?, object?][] = [
  ['bench', BENCH_FLAGS, BENCH_DEFAULTS, BENCH_QUICK],
  ['deploy', tools.DEPLOY_FLAGS, LAMBDA_DEFAULTS],
  ['teardown', tools.TEARDOWN_FLAGS, LAMBDA_DEFAULTS],
  ['lambda:local', tools.LOCAL_LAMBDA_FLAGS, LOCAL_LAMBDA_DEFAULTS],
  ['report', tools.REPORT_FLAGS],
  ['expected', tools.HELP_ONLY_FLAGS],
  ['compare', tools.COMPARE_FLAGS, COMPARE_DEFAULTS],
  ['control-rates', tools.CONTROL_RATES_FLAGS, CONTROL_RATES_DEFAULTS],
  ['mutation', tools.MUTATION_FLAGS],
  ['bad-inputs', tools.BAD_INPUTS_FLAGS, BAD_INPUTS_DEFAULTS],
];

describe('help made from the declarations', () => {
  it.each(COMMANDS)('%s lists every flag, each with a help text and no unfilled placeholder', (_, flags, defaults, quick) => {
    const text = flagHelp(flags, { ...(defaults ? { defaults } : {}), ...(quick ? { quick } : {}) });
    for (const [name, declaration] of Object.entries(flags)) {
      expect(text).toMatch(new RegExp(`^  --${name}\\b`, 'm'));
      expect(declaration.help.trim()).not.toBe('');
    }
    expect(text).not.toMatch(/\{(default|quick|choices)/);
  });

  it('shows the profiles\' own figures, so a changed default changes --help', () => {
    const text = flagHelp(BENCH_FLAGS, { defaults: { ...BENCH_DEFAULTS, forks: 7 }, quick: { ...BENCH_QUICK, forks: 2 } });
    expect(text).toMatch(/--forks <n> .*\(default 7; quick 2\)/);
    expect(text).toMatch(/--memory a,b .*default 128,512,1769,3008; --quick 128,1769/);
    expect(text).toMatch(/--quick +smoke run: small size, short times, 10 cold samples/);
  });

  it('continues a long help text under its first line, and names a value no profile holds', () => {
    const flags = { n: { kind: 'integer', value: '<n>', help: 'first\nsecond (default {default})' } } as const satisfies FlagSet;
    expect(flagHelp(flags, { defaults: { n: 3 }, width: 6 }).split('\n')).toEqual(['  --n <n> first', '         second (default 3)']);
    expect(() => flagHelp(flags)).toThrow("--n's help names the default value of --n, which has none");
  });

  it('groups flags under their sections, in declaration order', () => {
    const headings = flagHelp(BENCH_FLAGS, { defaults: BENCH_DEFAULTS, quick: BENCH_QUICK }).split('\n').filter((line) => !line.startsWith(' '));
    expect(headings.map((line) => line.split(' ')[0])).toEqual(['Selection', 'Warm', 'Cold', 'Lambda', 'Load', 'General']);
  });
});

import { describe, expect, it } from 'vitest';
import type { FlagSet } from './declare.js';
import { UsageError } from './errors.js';
import { closest, parseArgs, parseInteger, parseList, tokenize, toValues } from './parse.js';

const spec = {
  time: { kind: 'integer', value: '<ms>', help: 'time', bounds: { min: 0, max: 100, unit: 'ms' } },
  sizes: { kind: 'list', value: 'a,b', help: 'sizes', choices: ['small', 'large'] },
  names: { kind: 'list', value: 'a,b', help: 'names known at run time' },
  memory: { kind: 'integer-list', value: 'a,b', help: 'MB', bounds: { min: 128, max: 1024, unit: 'MB' } },
  client: { kind: 'string', value: '<c>', help: 'client', choices: ['auto', 'ric'], item: 'runtime client' },
  out: { kind: 'string', value: '<dir>', help: 'out' },
  quick: { kind: 'boolean', help: 'quick' },
  help: { kind: 'boolean', help: 'this text' },
} as const satisfies FlagSet;

describe('tokenize', () => {
  it('reads --name value, --name=value, booleans and what was given', () => {
    const parsed = tokenize(['--time', '5', '--quick'], spec);
    expect(parsed.raw).toEqual({ time: '5', quick: true });
    expect(parsed.given).toEqual(['time', 'quick']);
    expect(tokenize(['--time=7'], spec).raw.time).toBe('7');
  });

  it('passes a negative number on as the value, for the range check to name', () => {
    expect(tokenize(['--time', '-5'], spec).raw.time).toBe('-5');
  });

  it('takes -h for --help, and positionals only where the command has them', () => {
    expect(tokenize(['-h'], spec).raw.help).toBe(true);
    expect(tokenize(['a', '--', '--b'], spec, 'dir').positionals).toEqual(['a', '--b']);
  });

  it.each([
    [['--tme', '5'], 'unknown option --tme (did you mean --time?); see --help'],
    [['--time'], '--time needs a value'],
    [['--time', '--quick'], '--time needs a value'],
    [['--quick=yes'], '--quick takes no value, got "yes"'],
    [['-x'], 'unknown option -x; see --help'],
    [['stray'], 'unexpected argument "stray" (flags start with --; see --help)'],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => tokenize(argv, spec)).toThrow(UsageError);
    expect(() => tokenize(argv, spec)).toThrow(message);
  });
});

describe('toValues', () => {
  const defaults = { time: 50, sizes: ['small', 'large'], memory: [128] } as const;
  const quick = { time: 10, sizes: ['small'] } as const;

  it('converts each value by its kind and fills the rest from the profiles', () => {
    const { values } = parseArgs(['--memory', '512,128,512', '--sizes', 'large', '--client', 'ric'], spec, { defaults, quick });
    expect(values).toEqual({ time: 50, sizes: ['large'], names: undefined, memory: [512, 128], client: 'ric', out: undefined, quick: false, help: false });
  });

  it('takes the quick profile with --quick, or when told to', () => {
    expect(parseArgs(['--quick'], spec, { defaults, quick }).values).toMatchObject({ time: 10, sizes: ['small'], memory: [128], quick: true });
    expect(toValues(tokenize([], spec), spec, { defaults, quick, quickProfile: true }).time).toBe(10);
    expect(parseArgs(['--quick', '--time', '70'], spec, { defaults, quick }).values.time).toBe(70);
  });

  it('checks lists against the names given at run time', () => {
    expect(parseArgs(['--names', 'b,a'], spec, { choices: { names: ['a', 'b'] } }).values.names).toEqual(['b', 'a']);
    expect(() => parseArgs(['--names', 'zzzz'], spec, { choices: { names: ['a', 'b'] } })).toThrow('unknown name "zzzz" (known: a, b)');
  });

  it.each([
    [['--time', '101'], '--time must be a whole number from 0 to 100 ms, got "101"'],
    [['--memory', '128,64'], '--memory must be a whole number from 128 to 1024 MB, got "64"'],
    [['--sizes', 'huge'], 'unknown size "huge" (known: small, large)'],
    [['--sizes', ','], '--sizes needs at least one value'],
    [['--client', 'rc'], 'unknown runtime client "rc" (did you mean ric? known: auto, ric)'],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(UsageError);
    expect(() => parseArgs(argv, spec)).toThrow(message);
  });
});

describe('parseInteger', () => {
  const bounds = { min: 0, max: 10, unit: 'ms', why: 'a reason' };
  it('accepts the range ends and refuses what lies outside, fractions and words', () => {
    expect(parseInteger('0', 'n', bounds)).toBe(0);
    expect(parseInteger(' 10 ', 'n', bounds)).toBe(10);
    for (const bad of ['-1', '11', '1.5', '1e1', 'ten', '', '99999999999999999999']) {
      expect(() => parseInteger(bad, 'n', bounds)).toThrow(`--n must be a whole number from 0 to 10 ms, got "${bad}" (a reason)`);
    }
  });
});

describe('parseList and closest', () => {
  it('dedupes, refuses empty lists and suggests the nearest name', () => {
    expect(parseList('a,b,a', 'names', ['a', 'b'])).toEqual(['a', 'b']);
    expect(parseList(' x , y ', 'names')).toEqual(['x', 'y']);
    expect(() => parseList(',', 'names', ['a'])).toThrow('--names needs at least one value');
    expect(() => parseList('sha265', 'workloads', ['noop', 'sha256'])).toThrow('unknown workload "sha265" (did you mean sha256? known: noop, sha256)');
    expect(closest('zzzzzz', ['noop'])).toBeUndefined();
  });
});

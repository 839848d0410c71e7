import { describe, expect, it } from 'vitest';
import { boundedInteger, closest, knownList, parseFlags, UsageError } from './flags.js';

const spec = { time: { type: 'string' }, quick: { type: 'boolean' }, help: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  it('reads --name value, --name=value, booleans and what was given', () => {
    const parsed = parseFlags(['--time', '5', '--quick'], spec);
    expect(parsed.values).toEqual({ time: '5', quick: true });
    expect(parsed.given).toEqual(['time', 'quick']);
    expect(parseFlags(['--time=7'], spec).values.time).toBe('7');
  });

  it('passes a negative number on as the value, for the range check to name', () => {
    expect(parseFlags(['--time', '-5'], spec).values.time).toBe('-5');
  });

  it('takes -h for --help, and positionals only where the command has them', () => {
    expect(parseFlags(['-h'], spec).values.help).toBe(true);
    expect(parseFlags(['a', '--', '--b'], spec, { positionals: 'dir' }).positionals).toEqual(['a', '--b']);
  });

  it.each([
    [['--tme', '5'], 'unknown option --tme (did you mean --time?); see --help'],
    [['--time'], '--time needs a value'],
    [['--time', '--quick'], '--time needs a value'],
    [['--quick=yes'], '--quick takes no value, got "yes"'],
    [['-x'], 'unknown option -x; see --help'],
    [['stray'], 'unexpected argument "stray" (flags start with --; see --help)'],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(UsageError);
    expect(() => parseFlags(argv, spec)).toThrow(message);
  });
});

describe('boundedInteger', () => {
  const bounds = { min: 0, max: 10, unit: 'ms', why: 'a reason' };
  it('accepts the range ends and refuses what lies outside, fractions and words', () => {
    expect(boundedInteger('0', 'n', bounds)).toBe(0);
    expect(boundedInteger(' 10 ', 'n', bounds)).toBe(10);
    expect(boundedInteger(undefined, 'n', bounds)).toBeUndefined();
    for (const bad of ['-1', '11', '1.5', '1e1', 'ten', '', '99999999999999999999']) {
      expect(() => boundedInteger(bad, 'n', bounds)).toThrow(`--n must be a whole number from 0 to 10 ms, got "${bad}" (a reason)`);
    }
  });
});

describe('knownList and closest', () => {
  it('dedupes, refuses empty lists and suggests the nearest name', () => {
    expect(knownList('a,b,a', ['a', 'b'], 'names')).toEqual(['a', 'b']);
    expect(() => knownList(',', ['a'], 'names')).toThrow('--names needs at least one value');
    expect(() => knownList('sha265', ['noop', 'sha256'], 'workloads')).toThrow('unknown workload "sha265" (did you mean sha256? known: noop, sha256)');
    expect(closest('zzzzzz', ['noop'])).toBeUndefined();
  });
});

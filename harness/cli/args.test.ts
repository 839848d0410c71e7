import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError, type Known } from './args.js';

const known: Known = { workloads: ['noop', 'sha256'], targets: ['node', 'wasm'], defaultTargets: ['node', 'wasm'] };
const run = (argv: string[]) => {
  const command = parseCommand(argv, known, 'run-1');
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.options;
};

describe('parseCommand', () => {
  it('defaults to everything, all sizes, 30 cold samples', () => {
    const options = run([]);
    expect(options.workloads).toEqual(['noop', 'sha256']);
    expect(options.targets).toEqual(['node', 'wasm']);
    expect(options.sizes).toEqual(['small', 'medium', 'large']);
    expect(options.coldSamples).toBe(30);
    expect(options.outDir).toMatch(/results\/runs\/run-1$/);
  });

  it('--quick shrinks sizes and times but keeps 10 cold samples', () => {
    const options = run(['--quick']);
    expect(options.sizes).toEqual(['small']);
    expect(options.timeMs).toBeLessThan(200);
    expect(options.coldSamples).toBe(10);
  });

  it('reads selections and numbers', () => {
    const options = run(['--workloads', 'sha256', '--targets', 'wasm,node', '--sizes', 'large', '--time', '50', '--seed', '7', '--engines', 'all']);
    expect(options).toMatchObject({ workloads: ['sha256'], targets: ['wasm', 'node'], sizes: ['large'], timeMs: 50, seed: 7 });
    expect(options.engines).toEqual(['default', 'eager', 'liftoff-only']);
  });

  it.each([
    [['--workloads', 'nope'], /unknown workload "nope"/],
    [['--targets', 'jvm'], /unknown target "jvm"/],
    [['--sizes', 'huge'], /unknown size "huge"/],
    [['--time', 'fast'], /--time must be a whole number/],
    [['--rounds', '0'], /--rounds must be at least 1/],
    [['--frobnicate'], /frobnicate/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCommand(argv, known, 'r')).toThrow(UsageError);
    expect(() => parseCommand(argv, known, 'r')).toThrow(message);
  });

  it('recognises --help and --list', () => {
    expect(parseCommand(['--help'], known, 'r').kind).toBe('help');
    expect(parseCommand(['--list'], known, 'r').kind).toBe('list');
  });
});

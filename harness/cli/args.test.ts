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
    // The figures --quick stands for (the full run: 400 ms, 100 ms, 3 rounds, 30 samples, 1000 ms).
    expect(options).toMatchObject({ timeMs: 60, warmupMs: 20, rounds: 2, coldSamples: 10, coldCallBudgetMs: 250 });
    expect(run([])).toMatchObject({ timeMs: 400, warmupMs: 100, rounds: 3, coldSamples: 30, coldCallBudgetMs: 1000 });
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
    [['--rounds', '0'], /--rounds must be a whole number from 1 to 1000/],
    [['--frobnicate'], /frobnicate/],
    [['--time', '-5'], /--time must be a whole number from 0 to 3600000 ms, got "-5"/],
    [['--cold-samples', '-3'], /--cold-samples must be a whole number from 0 to 10000/],
    [['--time', '99999999999999999999'], /at most an hour per task/],
    [['--rounds', '1001'], /from 1 to 1000/],
    [['--seed', '4294967296'], /32-bit unsigned/],
    [['--cold-timeout', '99'], /from 100 to 600000 ms/],
    [['--time', '0', '--cold-samples', '0'], /nothing to measure locally/],
    [['--time', '0', '--cold-samples', '0', '--placements', 'local,lambda'], /use --placements lambda alone/],
    [['--memory', '512'], /--memory applies only to the Lambda placement/],
    [['--lambda-samples', '3', '--placements', 'local'], /--lambda-samples applies only to the Lambda placement/],
    [['--placements', 'lambda', '--cold-samples', '5'], /--cold-samples applies only to the local placement/],
    [['--time', '0', '--rounds', '2'], /--rounds does not apply: --time 0/],
    [['--cold-samples', '0', '--engines', 'all'], /--engines does not apply: --cold-samples 0/],
    [['--workloads', 'sha265'], /did you mean sha256\?/],
    [['--cold-sample', '3'], /did you mean --cold-samples\?/],
    [['--placements', 'lambda', '--memory', '64'], /from 128 to 10240 MB/],
    [['--placements', 'lambda', '--region', 'mars'], /--region must be an AWS region/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCommand(argv, known, 'r')).toThrow(UsageError);
    expect(() => parseCommand(argv, known, 'r')).toThrow(message);
  });

  it('accepts the bounds themselves and Lambda flags with the Lambda placement', () => {
    expect(run(['--time', '3600000', '--seed', '4294967295', '--rounds', '1000']).seed).toBe(4_294_967_295);
    expect(run(['--placements', 'lambda', '--memory', '10240', '--arch', 'arm64']).lambda).toMatchObject({ memory: [10240], arch: ['arm64'] });
    expect(run(['--placements', 'lambda']).placements).toEqual(['lambda']);
  });

  it('recognises --help, -h and --list', () => {
    expect(parseCommand(['-h'], known, 'r').kind).toBe('help');
    expect(parseCommand(['--help'], known, 'r').kind).toBe('help');
    expect(parseCommand(['--list'], known, 'r').kind).toBe('list');
  });
});

import { describe, expect, it } from 'vitest';
import { HELP, parseCommand, type Known } from './bench.js';
import { UsageError } from './errors.js';

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
    // The figures --quick stands for (the full run: 150 ms and 50 ms per task in each process, 3 rounds, 30 samples, 1000 ms).
    expect(options).toMatchObject({ timeMs: 60, warmupMs: 20, rounds: 2, coldSamples: 10, coldCallBudgetMs: 250 });
    expect(run([])).toMatchObject({ timeMs: 150, warmupMs: 50, rounds: 3, coldSamples: 30, coldCallBudgetMs: 1000 });
  });

  it('reads selections and numbers', () => {
    const options = run(['--workloads', 'sha256', '--targets', 'wasm,node', '--sizes', 'large', '--time', '50', '--seed', '7', '--engines', 'all']);
    expect(options).toMatchObject({ workloads: ['sha256'], targets: ['wasm', 'node'], sizes: ['large'], timeMs: 50, seed: 7 });
    expect(options.engines).toEqual(['default', 'eager', 'liftoff-only']);
  });

  it('--node reads Node majors in order without repeats; absent, the CLI settles the default later', () => {
    expect(run(['--node', '20, 22,24,22']).node).toEqual(['20', '22', '24']);
    expect(run(['--node', '022']).node).toEqual(['22']);
    expect(run([]).node).toBeUndefined();
    expect(() => run(['--node', 'v22'])).toThrow(/--node must be a whole number from 1 to 999/);
    expect(() => run(['--node', ','])).toThrow(/--node needs at least one value/);
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
    expect(HELP).toMatch(/--forks <n> .*default 5; quick 3/);
    expect(HELP).toMatch(/--max-forks <n> .*default 10; quick 5/);
    expect(HELP).toMatch(/--resolve-budget <s> .*default 90; quick 20/);
    expect(HELP).toMatch(/--skip-controls /);
    expect(HELP).toMatch(/--self-check /);
    expect(parseCommand(['-h'], known, 'r').kind).toBe('help');
    expect(parseCommand(['--help'], known, 'r').kind).toBe('help');
    expect(parseCommand(['--list'], known, 'r').kind).toBe('list');
  });
});

describe('warm processes and calibration flags', () => {
  const refuses = (argv: string[], message: string | RegExp): void => {
    expect(() => parseCommand(argv, known, 'r')).toThrow(UsageError);
    expect(() => parseCommand(argv, known, 'r')).toThrow(message);
  };

  it('defaults to 5 processes, up to 10 for unresolved groups, 90 s for them, with the controls', () => {
    expect(run([])).toMatchObject({ forks: 5, maxForks: 10, resolveBudgetMs: 90_000, controls: true });
  });

  it('--quick defaults to 3 processes, up to 5, 20 s, with the controls', () => {
    expect(run(['--quick'])).toMatchObject({ forks: 3, maxForks: 5, resolveBudgetMs: 20_000, controls: true });
  });

  it('reads --forks, --max-forks and --resolve-budget (seconds, kept in ms)', () => {
    expect(run(['--forks', '4', '--max-forks', '6', '--resolve-budget', '30'])).toMatchObject({ forks: 4, maxForks: 6, resolveBudgetMs: 30_000 });
    expect(run(['--forks', '7', '--max-forks', '7'])).toMatchObject({ forks: 7, maxForks: 7 });
    expect(run(['--resolve-budget', '0']).resolveBudgetMs).toBe(0);
    expect(run(['--resolve-budget', '3600']).resolveBudgetMs).toBe(3_600_000);
    expect(run(['--forks', '1', '--max-forks', '100'])).toMatchObject({ forks: 1, maxForks: 100 });
  });

  it('raises the default ceiling to --forks when --forks is above it', () => {
    expect(run(['--forks', '7']).maxForks).toBe(10);
    expect(run(['--forks', '12']).maxForks).toBe(12);
    expect(run(['--quick', '--forks', '4']).maxForks).toBe(5);
    expect(run(['--quick', '--forks', '6']).maxForks).toBe(6);
    expect(run(['--quick', '--max-forks', '3'])).toMatchObject({ forks: 3, maxForks: 3 });
  });

  it('refuses a ceiling below the minimum, including the default minimum', () => {
    refuses(['--forks', '4', '--max-forks', '3'], '--max-forks 3 is below --forks 4: the ceiling cannot be under the minimum');
    refuses(['--max-forks', '4'], '--max-forks 4 is below --forks 5');
    refuses(['--quick', '--max-forks', '2'], '--max-forks 2 is below --forks 3');
  });

  it.each([
    [['--forks', '0'], '--forks must be a whole number from 1 to 100, got "0"'],
    [['--forks', '101'], '--forks must be a whole number from 1 to 100, got "101"'],
    [['--max-forks', '0'], '--max-forks must be a whole number from 1 to 100, got "0"'],
    [['--max-forks', '101'], '--max-forks must be a whole number from 1 to 100, got "101"'],
    [['--resolve-budget', '-1'], '--resolve-budget must be a whole number from 0 to 3600 s, got "-1" (at most an hour of extra processes)'],
    [['--resolve-budget', '3601'], '--resolve-budget must be a whole number from 0 to 3600 s, got "3601"'],
    [['--forks', 'many'], '--forks must be a whole number'],
    [['--time', '0', '--forks', '3'], '--forks does not apply: --time 0 skips warm measurement'],
    [['--time', '0', '--max-forks', '9'], '--max-forks does not apply: --time 0 skips warm measurement'],
    [['--time', '0', '--resolve-budget', '9'], '--resolve-budget does not apply: --time 0 skips warm measurement'],
    [['--time', '0', '--skip-controls'], '--skip-controls does not apply: --time 0 skips warm measurement'],
    [['--placements', 'lambda', '--forks', '3'], '--forks applies only to the local placement'],
    [['--placements', 'lambda', '--skip-controls'], '--skip-controls applies only to the local placement'],
    [['--skip-controls=yes'], /skip-controls/],
  ])('refuses %j', (argv, message) => {
    refuses(argv, message);
  });

  it('--skip-controls leaves the controls out', () => {
    expect(run(['--skip-controls']).controls).toBe(false);
  });

  it('--self-check measures only the controls: no workloads, no cold samples', () => {
    expect(run(['--self-check'])).toMatchObject({ workloads: [], coldSamples: 0, controls: true, forks: 5, maxForks: 10, timeMs: 150 });
    expect(run(['--self-check', '--quick'])).toMatchObject({ workloads: [], coldSamples: 0, controls: true, forks: 3, maxForks: 5 });
  });

  it('--self-check takes the warm knobs, the seed and the output directory', () => {
    const argv = ['--self-check', '--forks', '8', '--max-forks', '12', '--resolve-budget', '60', '--time', '100', '--warmup', '10', '--rounds', '2', '--seed', '3', '--out', '/tmp/sc'];
    expect(run(argv)).toMatchObject({ workloads: [], forks: 8, maxForks: 12, resolveBudgetMs: 60_000, timeMs: 100, warmupMs: 10, rounds: 2, seed: 3, outDir: '/tmp/sc' });
  });

  it.each([
    [['--self-check', '--workloads', 'sha256'], 'workloads'],
    [['--self-check', '--targets', 'node'], 'targets'],
    [['--self-check', '--sizes', 'small'], 'sizes'],
    [['--self-check', '--cold-samples', '5'], 'cold-samples'],
    [['--self-check', '--skip-controls'], 'skip-controls'],
    [['--self-check', '--placements', 'local'], 'placements'],
  ])('--self-check refuses %j', (argv, flag) => {
    refuses(argv, `--self-check measures only the calibration controls; drop --${flag}`);
  });

  it('--self-check refuses --time 0: nothing would be measured', () => {
    refuses(['--self-check', '--time', '0'], '--self-check measures warm: --time 0 leaves nothing to measure');
  });
});

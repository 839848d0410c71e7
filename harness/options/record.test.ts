import { describe, expect, it } from 'vitest';
import { parseCommand, type Known } from './bench.js';
import { recordedConfig, resumedOptions } from './record.js';
import type { RunConfig } from '../contract/config.js';
import type { BenchOptions } from '../run/options.js';

const known: Known = { workloads: ['noop', 'sha256'], targets: ['node', 'wasm'], defaultTargets: ['node', 'wasm'] };
const parsed = (argv: string[]): BenchOptions => {
  const command = parseCommand(argv, known, 'run-1');
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.options;
};

describe('recordedConfig', () => {
  it('records every option, the directory as displayed and the role masked', () => {
    const options = parsed(['--placements', 'local,lambda', '--aws', '--role', 'arn:aws:iam::123456789012:role/wlb', '--quick']);
    const config = recordedConfig(options, 'results/runs/run-1');
    expect(config.outDir).toBe('results/runs/run-1');
    expect(config.lambda.role).toBe('arn:aws:iam::<account>:role/wlb');
    expect(JSON.stringify(config)).not.toContain('123456789012');
    // Everything else is what the parser produced, field for field.
    const { lambda, outDir: _outDir, ...rest } = options;
    const { role: _role, ...lambdaRest } = lambda;
    expect(config).toMatchObject({ ...rest, lambda: lambdaRest });
  });

  it('round-trips through run.json: a resumed run takes the options it recorded', () => {
    const options = parsed(['--workloads', 'sha256', '--forks', '4', '--placements', 'local,lambda', '--memory', '256', '--seed', '9']);
    const config = JSON.parse(JSON.stringify(recordedConfig(options, 'results/runs/run-1'))) as RunConfig;
    expect(resumedOptions(config, '/tmp/run-1')).toEqual({ ...options, outDir: '/tmp/run-1' });
  });
});

describe('resumedOptions', () => {
  it('gives fields a run recorded before they existed what they meant then', () => {
    const { forks: _f, maxForks: _m, resolveBudgetMs: _r, controls: _c, wide: _w, ...config } = recordedConfig(parsed(['--quick']), 'x');
    const { environments: _e, warmup: _u, ...lambda } = config.lambda;
    const resumed = resumedOptions({ ...config, lambda }, '/tmp/old');
    expect(resumed).toMatchObject({ forks: 1, maxForks: 1, resolveBudgetMs: 0, controls: false, wide: false, outDir: '/tmp/old' });
    // The Lambda block takes the quick profile the run was started with.
    expect(resumed.lambda).toMatchObject({ environments: 3, warmup: 10 });
  });

  it('leaves the masked role out: it cannot deploy', () => {
    const config = recordedConfig(parsed(['--placements', 'lambda', '--aws', '--role', 'arn:aws:iam::123456789012:role/wlb']), 'x');
    expect(resumedOptions(config, '/tmp/r').lambda.role).toBeUndefined();
  });
});

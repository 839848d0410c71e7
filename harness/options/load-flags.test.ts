import { describe, expect, it } from 'vitest';
import { HELP, parseCommand, type Known } from './bench.js';
import { UsageError } from './errors.js';
import { DEFAULT_LOAD, QUICK_LOAD } from './load.js';

const known: Known = { workloads: ['noop', 'sha256', 'json-transform'], targets: ['node', 'node-idiomatic', 'wasm'], defaultTargets: ['node', 'node-idiomatic', 'wasm'] };
const run = (argv: string[]) => {
  const command = parseCommand(argv, known, 'run-1');
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.options;
};

describe('--load', () => {
  it('is absent from ordinary Lambda runs', () => {
    expect(run(['--placements', 'lambda']).lambda.load).toBeUndefined();
  });

  it('takes "default" as the default ramp (the quick one with --quick) and narrows the selection', () => {
    const options = run(['--placements', 'lambda', '--load', 'default']);
    expect(options.lambda.load?.spec.text).toBe(DEFAULT_LOAD);
    expect(options.lambda.load?.paths).toEqual(['sync']);
    expect(options.workloads).toEqual(['sha256', 'json-transform']);
    expect(options.targets).toEqual(['node', 'wasm']);
    expect(options.lambda.memory).toEqual([1769]);
    expect(run(['--placements', 'lambda', '--load', 'default', '--quick']).lambda.load?.spec.text).toBe(QUICK_LOAD);
  });

  it('keeps what the user chose', () => {
    const options = run(['--placements', 'lambda', '--load', 'concurrency:1,2@1s', '--workloads', 'noop', '--memory', '512', '--load-paths', 'sync,event,eventbridge', '--load-reserved', '2']);
    expect(options.workloads).toEqual(['noop']);
    expect(options.lambda.memory).toEqual([512]);
    expect(options.lambda.load).toMatchObject({ paths: ['sync', 'event', 'eventbridge'], reserved: 2, spec: { kind: 'concurrency', levels: [1, 2] } });
  });

  it('runs the ramp three times unless --load-repeats says, with or without --quick, and refuses 0 or no --load', () => {
    expect(run(['--placements', 'lambda', '--load', 'default']).lambda.load?.repeats).toBe(3);
    expect(run(['--placements', 'lambda', '--load', 'default', '--quick']).lambda.load?.repeats).toBe(3);
    expect(run(['--placements', 'lambda', '--load', 'default', '--load-repeats', '5']).lambda.load?.repeats).toBe(5);
    expect(run(['--placements', 'lambda', '--load', 'default', '--quick', '--load-repeats', '1']).lambda.load?.repeats).toBe(1);
    expect(() => run(['--placements', 'lambda', '--load', 'default', '--load-repeats', '0'])).toThrow(UsageError);
    expect(() => run(['--placements', 'lambda', '--load-repeats', '3'])).toThrow('--load-repeats applies only to a load run');
  });

  it('refuses load flags without --load or without the Lambda placement, and bad specs, as usage errors', () => {
    expect(() => run(['--placements', 'lambda', '--load-paths', 'sync'])).toThrow('--load-paths applies only to a load run');
    expect(() => run(['--load', 'default'])).toThrow('--load applies only to the Lambda placement');
    expect(() => run(['--placements', 'lambda', '--load', 'rate:x'])).toThrow(UsageError);
    expect(() => run(['--placements', 'lambda', '--load', 'rate:1', '--load-paths', 'sqs'])).toThrow(UsageError);
  });

  it('records the scheduled path\'s schedule (rate(1 minute) unless --schedule says), and refuses one EventBridge refuses', () => {
    expect(run(['--placements', 'lambda', '--load', 'rate:1@60s', '--load-paths', 'scheduled']).lambda.load?.schedule).toBe('rate(1 minute)');
    expect(run(['--placements', 'lambda', '--load', 'rate:1@60s', '--load-paths', 'sync,scheduled', '--schedule', 'rate(5 minutes)']).lambda.load?.schedule).toBe('rate(5 minutes)');
    expect(run(['--placements', 'lambda', '--load', 'default', '--load-paths', 'sync']).lambda.load?.schedule).toBeUndefined();
    expect(() => run(['--placements', 'lambda', '--load', 'default', '--schedule', 'rate(1 minute)'])).toThrow('--schedule applies to the load path scheduled');
    expect(() => run(['--placements', 'lambda', '--schedule', 'rate(1 minute)'])).toThrow('--schedule applies only to a load run');
    for (const bad of ['rate(30 seconds)', 'rate(1 minutes)', 'rate(0 minutes)', 'every minute']) {
      expect(() => run(['--placements', 'lambda', '--load', 'default', '--load-paths', 'scheduled', '--schedule', bad])).toThrow('is not a schedule EventBridge takes');
    }
  });

  it('is in --help with its grammar', () => {
    expect(HELP).toMatch(/--load <spec> +kind:levels\[\.\.\]\[@duration\[\+settle\]\]/);
    expect(HELP).toMatch(/levels ending in \.\. climb until the host is the limit/);
    expect(HELP).toMatch(/the default takes at most 44 min per path/);
    expect(HELP).toMatch(/--load-paths a,b/);
    expect(HELP).toMatch(/storm:levels\[\.\.\]\[@wait\[\+settle\]\] is a cold-start storm/);
    expect(HELP).toMatch(/wait: how long each storm waits for its log lines \(default 30s\)/);
  });

  it('takes a storm spec as the load', () => {
    expect(run(['--placements', 'lambda', '--load', 'storm:1,5@10s+1s']).lambda.load?.spec).toMatchObject({ kind: 'storm', levels: [1, 5], waitMs: 10_000, settleMs: 1000, durationMs: 0 });
    expect(() => run(['--placements', 'lambda', '--load', 'storm:5', '--load-paths', 'sync,scheduled'])).toThrow("--load storm:... sends its events at once; the scheduled path's events come from its schedule: drop scheduled from --load-paths");
  });
});

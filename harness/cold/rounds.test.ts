/**
 * The cold runner with a fake spawner: what each child is asked to do (exact
 * argv, job file, input file, environment), the interleaved order, and that
 * failures are recorded while the run goes on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeClock, fakeSpawner, goodChild, type FakeStep } from './fake-child.js';
import { runColdSamples, type ColdInput, type ColdRunOptions } from './rounds.js';
import { itemKey } from './schedule.js';
import type { TargetWorkload, WorkloadDefinition } from '../contract/index.js';
import type { ColdItem, ColdJob, ColdSample, ColdTargetItem } from './types.js';

const definition: WorkloadDefinition = {
  name: 'fake',
  description: 'a fake workload',
  stresses: ['nothing'],
  payload: { input: 'text', output: 'text' },
  sizes: {
    small: { description: 's', params: {} },
    medium: { description: 'm', params: {} },
    large: { description: 'l', params: {} },
  },
  asc: { runtime: 'minimal', why: 'test' },
  generateInput: (size) => `input for ${size}`,
};
const workload: TargetWorkload = {
  definition,
  artifacts: { dir: '/b', definition: '/b/workload.mjs', node: '/b/node.mjs', wasm: '/b/module.wasm', wasmInfo: '/b/module.json' },
};
const prepare = (item: ColdTargetItem): ColdInput => ({ workload, input: definition.generateInput(item.size, 1), expectedOutputSha256: 'aa' });

const baseline: ColdItem = { kind: 'baseline', engine: 'default' };
const node: ColdItem = { kind: 'target', workload: 'fake', target: 'node', size: 'small', engine: 'default' };
const wasm: ColdItem = { kind: 'target', workload: 'fake', target: 'wasm', size: 'small', engine: 'default' };
const wasmEager: ColdItem = { kind: 'target', workload: 'fake', target: 'wasm', size: 'small', engine: 'eager' };

const readJob = (argv: readonly string[]): ColdJob => JSON.parse(readFileSync(argv[argv.length - 1] as string, 'utf8')) as ColdJob;

async function run(options: Partial<ColdRunOptions>, script: (job: ColdJob, argv: readonly string[]) => readonly FakeStep[] = () => goodChild()) {
  const clock = fakeClock();
  const fake = fakeSpawner(clock, (argv) => script(readJob(argv), argv));
  const seen: Array<{ sample: ColdSample; done: number; total: number }> = [];
  const samples = await runColdSamples({
    items: [baseline, node, wasm],
    samples: 3,
    seed: 5,
    prepare,
    nodePath: '/opt/node',
    childScript: '/opt/cold-child.mjs',
    env: { PATH: '/bin', NODE_OPTIONS: '--import tsx', NODE_EXTRA_CA_CERTS: '/etc/ca.pem' },
    spawner: fake.spawner,
    clock: clock.clock,
    onSample: (sample, done, total) => seen.push({ sample, done, total }),
    ...options,
  });
  return { samples, seen, fake };
}

describe('runColdSamples', () => {
  it('takes every item `samples` times, in shuffled rounds, streaming each sample', async () => {
    const { samples, seen } = await run({});
    expect(samples).toHaveLength(9);
    expect(seen.map((s) => s.sample)).toEqual(samples);
    expect(seen.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(seen.map((s) => s.total))).toEqual(new Set([9]));
    for (const item of [baseline, node, wasm]) expect(samples.filter((s) => s.key === itemKey(item)).map((s) => s.round)).toEqual([0, 1, 2]);
    expect(samples.every((s) => s.state === 'completed')).toBe(true);
  });

  it('starts plain node with the engine flags, the child script and a job file, without NODE_OPTIONS', async () => {
    const { samples, fake } = await run({ items: [wasmEager], samples: 1 });
    const argv = fake.started[0]?.argv ?? [];
    expect(argv.slice(0, 3)).toEqual(['/opt/node', '--no-wasm-lazy-compilation', '/opt/cold-child.mjs']);
    expect(argv[3]).toMatch(/job-0\.json$/);
    expect(samples[0]?.argv).toEqual(argv);
    expect(fake.started[0]?.env).toEqual({ PATH: '/bin' });
    expect(samples[0]?.envRemoved).toEqual(['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS']);
  });

  it('writes the job and the input the child reads (no generator in the child)', async () => {
    const jobs: ColdJob[] = [];
    const inputs: string[] = [];
    await run({ items: [baseline, wasm], samples: 1, calls: 42, callBudgetMs: 500 }, (job) => {
      jobs.push(job);
      inputs.push(readFileSync(job.inputPath, 'utf8'));
      return goodChild();
    });
    const targetJob = jobs.find((job) => job.kind === 'target');
    expect(targetJob).toMatchObject({ kind: 'target', target: 'wasm', inputKind: 'text', calls: 42, callBudgetMs: 500, artifacts: workload.artifacts });
    expect(targetJob && 'manifest' in targetJob ? Object.keys(targetJob.manifest) : []).not.toContain('generateInput');
    expect(inputs).toContain('input for small');
    expect(jobs.find((job) => job.kind === 'baseline')).toBeDefined();
  });

  it('stops sampling an item whose output mismatches, and goes on with the others', async () => {
    const { samples } = await run({}, (job) => (job.kind === 'target' && job.target === 'wasm' ? goodChild({ result: { lastOutputSha256: 'bad' } }) : goodChild()));
    const wasmSamples = samples.filter((s) => s.key === itemKey(wasm));
    expect(wasmSamples).toHaveLength(1);
    expect(wasmSamples[0]).toMatchObject({ state: 'errored', failure: 'mismatch' });
    expect(samples.filter((s) => s.key === itemKey(node) && s.state === 'completed')).toHaveLength(3);
  });

  it('keeps sampling after a timeout or a crash', async () => {
    let spawned = 0;
    const { samples } = await run({ timeoutMs: 200 }, () => {
      spawned += 1;
      if (spawned === 2) return [];
      if (spawned === 4) return [{ close: { code: null, signal: 'SIGSEGV' } }];
      return goodChild();
    });
    expect(samples).toHaveLength(9);
    expect(samples.filter((s) => s.state === 'errored').map((s) => (s.state === 'errored' ? s.failure : ''))).toEqual(['timeout', 'crash']);
  });

  it('records an item that cannot be prepared once, and starts no process for it', async () => {
    const { samples, fake } = await run({
      prepare: (item) => {
        if (item.target === 'wasm') throw new Error('no expected.json');
        return prepare(item);
      },
    });
    const failed = samples.filter((s) => s.key === itemKey(wasm));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ state: 'errored', failure: 'prepare', error: 'no expected.json', argv: [] });
    expect(fake.started).toHaveLength(6);
  });

  it('rejects an unknown engine as a preparation error', async () => {
    const { samples } = await run({ items: [{ ...wasm, engine: 'turbo' }], samples: 2 });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ state: 'errored', failure: 'prepare' });
  });

  it('stops between samples when aborted', async () => {
    const controller = new AbortController();
    const { samples } = await run({ signal: controller.signal, onSample: (_s, done) => done === 4 && controller.abort() });
    expect(samples).toHaveLength(4);
  });
});

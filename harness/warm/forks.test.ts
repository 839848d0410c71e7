/**
 * runFork: whatever a warm fork does (answers, crashes, hangs, never
 * starts) comes back as data. The accounting is driven by a fake spawner
 * (the cold sampler's fake child); then one real fork of the built
 * warm-child.mjs measures sha256 small on node and wasm, and one whose
 * expected output is wrong must answer wrong-output, never samples.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeClock, fakeSpawner, type FakeStep } from '../cold/fake-child.js';
import type { Spawner } from '../cold/sample.js';
import { prepareReference } from '../run/reference.js';
import { loadCatalog } from '../workloads/catalog.js';
import { forkEnvironment, runFork, WARM_CHILD_SCRIPT, type ForkLauncher } from './forks.js';
import type { ForkEntry, ForkJob, ForkOutcome, ForkResult } from './fork-job.js';
import type { Payload } from '../contract/index.js';

const OUTCOMES: ForkOutcome[] = [
  { state: 'completed', name: 'node', samplesNs: [100, 110], callsPerSample: 4, checkedOutputs: 3 },
  { state: 'errored', name: 'wasm', error: 'output differs', failure: 'wrong-output' },
];
const ANSWER = JSON.stringify({ type: 'warm-fork', outcomes: OUTCOMES } satisfies ForkResult);
const exit = (code: number | null, signal: string | null = null): FakeStep => ({ close: { code, signal } });

/** Runs a fork whose child plays `steps`. */
async function fake(steps: FakeStep[], launcher: Partial<ForkLauncher> = {}) {
  const spawner = fakeSpawner(fakeClock(), () => steps);
  const run = await runFork('/tmp/job.json', { timeoutMs: 60_000, spawner: spawner.spawner, ...launcher });
  return { run, spawner };
}

describe('runFork with a fake child', () => {
  it('returns the outcomes of a fork that answered and exited 0', async () => {
    const { run, spawner } = await fake([{ line: '' }, { line: ANSWER }, exit(0)]);
    expect(run).toEqual({ state: 'completed', outcomes: OUTCOMES });
    expect(spawner.killed).toBe(0);
  });

  it('starts node with --expose-gc on the fork script and the job, without NODE_OPTIONS', async () => {
    const { spawner } = await fake([{ line: ANSWER }, exit(0)]);
    expect(spawner.started).toHaveLength(1);
    expect(spawner.started[0]?.argv).toEqual([process.execPath, '--expose-gc', WARM_CHILD_SCRIPT, '/tmp/job.json']);
    expect(spawner.started[0]?.env['NODE_OPTIONS']).toBeUndefined();
    const custom = await fake([{ line: ANSWER }, exit(0)], { nodePath: '/opt/node', nodeFlags: ['--jitless'], childScript: '/x/child.mjs', env: { A: '1' } });
    expect(custom.spawner.started[0]).toEqual({ argv: ['/opt/node', '--jitless', '/x/child.mjs', '/tmp/job.json'], env: { A: '1' } });
  });

  it('forkEnvironment drops NODE_OPTIONS (a loader would be measured too) and keeps the rest', () => {
    expect(forkEnvironment({ NODE_OPTIONS: '--import tsx', PATH: '/bin', HOME: '/h' })).toEqual({ PATH: '/bin', HOME: '/h' });
  });

  it('a fork that exits 0 without an answer crashed with "no answer"', async () => {
    const { run } = await fake([exit(0)]);
    expect(run).toEqual({ state: 'errored', error: 'warm fork exit 0 (no answer)', failure: 'crashed' });
  });

  it('a fork that answered and then exited non-zero crashed, its answer unused', async () => {
    const { run } = await fake([{ line: ANSWER }, exit(3)]);
    expect(run).toEqual({ state: 'errored', error: 'warm fork exit 3 (answered, then failed)', failure: 'crashed' });
  });

  it.each([
    ['not JSON', '{"type":"warm-fork", outc', 'unreadable message {"type":"warm-fork", outc'],
    ['another type', '{"type":"result","outcomes":[]}', 'unexpected message {"type":"result","outcomes":[]}'],
    ['outcomes not a list', '{"type":"warm-fork","outcomes":{}}', 'unexpected message {"type":"warm-fork","outcomes":{}}'],
  ])('a malformed line (%s) is named in the crash', async (_what, line, why) => {
    const { run } = await fake([{ line }, exit(0)]);
    expect(run).toEqual({ state: 'errored', error: `warm fork exit 0 (${why})`, failure: 'crashed' });
  });

  it('a malformed line is cut to 80 characters in the error', async () => {
    const long = `x${'y'.repeat(200)}`;
    const { run } = await fake([{ line: long }, exit(0)]);
    expect(run).toEqual({ state: 'errored', error: `warm fork exit 0 (unreadable message ${long.slice(0, 80)})`, failure: 'crashed' });
  });

  it('a non-zero exit carries the tail of stderr', async () => {
    const { run } = await fake([{ stderr: 'warm fork failed: ' }, { stderr: 'RangeError: out of memory\n' }, exit(1)]);
    expect(run).toEqual({ state: 'errored', error: 'warm fork exit 1 (no answer): warm fork failed: RangeError: out of memory', failure: 'crashed' });
  });

  it('keeps only the last 600 characters of stderr', async () => {
    const head = 'h'.repeat(1000);
    const tail = `${'t'.repeat(599)}!`;
    const { run } = await fake([{ stderr: head }, { stderr: tail }, exit(1)]);
    expect(run).toEqual({ state: 'errored', error: `warm fork exit 1 (no answer): ${tail}`, failure: 'crashed' });
  });

  it('skips blank and whitespace-only lines: they are not a malformed message', async () => {
    const { run } = await fake([{ line: '' }, { line: '  \t' }, exit(1)]);
    expect(run).toEqual({ state: 'errored', error: 'warm fork exit 1 (no answer)', failure: 'crashed' });
  });

  it('cuts an unexpected message to 80 characters in the error', async () => {
    const line = JSON.stringify({ type: 'other', padding: 'p'.repeat(200) });
    const { run } = await fake([{ line }, exit(0)]);
    expect(run).toEqual({ state: 'errored', error: `warm fork exit 0 (unexpected message ${line.slice(0, 80)})`, failure: 'crashed' });
  });

  it('leaves out a stderr that holds only whitespace', async () => {
    const { run } = await fake([{ stderr: '\n  \n' }, exit(1)]);
    expect(run).toEqual({ state: 'errored', error: 'warm fork exit 1 (no answer)', failure: 'crashed' });
  });

  it('registers a kill for the running fork and forgets it once, when the fork ends', async () => {
    let kill: (() => void) | undefined;
    let forgotten = 0;
    const spawner = fakeSpawner(fakeClock(), () => [{ line: ANSWER }]);
    const pending = runFork('/tmp/job.json', {
      timeoutMs: 60_000,
      spawner: spawner.spawner,
      register: (k) => {
        kill = k;
        return () => void (forgotten += 1);
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(forgotten).toBe(0);
    // An interruption kills the fork through what was registered: it ends killed, not timed out.
    kill?.();
    const run = await pending;
    expect(spawner.killed).toBe(1);
    expect(run).toEqual({ state: 'errored', error: 'warm fork killed by SIGKILL (answered, then failed)', failure: 'crashed' });
    expect(forgotten).toBe(1);
  });

  it('does not register a fork that failed to start at once, and forgets a registered one only once', async () => {
    let registered = 0;
    const failsAtOnce: Spawner = (_argv, _env, handlers) => {
      handlers.error(new Error('spawn EACCES'));
      return { kill: () => undefined };
    };
    const register = (): (() => void) => {
      registered += 1;
      return () => undefined;
    };
    vi.useFakeTimers();
    try {
      expect(await runFork('/tmp/job.json', { timeoutMs: 60_000, spawner: failsAtOnce, register })).toEqual({
        state: 'errored', error: 'warm fork could not start: spawn EACCES', failure: 'crashed',
      });
      // No timeout is left behind to keep the run alive for a fork that never started.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(registered).toBe(0);

    // An error and then a close: settled by the first, the second changes nothing.
    let forgotten = 0;
    const errorThenClose: Spawner = (_argv, _env, handlers) => {
      setImmediate(() => {
        handlers.error(new Error('spawn ENOENT'));
        handlers.close(0, null);
      });
      return { kill: () => undefined };
    };
    const run = await runFork('/tmp/job.json', { timeoutMs: 60_000, spawner: errorThenClose, register: () => () => void (forgotten += 1) });
    expect(run).toEqual({ state: 'errored', error: 'warm fork could not start: spawn ENOENT', failure: 'crashed' });
    expect(forgotten).toBe(1);
  });

  it('a fork killed by a signal says so', async () => {
    const { run } = await fake([exit(null, 'SIGSEGV')]);
    expect(run).toEqual({ state: 'errored', error: 'warm fork killed by SIGSEGV (no answer)', failure: 'crashed' });
  });

  it('a fork that never ends is killed at the timeout and fails with "timeout"', async () => {
    // No close step: the fake child hangs until kill() closes it with SIGKILL.
    const { run, spawner } = await fake([{ line: ANSWER }], { timeoutMs: 5 });
    expect(spawner.killed).toBe(1);
    expect(run).toEqual({ state: 'errored', error: 'warm fork timed out after 5 ms', failure: 'timeout' });
  });

  it('a fork that cannot start crashed, and its late close changes nothing', async () => {
    const spawner: Spawner = (_argv, _env, handlers) => {
      setImmediate(() => {
        handlers.error(new Error('spawn /opt/node ENOENT'));
        handlers.close(-2, null);
      });
      return { kill: () => undefined };
    };
    const run = await runFork('/tmp/job.json', { timeoutMs: 60_000, spawner });
    expect(run).toEqual({ state: 'errored', error: 'warm fork could not start: spawn /opt/node ENOENT', failure: 'crashed' });
  });
});

describe('runFork on the built warm child (sha256 small, node and wasm)', () => {
  let dir: string;
  let job: Omit<ForkJob, 'entries'>;
  let entries: ForkEntry[];
  let expected: Payload;
  const write = (name: string, payload: Payload): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wlb-forks-test-'));
    const entry = (await loadCatalog()).find((e) => e.definition.name === 'sha256');
    if (!entry) throw new Error('sha256 is not built');
    const reference = await prepareReference(entry, 'small', 1);
    if (reference.state !== 'ready') throw new Error(reference.error);
    expected = reference.expected;
    const { generateInput: _generate, ...manifest } = entry.definition;
    job = { manifest, artifacts: entry.artifacts, timeMs: 4, warmupMs: 1, rounds: 1, seed: 7 };
    const inputPath = write('in', reference.input);
    const expectedPath = write('out', reference.expected);
    const kind = (p: Payload) => (typeof p === 'string' ? ('text' as const) : ('bytes' as const));
    entries = (['node', 'wasm'] as const).map((target) => ({
      name: target, target, inputPath, inputKind: kind(reference.input), expectedPath, expectedKind: kind(reference.expected),
    }));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const runJob = (name: string, fork: ForkJob) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(fork));
    return runFork(path, { timeoutMs: 120_000 });
  };

  it('measures both entries in one fresh process, with samples and checked outputs', async () => {
    const run = await runJob('job.json', { ...job, entries });
    if (run.state !== 'completed') throw new Error(run.error);
    expect(run.outcomes.map((o) => [o.name, o.state])).toEqual([['node', 'completed'], ['wasm', 'completed']]);
    for (const outcome of run.outcomes) {
      if (outcome.state !== 'completed') continue;
      // Both minimums hold whatever the time budget: tinybench takes at least 2 iterations a round, and the first call is checked before any sample.
      expect(outcome.samplesNs.length, outcome.name).toBeGreaterThanOrEqual(2); // timed-assertion-ok: 2 iterations per round by construction
      expect(outcome.checkedOutputs, outcome.name).toBeGreaterThanOrEqual(1); // timed-assertion-ok: the first call is always checked
      expect(outcome.samplesNs.every((ns) => Number.isFinite(ns) && ns > 0), outcome.name).toBe(true);
      expect(Number.isInteger(outcome.callsPerSample) && outcome.callsPerSample >= 1, outcome.name).toBe(true);
    }
    const wasm = run.outcomes.find((o) => o.name === 'wasm');
    expect(wasm?.state === 'completed' ? wasm.wasmMemoryBytes : undefined).toBeGreaterThan(0);
  });

  it('answers wrong-output, never samples, for an entry whose expected output is wrong', async () => {
    // Same kind and length as the right one, one character or byte off.
    const wrong: Payload =
      typeof expected === 'string' ? `${expected[0] === '0' ? '1' : '0'}${expected.slice(1)}` : Uint8Array.from(expected, (b, i) => (i === 0 ? b ^ 0xff : b));
    const wrongPath = write('wrong-out', wrong);
    const [node, wasm] = entries;
    const run = await runJob('wrong-job.json', { ...job, entries: [node as ForkEntry, { ...(wasm as ForkEntry), expectedPath: wrongPath }] });
    if (run.state !== 'completed') throw new Error(run.error);
    const outcome = run.outcomes.find((o) => o.name === 'wasm');
    expect(outcome?.state).toBe('errored');
    expect(outcome?.state === 'errored' ? outcome.failure : undefined).toBe('wrong-output');
    expect(outcome).not.toHaveProperty('samplesNs');
    expect(run.outcomes.find((o) => o.name === 'node')?.state).toBe('completed');
  });
});

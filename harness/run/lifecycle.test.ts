import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunLifecycle } from './lifecycle.js';
import { RunWriter } from './writer.js';
import { sampleRun } from '../report/fixtures.js';
import type { RunRecord } from '../contract/index.js';
import { readRunRecord } from '../run-file/read.js';

describe('RunLifecycle.fail', () => {
  it('records the run as failed with a one-line reason, renders reports that say so, runs the cleanup, and writes nothing after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-c-test-'));
    const writer = new RunWriter(dir);
    const lifecycle = new RunLifecycle(writer, `npm run bench -- --resume ${dir}`);
    const io = lifecycle.io(() => undefined);
    let closed = 0;
    const running: RunRecord = { ...sampleRun(), state: 'running', progress: { planned: ['warm/a/small', 'warm/b/small'], finished: ['warm/a/small'] } };
    io.attach?.({ snapshot: () => running, cleanup: async () => void (closed += 1) });
    io.persist(running);

    await lifecycle.fail(new Error('disk on fire\n    at somewhere (x.ts:1:1)'));
    const run = readRunRecord(join(dir, 'run.json'));
    expect(run.state).toBe('failed');
    expect(run.ending).toMatchObject({ reason: 'disk on fire', recordedBy: 'run' });
    expect(closed).toBe(1);
    expect(lifecycle.stopping).toBe(true);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toContain('INCOMPLETE RUN');
    expect(report).toContain('1 of 2 measurement groups finished');
    expect(readFileSync(join(dir, 'adr-draft.md'), 'utf8')).toContain('INCOMPLETE RUN');

    // What the stopping run still produces (a call failing because its endpoint closed) is not recorded.
    io.persist({ ...running, state: 'completed' });
    io.samples({ runId: 'r', kind: 'warm', workload: 'noop', target: 'node', placement: 'local', size: 'small', fork: 0, callsPerSample: 1, samplesNs: [1] });
    expect(readRunRecord(join(dir, 'run.json')).state).toBe('failed');
    expect(existsSync(join(dir, 'samples.jsonl'))).toBe(false);
  });
});

describe('RunLifecycle.interrupt', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A lifecycle whose cleanup waits until released, with process.exit recorded instead of taken. */
  function stopping(): { lifecycle: RunLifecycle; exits: number[]; release: () => void; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-i-test-'));
    const lifecycle = new RunLifecycle(new RunWriter(dir), `npm run bench -- --resume ${dir}`);
    const exits: number[] = [];
    // process.exit never returns: the stand-in throws, as far as the caller is concerned.
    vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exits.push(code ?? 0);
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let release = (): void => undefined;
    const cleanupDone = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running: RunRecord = { ...sampleRun(), state: 'running', progress: { planned: ['warm/a/small'], finished: [] } };
    lifecycle.io(() => undefined).attach?.({ snapshot: () => running, cleanup: () => cleanupDone });
    return { lifecycle, exits, release, dir };
  }

  it('takes the same signal again within a second as one request delivered twice: the cleanup still runs', async () => {
    const { lifecycle, exits, release, dir } = stopping();
    const first = lifecycle.interrupt('SIGTERM', 0);
    await lifecycle.interrupt('SIGTERM', 200);
    expect(exits).toEqual([]);
    expect(readRunRecord(join(dir, 'run.json')).state).toBe('interrupted');
    release();
    await expect(first).rejects.toThrow('exit 143');
    expect(exits).toEqual([143]);
  });

  it('exits at once on a second signal later than that, or on a different one', async () => {
    const late = stopping();
    const lateFirst = late.lifecycle.interrupt('SIGTERM', 0);
    await expect(late.lifecycle.interrupt('SIGTERM', 1_500)).rejects.toThrow('exit 143');
    expect(late.exits).toEqual([143]);
    late.release();
    await expect(lateFirst).rejects.toThrow();
    vi.restoreAllMocks();

    const other = stopping();
    const otherFirst = other.lifecycle.interrupt('SIGTERM', 0);
    await expect(other.lifecycle.interrupt('SIGINT', 100)).rejects.toThrow('exit 130');
    expect(other.exits).toEqual([130]);
    other.release();
    await expect(otherFirst).rejects.toThrow();
  });
});

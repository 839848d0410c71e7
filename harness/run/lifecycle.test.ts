import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunLifecycle } from './lifecycle.js';
import { RunWriter } from './writer.js';
import { sampleRun } from '../report/fixtures.js';
import type { RunRecord } from '../types.js';

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
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
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
    io.samples({ kind: 'late' });
    expect((JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord).state).toBe('failed');
    expect(existsSync(join(dir, 'samples.jsonl'))).toBe(false);
  });
});

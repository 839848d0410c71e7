import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGcc } from '../../toolchains/detect.js';
import { parseDriverLine, runDriver, type DriverJob, type Runner } from './driver.js';

const RIGHT = new Uint8Array([1, 2, 3]);
const WRONG = new Uint8Array([1, 2, 4]);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const job: DriverJob = { driver: '/x/native', inputPath: '/x/in', outputPath: '/x/out', warmupCalls: 2, samples: 3, callsPerSample: 4, expected: { sha256: sha(RIGHT), bytes: 3 }, timeoutMs: 1000 };
const ok: Runner = async () => ({ code: 0, signal: null, stdout: '{"samplesNs":[10.5,11,12],"callsPerSample":4,"outputBytes":3}\n', stderr: '', timedOut: false });
const files = (first: Uint8Array, last: Uint8Array) => async (path: string) => (path.endsWith('.last') ? last : first);

describe('runDriver', () => {
  it('passes the job as arguments and returns the samples when both outputs are right', async () => {
    let seen: readonly string[] = [];
    const runner: Runner = async (command, args, timeoutMs) => {
      seen = [command, ...args, String(timeoutMs)];
      return ok(command, args, timeoutMs);
    };
    expect(await runDriver(job, runner, files(RIGHT, RIGHT))).toEqual({ state: 'completed', samplesNs: [10.5, 11, 12], callsPerSample: 4, checkedOutputs: 2 });
    expect(seen).toEqual(['/x/native', '/x/in', '/x/out', '2', '3', '4', '1000']);
  });

  it('fails a wrong first or last output of the right length as wrong-output, never as samples', async () => {
    const first = await runDriver(job, ok, files(WRONG, RIGHT));
    expect(first).toMatchObject({ state: 'errored', failure: 'wrong-output', actual: { sha256: sha(WRONG), bytes: 3 } });
    expect(first.state === 'errored' && first.error).toMatch(/^native first call: output mismatch/);
    const last = await runDriver(job, ok, files(RIGHT, WRONG));
    expect(last.state === 'errored' && last.error).toMatch(/^native last call: output mismatch/);
  });

  it('reports a crash with its exit code or signal and stderr, and a timeout as timeout', async () => {
    const crash: Runner = async () => ({ code: 70, signal: null, stdout: '', stderr: 'workload failed: graph: size does not match header\n', timedOut: false });
    expect(await runDriver(job, crash, files(RIGHT, RIGHT))).toEqual({ state: 'errored', failure: 'crashed', error: 'the native driver exited with 70: workload failed: graph: size does not match header' });
    const killed: Runner = async () => ({ code: null, signal: 'SIGSEGV', stdout: '', stderr: '', timedOut: false });
    expect(await runDriver(job, killed, files(RIGHT, RIGHT))).toMatchObject({ error: 'the native driver was killed by SIGSEGV: no message' });
    const hung: Runner = async () => ({ code: null, signal: 'SIGKILL', stdout: '', stderr: '', timedOut: true });
    expect(await runDriver(job, hung, files(RIGHT, RIGHT))).toEqual({ state: 'errored', failure: 'timeout', error: 'the native driver did not finish within 1000 ms' });
  });
});

describe('parseDriverLine', () => {
  it('refuses output that is not one JSON line of finite non-negative samples', () => {
    expect(parseDriverLine('{"samplesNs":[1,2],"callsPerSample":1}')).toEqual({ samplesNs: [1, 2], callsPerSample: 1 });
    expect(parseDriverLine('garbage')).toMatch(/printed no JSON line/);
    expect(parseDriverLine('{"samplesNs":[],"callsPerSample":1}')).toBe('the native driver reported no valid samples');
    expect(parseDriverLine('{"samplesNs":[1,-2],"callsPerSample":1}')).toBe('the native driver reported no valid samples');
    expect(parseDriverLine('{"samplesNs":[1],"callsPerSample":0}')).toBe('the native driver reported no calls per sample');
  });
});

describe.skipIf(findGcc().state !== 'found')('the real driver (gcc)', () => {
  it('times the sha256 C source and writes outputs the check accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-native-'));
    const driver = join(dir, 'native');
    const root = join(import.meta.dirname, '..', '..', '..');
    execFileSync('gcc', ['-O2', '-ffp-contract=off', '-std=c11', '-o', driver, join(root, 'workloads/sha256/c/sha256.c'), join(root, 'wasm/c/native-driver.c')]);
    const input = new Uint8Array(1000).map((_, i) => i % 251);
    writeFileSync(join(dir, 'in'), input);
    const expected = { sha256: sha(createHash('sha256').update(input).digest()), bytes: 32 };
    const outcome = await runDriver({ ...job, driver, inputPath: join(dir, 'in'), outputPath: join(dir, 'out'), expected, timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ state: 'completed', callsPerSample: 4, checkedOutputs: 2 });
    expect(outcome.state === 'completed' && outcome.samplesNs).toHaveLength(3);
    const wrong = await runDriver({ ...job, driver, inputPath: join(dir, 'in'), outputPath: join(dir, 'out'), expected: { sha256: sha(input), bytes: 32 }, timeoutMs: 30_000 });
    expect(wrong).toMatchObject({ state: 'errored', failure: 'wrong-output' });
  });
});

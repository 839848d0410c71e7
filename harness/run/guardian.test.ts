import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUARDIAN_ARG, guardedEnding } from './guardian.js';
import { BUILD_DIR, ROOT } from '../paths.js';
import type { RunRecord } from '../contract/index.js';

const CLI = join(BUILD_DIR, 'harness', 'cli.mjs');

/** Polls `check` every 100 ms until it is true or `limitMs` passed (a generous bound, not a timing assertion). */
async function until(check: () => boolean, limitMs = 30_000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** Pids of guardians watching `runJson` (from /proc). */
function guardiansOf(runJson: string): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.includes(GUARDIAN_ARG) && args.includes(runJson) ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}

describe('guardedEnding', () => {
  const run = { state: 'running', owner: { pid: 7, hostname: 'h' } } as unknown as RunRecord;
  it('marks a running run of that pid interrupted, recorded by the guardian', () => {
    const ended = guardedEnding(run, 7, new Date('2026-11-29T00:00:00Z'));
    expect(ended?.state).toBe('interrupted');
    expect(ended?.ending).toMatchObject({ recordedBy: 'guardian', at: '2026-11-29T00:00:00.000Z' });
  });
  it('leaves a run that recorded its own ending, or belongs to another process, alone', () => {
    expect(guardedEnding({ ...run, state: 'completed' } as RunRecord, 7, new Date())).toBeUndefined();
    expect(guardedEnding({ ...run, state: 'interrupted' } as RunRecord, 7, new Date())).toBeUndefined();
    expect(guardedEnding(run, 8, new Date())).toBeUndefined();
  });
});

describe.skipIf(!existsSync(CLI) || !existsSync('/proc'))('the guardian process', () => {
  it('records a run killed with SIGKILL as interrupted, then exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardian-test-'));
    const runJson = join(dir, 'run.json');
    // A stand-in for the bench process: starts its guardian exactly as the CLI does, then idles.
    const script = `import('${join(ROOT, 'harness', 'run', 'guardian.ts')}').then((m) => { m.startGuardian(${JSON.stringify(runJson)}, ${JSON.stringify(CLI)}); console.log('ready'); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await until(() => out.includes('ready'))).toBe(true);
    writeFileSync(runJson, JSON.stringify({ runId: 'r', state: 'running', owner: { pid: child.pid, hostname: 'h' }, results: [] }));
    expect(await until(() => guardiansOf(runJson).length === 1)).toBe(true);

    child.kill('SIGKILL');
    expect(await until(() => (JSON.parse(readFileSync(runJson, 'utf8')) as RunRecord).state === 'interrupted')).toBe(true);
    const run = JSON.parse(readFileSync(runJson, 'utf8')) as RunRecord;
    expect(run.ending?.recordedBy).toBe('guardian');
    expect(run.ending?.reason).toContain(`process ${child.pid}`);
    expect(await until(() => guardiansOf(runJson).length === 0)).toBe(true);
  }, 90_000);
});

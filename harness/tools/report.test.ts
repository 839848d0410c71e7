import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { renderAdr } from '../report/adr.js';
import { sampleRun } from '../report/fixtures.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function runDir(run: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-report-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  return dir;
}

const render = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'harness/tools/report.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run report', () => {
  it('re-renders every report from run.json, leaves run.json alone, and adds no schema copy where there was none', () => {
    const dir = runDir(sampleRun());
    const before = readFileSync(join(dir, 'run.json'), 'utf8');
    const out = render(dir);
    expect(out.status, out.stderr).toBe(0);
    for (const file of ['report.md', 'report.html', 'results.csv', 'adr-draft.md']) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(readFileSync(join(dir, 'adr-draft.md'), 'utf8')).toBe(renderAdr(sampleRun()));
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'run.schema.json'))).toBe(false);
  });

  it('refuses a run.json that does not match the schema and writes nothing for it', () => {
    const dir = runDir({ ...sampleRun(), startedAt: 'yesterday' });
    const out = render(dir);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/does not match the run\.json schema: \/startedAt: must match format "date-time"/);
    expect(existsSync(join(dir, 'report.md'))).toBe(false);
    const unknownVersion = render(runDir({ ...sampleRun(), schemaVersion: 'one' }));
    expect([unknownVersion.status, unknownVersion.stderr]).toEqual([2, expect.stringMatching(/has schemaVersion "one"; this code reads versions 1 and 2/)]);
  });

  it('prints its usage and exits 2 without a directory', () => {
    expect(render().status).toBe(2);
  });

  it('refuses --index with run directories: the index lists every published run', () => {
    const out = render('--index', 'somewhere');
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('--index lists every published run');
  });
});

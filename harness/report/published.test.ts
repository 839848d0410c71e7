/**
 * The published runs (results/published/*) were summarised before runs
 * recorded process-level intervals, calibration controls, fork spread or
 * outliers. Their reports must render from run.json exactly as committed:
 * a reporter that learns new facts may add columns and sections only where
 * a run has them, never change what an older run says.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import type { RunRecord } from '../contract/index.js';
import { renderAll } from './index.js';
import { readRunRecord } from '../run-file/read.js';

const PUBLISHED = join(RESULTS_DIR, 'published');
const runs = readdirSync(PUBLISHED, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(PUBLISHED, entry.name, 'run.json')))
  .map((entry) => entry.name);

describe('published runs', () => {
  it('exist (this test would pass vacuously without them)', () => {
    expect(runs.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of runs) {
    it(`${name}: every committed report renders byte for byte from its run.json`, () => {
      const dir = join(PUBLISHED, name);
      const run = readRunRecord(join(dir, 'run.json'));
      // Published runs leave the schema copy out (see results/README.md); every other file they keep is compared.
      const committed = renderAll(run).filter(([fileName]) => existsSync(join(dir, fileName)));
      expect(committed.map(([fileName]) => fileName)).toEqual(expect.arrayContaining(['report.md', 'report.html', 'results.csv', 'adr-draft.md']));
      for (const [fileName, contents] of committed) expect(contents, fileName).toBe(readFileSync(join(dir, fileName), 'utf8'));
    });
  }
});

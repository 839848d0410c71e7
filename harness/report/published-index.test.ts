import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import type { ResultRecord } from '../contract/index.js';
import { completed, configWith, sampleRun, vs, warm } from './fixtures.js';
import { PUBLISHED_INDEX, publishedIndexOf, readPublishedRuns, renderPublishedIndex } from './published-index.js';

const PUBLISHED = join(RESULTS_DIR, 'published');

describe('results/published/index.md', () => {
  it('is the index generated from the published runs (npm run report -- --index)', () => {
    expect(readFileSync(join(PUBLISHED, PUBLISHED_INDEX), 'utf8')).toBe(publishedIndexOf(PUBLISHED));
  });

  it('lists every published run with its date, what it measured, its files and one verdict per workload', () => {
    const index = readFileSync(join(PUBLISHED, PUBLISHED_INDEX), 'utf8');
    const runs = readPublishedRuns(PUBLISHED);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const { dir, run } of runs) {
      const from = index.indexOf(`\n## ${dir}\n`);
      expect(from, dir).toBeGreaterThan(0);
      const part = index.slice(from, index.indexOf('\n## ', from + 1) === -1 ? undefined : index.indexOf('\n## ', from + 1));
      expect(part).toContain(`- Date: ${run.startedAt} to ${run.finishedAt}`);
      expect(part).toMatch(/\n- Measured: \d+ workloads? as /);
      expect(part).toContain(`[adr-draft.md](${dir}/adr-draft.md)`);
      for (const workload of new Set(run.results.map((r) => r.workload))) expect(part).toMatch(new RegExp(`\\n\\| ${workload} \\| (consider |stay on node|stay on Node\\.js \\(node-idiomatic\\)|not decided|no recommendation)`));
    }
  });

  it('takes its verdicts from the ADR decision: a win, node, and not decided (never a win) for unresolved evidence', () => {
    const node = completed('a', 'node', 'small', { warm: warm(1000) });
    const results: ResultRecord[] = [
      node,
      completed('a', 'wasm', 'small', { warm: warm(500), vsNode: vs(0.5, 0.45, 0.55, 'faster') }),
      { ...node, workload: 'b' },
      completed('b', 'wasm', 'small', { warm: warm(3000), vsNode: vs(3, 2.8, 3.2, 'slower') }),
      { ...node, workload: 'c' },
      completed('c', 'wasm', 'small', { warm: warm(970), vsNode: vs(0.97, 0.91, 1.12, 'unresolved', { unit: 'process', count: 10 }) }),
    ];
    const page = renderPublishedIndex([{ dir: 'x', run: { ...sampleRun(results), config: configWith({ quick: true }) } }], () => true);
    expect(page).toContain('| a | consider wasm, at least 1.82× faster warm |');
    expect(page).toContain('| b | stay on node |');
    expect(page).toContain('| c | not decided (unresolved) |');
    expect(page).toContain('- Measured: 3 workloads as node and wasm, placement local; only small; smoke run (--quick)');
  });
});
